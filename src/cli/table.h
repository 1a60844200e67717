/* table.h — the computed appendix table as text for the terminal, or CSV.
 *
 * Invariants of cli/: the only folder that prints; it calls app/ (and
 * reads model/ for `score`), and what the library tells it (warnings,
 * notes, progress, archive outcomes) arrives as data or through hooks. */
#ifndef BAOCAO_TABLE_H
#define BAOCAO_TABLE_H

#include <stdio.h>
#include "dataset.h"
#include "score.h"

typedef enum table_format {
    TABLE_TEXT,            /* aligned, decimal commas, for the terminal */
    TABLE_CSV,             /* RFC 4180 with a decimal point, for machines */
    TABLE_EXCEL            /* what Excel on a Vietnamese Windows opens as is: UTF-8
                              with BOM, ";" between fields, decimal comma, CRLF */
} table_format;

/* One row per unit in display order: indicators, achieved/max, converted,
 * class (or rank for schemes without classes). */
void table_print(FILE *out, const dataset *ds, const scoring *sc, table_format fmt);

#endif
