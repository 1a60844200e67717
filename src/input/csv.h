/* csv.h — reading CSV as spreadsheets write it: UTF-8 (BOM or not) or a
 * legacy Vietnamese encoding (encoding.h), delimiter ',' ';' or tab
 * (detected from the header line), quoted fields with embedded delimiters,
 * doubled quotes and newlines, CRLF or LF, decimal comma or point.
 * The rows are also what the XLSX reader (xlsx.h) produces, so everything
 * after the reader is shared. Every row keeps its line, for messages. */
#ifndef BAOCAO_CSV_H
#define BAOCAO_CSV_H

#include <stddef.h>
#include "diag.h"
#include "encoding.h"

/* Upper bounds of both readers that turn hostile input into a clear error
 * instead of exhausting memory. */
#define CSV_MAX_FIELD (1u << 20)   /* bytes of one cell */
#define CSV_MAX_FIELDS 4096        /* columns */

/* A row: dense from a CSV (fields[k] is column k), sparse from an XLSX
 * sheet (only the cells that hold text, at columns cols[]), so that a row
 * with one value in its last column costs one cell. Read it with
 * csv_field. */
typedef struct csv_row {
    char **fields;         /* UTF-8 NFC, trimmed; `count` of them */
    size_t *cols;          /* their columns, ascending; NULL when dense */
    size_t count;
    size_t n;              /* width: the last column that holds text, plus one */
    int line;              /* 1-based line where the row starts */
} csv_row;

typedef struct csv {
    csv_row *rows;         /* blank rows dropped; trailing empty columns dropped */
    size_t n, cap;
    char delimiter;
    char decimal;          /* ',' or '.' for every number of the file; 0 = per value */
    char *path;
    char *sheet;           /* XLSX: the worksheet's name (rows are its rows); NULL for CSV */
    char *sheets;          /* XLSX: every worksheet of the workbook, "A", "B" (for messages) */
    decoded_text source;   /* how the bytes were decoded (its text is freed) */
} csv;

/* Reads a whole file in encoding enc (ENC_AUTO: detect, see encoding.h). */
int csv_read_file(csv *c, const char *path, text_encoding enc, diag *d);

/* The same, but each row (blank ones dropped) goes to fn as soon as it is
 * read and is freed after, so a large file costs its text, not its rows;
 * c->rows stays empty and c->decimal 0. A negative return of fn (with its
 * diag set) stops the reading and is returned. */
typedef int (*csv_row_fn)(void *arg, const csv *c, const csv_row *r);
int csv_each_row(csv *c, const char *path, text_encoding enc, csv_row_fn fn, void *arg, diag *d);

/* Parses a buffer that must be valid UTF-8 (a BOM is skipped); the error
 * names the file and line of the first invalid byte. */
int csv_parse(csv *c, const char *name, const char *data, size_t len, diag *d);

/* The file's decimal separator (',' '.' or 0 = per value) from the numbers
 * in its rows after the first (the rule is in README.md). */
char csv_detect_decimal(const csv *c);

/* Where cell col of row r is, for messages: "scores.csv:7" or, from an
 * XLSX file, "scores.xlsx:Sheet1!D7". CSV_WHERE_SIZE holds any of them (a
 * path of PATH_MAX, a sheet name of Excel's 31 characters), so that a place
 * is never cut inside a character. */
#define CSV_WHERE_SIZE (4096 + 256)
void csv_where(const csv *c, const csv_row *r, size_t col, char *buf, size_t size);
void csv_free(csv *c);

/* The column's letters as a spreadsheet names it: 0 -> "A", 27 -> "AB". */
void csv_column_name(size_t col, char out[8]);

/* The text of column k of r ("" when the row has no such cell). */
const char *csv_field(const csv_row *r, size_t k);

/* Appends row r (fields malloc'd, trimmed NFC) and takes its memory; drops
 * its trailing empty cells, and the row when nothing is left. Resets r. */
void csv_add_row(csv *c, csv_row *r);

#endif
