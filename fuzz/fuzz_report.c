/* fuzz_report.c — report.json through the whole report reader (jsonin,
 * report_json, the scheme it names from templates/schemes, and the
 * Điện Biên sample's scores next to it), then scored. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        fuzz_copy("samples/huyen-dien-bien-2023-07/scores.csv", "scores.csv");
        ready = 1;
    }
    fuzz_load_report(fuzz_put("report.json", data, size));
    return 0;
}
