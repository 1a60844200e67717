/* notice.h — the per-unit notice: a công văn telling one unit of a scored
 * dataset its own results (seed 001), with optional statistics appendices
 * (Phụ lục I and II, seed 001's portal figures at two snapshot dates).
 *
 * The data come from the "notices" object of report.json (notice_input.c);
 * every rate and change is computed here, the wording is in the notice's
 * template (templates/<notices.template>/body.tpl and its partials). */
#ifndef BAOCAO_NOTICE_H
#define BAOCAO_NOTICE_H

#include "dataset.h"
#include "notices.h"
#include "doc.h"
#include "report.h"
#include "score.h"
#include "value.h"

/* The value tree the notice templates read: facts_common of the notice's
 * document plus the unit, its indicators, score, rank and statistics. */
value *notice_facts(const dataset *ds, const doc_meta *m, const scoring *sc, const notice_set *ns, size_t u);

/* Every template a notice of ns may render (NULL-terminated, *n of them,
 * malloc'd: strv_free(v, n)), for tmpl_set_load. */
char **notice_templates(const notice_set *ns, size_t *n);

/* The notice of unit u: front, body, closing, Phụ lục I and II, worded by
 * o->templates (the set of notice_templates). */
int notice_build(const dataset *ds, const scoring *sc, const notice_set *ns, size_t u,
                 const report_opts *o, doc *out, diag *d);

#endif
