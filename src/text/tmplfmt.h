/* tmplfmt.h — the formatters a template applies with "|": Vietnamese
 * conventions for numbers, changes, dates, case and lists.
 *
 *   {{score | num}}  {{delta | change "bậc" "giữ nguyên" "tăng" "giảm"}}  {{names | join "và" | upper}}
 *
 * Every formatter takes one value of a fixed kind and writes text, so they
 * chain: the second formatter of a chain receives the first one's text. */
#ifndef BAOCAO_TMPLFMT_H
#define BAOCAO_TMPLFMT_H

#include <stddef.h>
#include "diag.h"
#include "sbuf.h"
#include "value.h"

typedef struct tmpl_formatter tmpl_formatter;

/* The formatter called name[0..len), or NULL. */
const tmpl_formatter *tmplfmt_find(const char *name, size_t len);
/* How many quoted arguments it needs and accepts. The words a formatter
 * writes ("tăng", "và") are always its arguments: wording is the
 * template's, never the formatter's. */
int tmplfmt_min_args(const tmpl_formatter *f);
int tmplfmt_max_args(const tmpl_formatter *f);

/* Appends f applied to v to out. On a value of the wrong kind or out of the
 * formatter's domain, fills d (without a location: the caller knows the
 * template position) and returns -1. */
int tmplfmt_apply(const tmpl_formatter *f, const value *v, char *const *args, size_t nargs, sbuf *out,
                  diag *d);

#endif
