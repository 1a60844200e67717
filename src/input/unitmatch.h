/* unitmatch.h — unit identity across periods: which unit of this period
 * each row of the previous period's file continues.
 *
 * In order: the unit code ("mã đơn vị") when both rows have one; report.json's
 * "renamed"/"merged" links; the name, compared by text_key (NFC, case,
 * spaces, Ð as Đ). A renamed unit takes the old row's figures as its
 * previous period; a merged unit only records the names it was made from
 * (no comparison is invented); rows nothing takes are kept as ds->gone. */
#ifndef BAOCAO_UNITMATCH_H
#define BAOCAO_UNITMATCH_H

#include "dataset.h"
#include "diag.h"

/* rows[0..n) are the previous file's units (cells and total as read); their
 * cells are moved into the matching ds->units[].prev (set to NULL here).
 * Errors: a link naming a unit of neither file, two rows taking one unit. */
int unit_match_previous(dataset *ds, unit *rows, size_t n, const char *path, diag *d);

/* Checks ds->links against this period's units (each "now" must be one)
 * and for cycles; `file` is report.json. */
int unit_links_check(const dataset *ds, const char *file, diag *d);

/* The closest of names[0..n) to name by edit distance on text_fold keys,
 * if close enough to suggest ("did you mean"); -1 otherwise. */
long unit_suggest(const char *name, const char *const *names, size_t n);

#endif
