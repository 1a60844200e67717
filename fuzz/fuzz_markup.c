/* fuzz_markup.c — bytes as the block markup of a rendered template, and
 * the same bytes escaped, which must read back without an error. */
#include "fuzz.h"
#include "markup.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    doc out = {0};
    diag d = {0};
    size_t off;
    (void)markup_parse((const char *)data, size, &out, &off, &d);
    doc_free(&out);
    /* markup_escape takes a string: only NUL-free input. */
    if (memchr(data, 0, size))
        return 0;
    char *s = strndup((const char *)data, size);
    sbuf b = {0};
    markup_escape(&b, s);
    doc back = {0};
    if (markup_parse(b.s ? b.s : "", b.len, &back, &off, &d) < 0)
        abort();
    doc_free(&back);
    sbuf_free(&b);
    free(s);
    return 0;
}
