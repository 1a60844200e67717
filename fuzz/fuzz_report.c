/* fuzz_report.c — report.json through the whole report reader (jsonin,
 * report_json, the scheme it names from templates/schemes, and the
 * Điện Biên sample's scores next to it), then scored. */
#include "fuzz.h"
#include "input.h"
#include "score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        fuzz_copy("samples/huyen-dien-bien-2023-07/scores.csv", "scores.csv");
        ready = 1;
    }
    const char *report = fuzz_put("report.json", data, size);
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
