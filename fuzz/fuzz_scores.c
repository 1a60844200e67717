/* fuzz_scores.c — a scores CSV read against the scheme and sections of the
 * Điện Biên sample (its report.json, unchanged), then scored. */
#include "fuzz.h"
#include "input.h"
#include "score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *report;
    if (!report) {
        fuzz_copy("samples/huyen-dien-bien-2023-07/report.json", "report.json");
        report = strdup(fuzz_path("report.json"));
    }
    fuzz_put("scores.csv", data, size);
    dataset ds;
    diag d = {0};
    if (dataset_load(&ds, report, SOURCE_DIR, &d) < 0)
        return 0;
    scoring sc;
    if (score_dataset(&ds, &sc, &d) == 0)
        scoring_free(&sc);
    dataset_free(&ds);
    return 0;
}
