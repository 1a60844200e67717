/* fuzz_csv.c — the CSV reader on arbitrary bytes (from memory): encoding
 * detection and conversion first, as csv_read_file does, then the parser
 * on the raw bytes too (it must reject what is not UTF-8 by itself). */
#include "csv.h"
#include "encoding.h"
#include "fuzz.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv c;
    diag d = {0};
    decoded_text t;
    if (encoding_decode("fuzz.csv", (const char *)data, size, ENC_AUTO, &t, &d) == 0) {
        if (csv_parse(&c, "fuzz.csv", t.text, t.len, &d) == 0)
            csv_free(&c);
        free(t.text);
    }
    if (csv_parse(&c, "fuzz.csv", (const char *)data, size, &d) == 0)
        csv_free(&c);
    return 0;
}
