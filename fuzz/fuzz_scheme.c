/* fuzz_scheme.c — the scheme reader on arbitrary bytes. */
#include "fuzz.h"
#include "scheme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scheme s;
    diag d = {0};
    if (scheme_load_file(&s, fuzz_put("scheme.json", data, size), &d) == 0) {
        scheme_total_max(&s);
        scheme_free(&s);
    }
    return 0;
}
