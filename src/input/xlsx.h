/* xlsx.h — reading one worksheet of an Office Open XML workbook (.xlsx)
 * into the same rows the CSV reader gives (csv.h), so that the scores code
 * is shared. libzip opens the container and expat parses the XML parts. */
#ifndef BAOCAO_XLSX_H
#define BAOCAO_XLSX_H

#include "csv.h"
#include "diag.h"

/* Reads worksheet `sheet` (NULL: the first) of the workbook at path: shared
 * and inline strings, numbers (as the shortest decimal that round-trips 15
 * significant digits, like Excel shows them), booleans (1/0), error values
 * as their text, empty cells; a merged range gives its value to every cell
 * it covers; c->decimal as for a CSV (numbers stored as text such as "84,69"
 * count). Row numbers become csv_row.line and c->sheet is set, so
 * messages say "scores.xlsx:Sheet1!D7". */
int xlsx_read_file(csv *c, const char *path, const char *sheet, diag *d);

#endif
