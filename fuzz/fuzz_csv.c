/* fuzz_csv.c — the CSV reader on arbitrary bytes (from memory). */
#include "csv.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv c;
    diag d = {0};
    if (csv_parse(&c, "fuzz.csv", (const char *)data, size, &d) == 0)
        csv_free(&c);
    return 0;
}
