/* facts.h — what a report's wording needs, derived from the scored data.
 *
 * Templates never compute: every count, list of names, change and
 * comparison they print is worked out here, once, and handed over as a
 * value tree (value.h). The keys are documented for template authors in
 * templates/README.md ("Report data"). */
#ifndef BAOCAO_FACTS_H
#define BAOCAO_FACTS_H

#include "dataset.h"
#include "doc.h"
#include "score.h"
#include "tmpl.h"
#include "value.h"

/* The wording of a period (two texts: "tháng 7 năm 2023", "tháng 07/2023")
 * and of a trích yếu report.json does not give (one text). */
#define PERIOD_TEMPLATE "ky-bao-cao"
#define SUBJECT_TEMPLATE "trich-yeu"

/* The document's own data: document, agency, signer and addressees from its
 * metadata m (number and date as given, blank or not), period and scheme
 * from ds. Every template gets these; facts_report and other documents add
 * to the map. */
value *facts_common(const dataset *ds, const doc_meta *m);

/* The words of the facts: period, period.previous and period.year_before
 * get "text" and "short" from PERIOD_TEMPLATE; a document without a subject
 * (m->subject NULL) gets SUBJECT_TEMPLATE's, in m and in document.subject. */
int facts_words(value *facts, doc_meta *m, const tmpl_set *t, diag *d);

/* A unit's identity across periods into map m: prev_name (its name last
 * period when written otherwise, or null), merged_from {count, names} and
 * new (not in the previous period's file). */
void facts_identity(value *m, const dataset *ds, const unit *u);

/* facts_common plus the results: sections, classes, indicators, decreases. */
value *facts_report(const dataset *ds, const doc_meta *m, const scoring *sc);

#endif
