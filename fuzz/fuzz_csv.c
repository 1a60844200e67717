/* fuzz_csv.c — arbitrary bytes through encoding detection (UTF-8, or
 * Windows-1258, TCVN3, VISCII by their Vietnamese) and the CSV parser,
 * from memory. */
#include "fuzz.h"
#include "csv.h"
#include "encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decoded_text t;
    diag d = {0};
    if (encoding_decode("fuzz.csv", (const char *)data, size, ENC_AUTO, &t, &d) < 0)
        return 0;
    csv c;
    if (csv_parse(&c, "fuzz.csv", t.text, t.len, &d) == 0)
        csv_free(&c);
    free(t.text);
    return 0;
}
