/* table.h — the computed appendix table as text for the terminal, or CSV. */
#ifndef BAOCAO_TABLE_H
#define BAOCAO_TABLE_H

#include <stdio.h>
#include "dataset.h"
#include "score.h"

/* One row per unit in display order: indicators, achieved/max, converted,
 * class (or rank for schemes without classes). as_csv: RFC 4180 with a
 * decimal point, for machines; otherwise aligned text with decimal commas. */
void table_print(FILE *out, const dataset *ds, const scoring *sc, int as_csv);

#endif
