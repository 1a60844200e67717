/* fuzz_encoding.c — bytes through each decoder forced in turn (UTF-8,
 * Windows-1258, TCVN3, VISCII) and through the detection; what comes out
 * must be valid UTF-8. */
#include "fuzz.h"
#include "encoding.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const text_encoding all[] = {ENC_AUTO, ENC_UTF8, ENC_CP1258, ENC_TCVN3, ENC_VISCII};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        decoded_text t;
        diag d = {0};
        if (encoding_decode("fuzz.csv", (const char *)data, size, all[i], &t, &d) < 0)
            continue;
        for (size_t k = 0; k < t.len;) {
            uint32_t cp;
            int n = utf8_next(t.text + k, t.len - k, &cp);
            if (n <= 0)
                abort();
            k += (size_t)n;
        }
        free(t.text);
    }
    return 0;
}
