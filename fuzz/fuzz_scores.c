/* fuzz_scores.c — a scores CSV read against the scheme and sections of the
 * Điện Biên sample (its report.json, unchanged), then scored. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *report;
    if (!report) {
        fuzz_copy("samples/huyen-dien-bien-2023-07/report.json", "report.json");
        report = strdup(fuzz_path("report.json"));
    }
    fuzz_put("scores.csv", data, size);
    fuzz_load_report(report);
    return 0;
}
