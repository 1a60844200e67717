/* review.h — the pre-print review: the month-end slips that still make a
 * valid report (`baocao check`, and the warnings `render` and `batch`
 * print). Pure: reads a loaded, scored dataset, adds findings, prints
 * nothing.
 *
 * Warnings: period words in the trích yếu that disagree with "period"; a
 * date before the end of the period or more than 60 days after it; a
 * previous file that is the scores file, has its figures, or is named for
 * another period; indicators that do not add up to a given total; a score
 * moving more than the scheme's change_warning; units of last period missing
 * now and units new now (with a "did you mean" between the two; errors with
 * strict); names equal after folding. Notes: the readers' (columns of a
 * scores file that were read past). */
#ifndef BAOCAO_REVIEW_H
#define BAOCAO_REVIEW_H

#include "dataset.h"
#include "diag.h"
#include "notice.h"
#include "score.h"

enum { REVIEW_LATE_DAYS = 60 };

void review_dataset(const dataset *ds, const scoring *sc, int strict, findings *out);

/* The notices' own subject and date, and units with no score (no notice). */
void review_notices(const dataset *ds, const scoring *sc, const notice_set *ns, findings *out);

#endif
