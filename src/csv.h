/* csv.h — reading CSV as spreadsheets write it: optional UTF-8 BOM,
 * delimiter ',' ';' or tab (detected from the header line), quoted fields
 * with embedded delimiters, doubled quotes and newlines, CRLF or LF.
 * Every field keeps the line it started on, for error messages. */
#ifndef BAOCAO_CSV_H
#define BAOCAO_CSV_H

#include <stddef.h>
#include "diag.h"

typedef struct csv_row {
    char **fields;         /* UTF-8 NFC, trimmed */
    size_t n;
    int line;              /* 1-based line where the row starts */
} csv_row;

typedef struct csv {
    csv_row *rows;         /* blank rows dropped; trailing empty columns dropped */
    size_t n, cap;
    char delimiter;
    char *path;
} csv;

/* Parses a whole file / buffer. The text must be valid UTF-8 (a BOM is
 * skipped); the error names the file and line of the first invalid byte. */
int csv_read_file(csv *c, const char *path, diag *d);
int csv_parse(csv *c, const char *name, const char *data, size_t len, diag *d);
void csv_free(csv *c);

#endif
