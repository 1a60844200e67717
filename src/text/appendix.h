/* appendix.h — the phụ lục score table of a report, as its scheme's table
 * description (scheme.h table_spec) says. Every word comes from the
 * templates ("phu-luc", "phu-luc-chi-so") or the data. */
#ifndef BAOCAO_APPENDIX_H
#define BAOCAO_APPENDIX_H

#include "dataset.h"
#include "doc.h"
#include "score.h"
#include "tmpl.h"

/* The template texts the table uses where the description gives none. */
typedef struct table_words {
    const char *stt, *unit, *band, *achieved, *converted, *class_;
    const char *not_scored;    /* class cell of a unit with nothing applicable */
    const char *not_reported;  /* spans the score cells of a unit that did not report */
    const char *not_rated;     /* class cell of a unit with a status */
} table_words;

/* Appends the table to out: header rows (bands, group labels, column
 * heads), section rows and one row per unit shown. */
int appendix_table(const dataset *ds, const scoring *sc, const tmpl_set *ts, const table_words *w, doc *out,
                   diag *d);

/* Does the table print a "-" / the no-files marker (for the notes that explain them)? */
int appendix_has_dash(const dataset *ds, const scoring *sc);
int appendix_has_no_files(const dataset *ds, const scoring *sc);

#endif
