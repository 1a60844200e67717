/* xlsx.c — a worksheet of an .xlsx workbook as rows of text cells.
 *
 * The parts read: xl/workbook.xml (sheet names and relationship ids),
 * xl/_rels/workbook.xml.rels (their part names), xl/sharedStrings.xml and
 * the worksheet. Element and attribute names are compared without their
 * namespace prefix, as generators differ in prefixes. */
#include "xlsx.h"
#include "sbuf.h"
#include "text.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Limits that turn a zip bomb or a hostile sheet into a clear error. */
#define XLSX_MAX_PART (64u << 20)    /* decompressed bytes of one XML part */
#define XLSX_MAX_ROWS 1048576        /* Excel's own limits */
#define XLSX_MAX_COLS 16384          /* (CSV_MAX_FIELDS bounds the columns read) */
#define XLSX_MAX_SHEET_NAME 31      /* characters, as Excel allows */
#define XLSX_MAX_MERGES 65536        /* merged ranges of one sheet */
#define XLSX_MAX_MERGE_CELLS (1u << 20)  /* cells given a value by merges */

static const char *local(const char *name)
{
    const char *p = strrchr(name, ':');
    return p ? p + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (; *atts; atts += 2)
        if (!strcmp(local(atts[0]), name))
            return atts[1];
    return NULL;
}

/* Streams one part of the zip through parser p. A missing optional part is
 * not an error (returns 1). */
static int parse_part(zip_t *z, const char *part, int optional, XML_Parser p, const char *path,
                      diag *d)
{
    zip_file_t *f = zip_fopen(z, part, 0);
    if (!f)
        return optional ? 1
                        : diag_set(d, "xlsx-format", "%s: not a workbook: no part %s", path, part);
    char buf[65536];
    zip_int64_t k;
    size_t total = 0;
    int rc = 0;
    do {
        k = zip_fread(f, buf, sizeof buf);
        if (k < 0) {
            /* The cause (a zlib or CRC error) is the file's, not the archive's. */
            rc = diag_set(d, "xlsx-format", "%s: %s: cannot decompress: %s", path, part,
                          zip_file_strerror(f));
            break;
        }
        total += (size_t)k;
        if (total > XLSX_MAX_PART) {
            rc = diag_set(d, "xlsx-too-large", "%s: %s is larger than %u MB uncompressed", path,
                          part, XLSX_MAX_PART >> 20);
            break;
        }
        if (XML_Parse(p, buf, (int)k, k == 0) == XML_STATUS_ERROR) {
            /* The handlers stop the parser after setting their own error. */
            if (XML_GetErrorCode(p) != XML_ERROR_ABORTED)
                diag_set(d, "xlsx-format", "%s: %s:%lu: %s", path, part,
                         (unsigned long)XML_GetCurrentLineNumber(p),
                         XML_ErrorString(XML_GetErrorCode(p)));
            rc = -1;
            break;
        }
    } while (k > 0);
    zip_fclose(f);
    return rc;
}

/* --- state shared by the handlers of every part ------------------------- */

typedef struct reader {
    XML_Parser p;
    const char *path;
    diag *d;
    int failed;
    /* workbook.xml and its relationships */
    const char *want;        /* sheet name asked for, NULL = first */
    char *sheet, *rid, *target;
    sbuf sheets;             /* every sheet's name, quoted, for messages */
    /* sharedStrings.xml */
    char **strings;
    size_t nstrings, scap;
    int in_si, in_phonetic;
    /* text being collected (<t>, <v>) */
    sbuf text;
    int collect;
    /* the worksheet: where the parse is (<row>, <c>, <v>) */
    csv *c;
    csv_row row;
    size_t rowcap;
    long row_no, col;
    int in_row, in_cell;
    char type[16];
    int has_value;
    char **merges;           /* "A1:C1" */
    size_t nmerges, mcap;
} reader;

/* Stops the parse with an error about the current cell ("file:Sheet!C5: …"),
 * or the sheet ("file:Sheet: …") when the parse is not inside a cell. */
static void sheet_error(reader *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void sheet_error(reader *r, const char *key, const char *fmt, ...)
{
    if (!r->failed) {
        va_list ap;
        va_start(ap, fmt);
        diag_vset(r->d, key, fmt, ap);
        va_end(ap);
        if (r->in_cell) {
            char col[8];
            csv_column_name((size_t)r->col, col);
            diag_prefix(r->d, "%s:%s!%s%ld", r->path, r->sheet, col, r->row_no);
            diag_at(r->d, r->path, (int)r->row_no, (int)r->col + 1);
        } else {
            diag_prefix(r->d, "%s:%s", r->path, r->sheet);
            diag_at(r->d, r->path, 0, 0);
        }
    }
    r->failed = 1;
    XML_StopParser(r->p, XML_FALSE);
}

static void on_text(void *ud, const XML_Char *s, int n)
{
    reader *r = ud;
    if (r->collect && !r->in_phonetic)
        sbuf_add(&r->text, s, (size_t)n);
}

/* workbook.xml: the first sheet, or the one named. */
static void workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *n = attr(atts, "name"), *id = attr(atts, "id");
    if (!strcmp(local(name), "sheet") && n)
        sbuf_printf(&r->sheets, "%s\"%s\"", r->sheets.len ? ", " : "", n);
    if (strcmp(local(name), "sheet") || r->rid || !n || !id)
        return;
    if (!r->want || !strcmp(n, r->want)) {
        size_t chars = 0;   /* expat gives valid UTF-8: count the lead bytes */
        for (const char *q = n; *q; q++)
            chars += ((unsigned char)*q & 0xC0) != 0x80;
        if (chars > XLSX_MAX_SHEET_NAME) {
            r->failed = 1;
            diag_set(r->d, "xlsx-format", "%s: a sheet name is longer than %d characters", r->path,
                     XLSX_MAX_SHEET_NAME);
            XML_StopParser(r->p, XML_FALSE);
            return;
        }
        r->sheet = xstrdup(n);
        r->rid = xstrdup(id);
    }
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
    if (strcmp(local(name), "Relationship") || !id || !t || r->target || strcmp(id, r->rid))
        return;
    /* Targets are relative to xl/, or absolute within the package. */
    sbuf b = {0};
    if (t[0] == '/')
        sbuf_puts(&b, t + 1);
    else
        sbuf_printf(&b, "xl/%s", t);
    r->target = sbuf_take(&b);
}

/* sharedStrings.xml: <si> holds <t> directly or in runs <r><t>; <rPh> is a
 * phonetic reading, not part of the text. */
static void strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *l = local(name);
    if (!strcmp(l, "si")) {
        r->in_si = r->collect = 1;
        sbuf_reset(&r->text);
    } else if (!strcmp(l, "rPh")) {
        r->in_phonetic = 1;
    }
}

static void strings_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    const char *l = local(name);
    if (!strcmp(l, "rPh")) {
        r->in_phonetic = 0;
    } else if (!strcmp(l, "si")) {
        grow(&r->strings, &r->scap, r->nstrings + 1, sizeof *r->strings);
        r->strings[r->nstrings++] = xstrdup(sbuf_str(&r->text));
        r->in_si = r->collect = 0;
    }
}

/* "C5" -> column 2, row 5; 0 on success. */
static int parse_ref(const char *ref, long *col, long *row)
{
    long c = 0, n = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z' && c <= XLSX_MAX_COLS; p++)
        c = c * 26 + (*p - 'A' + 1);
    for (; *p >= '0' && *p <= '9' && n <= XLSX_MAX_ROWS; p++)
        n = n * 10 + (*p - '0');
    if (*p || c < 1 || c > XLSX_MAX_COLS || n < 1 || n > XLSX_MAX_ROWS)
        return -1;
    *col = c - 1, *row = n;
    return 0;
}

/* A number as Excel shows it: at most 15 significant digits, no exponent,
 * trailing zeros dropped ("9.4100000000000001" -> "9.41"). */
static void format_number(const char *v, sbuf *out)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !isfinite(x) || fabs(x) >= 1e15) {
        sbuf_puts(out, v);
        return;
    }
    int digits = fabs(x) < 1 ? 1 : (int)floor(log10(fabs(x))) + 1;
    int places = 15 - digits > 9 ? 9 : 15 - digits;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", places, x);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf);
        while (e > dot && (e[-1] == '0' || e[-1] == '.'))
            *--e = 0;
    }
    sbuf_puts(out, strcmp(buf, "-0") ? buf : "0");
}

/* Appends text (malloc'd) at column col of a row being built, sparse. */
static void row_put(csv_row *row, size_t *cap, size_t col, char *text)
{
    size_t old = *cap;
    grow(&row->fields, cap, row->count + 1, sizeof *row->fields);
    *cap = old;
    grow(&row->cols, cap, row->count + 1, sizeof *row->cols);
    row->fields[row->count] = text;
    row->cols[row->count++] = col;
}

static void finish_cell(reader *r)
{
    sbuf v = {0};
    const char *raw = sbuf_str(&r->text);
    if (!r->has_value) {
        return;   /* an empty cell (only a style) */
    } else if (!strcmp(r->type, "s")) {
        char *end;
        unsigned long i = strtoul(raw, &end, 10);
        if (end == raw || *end || i >= r->nstrings) {
            sheet_error(r, "xlsx-format", "shared string %s does not exist", raw);
            return;
        }
        sbuf_puts(&v, r->strings[i]);
    } else if (!strcmp(r->type, "b")) {
        sbuf_puts(&v, strcmp(raw, "0") ? "1" : "0");
    } else if (!*r->type || !strcmp(r->type, "n")) {
        format_number(raw, &v);
    } else {   /* inlineStr, str (a formula's text), e (#DIV/0!) */
        sbuf_puts(&v, raw);
    }
    if (v.len > CSV_MAX_FIELD) {
        sbuf_free(&v);
        sheet_error(r, "csv-field-too-long", "a cell is longer than %u bytes", CSV_MAX_FIELD);
        return;
    }
    char *nfc = text_nfc(sbuf_str(&v), v.len);
    sbuf_free(&v);
    if (!nfc) {
        sheet_error(r, "xlsx-format", "invalid UTF-8 in a cell");
        return;
    }
    uint32_t cp;
    if (text_find_control(nfc, strlen(nfc), &cp) < strlen(nfc)) {
        free(nfc);
        sheet_error(r, "input-control", "a control character (U+%04X)", (unsigned)cp);
        return;
    }
    char *text = text_trim(nfc);
    if (!*text) {
        free(text);
        return;
    }
    /* Styled empty cells may lie anywhere; only text beyond the limit counts. */
    if (r->col >= CSV_MAX_FIELDS) {
        free(text);
        sheet_error(r, "csv-too-many-columns", "more than %d columns", CSV_MAX_FIELDS);
        return;
    }
    row_put(&r->row, &r->rowcap, (size_t)r->col, text);
}

/* The sheet as the format nests it: <row> holds <c>, <c> holds <v> (or
 * <is><t>); anything else in those places is refused before it can reach
 * the row being built. */
static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *l = local(name), *ref = attr(atts, "r");
    if (!strcmp(l, "row")) {
        if (r->in_row) {
            sheet_error(r, "xlsx-format", "a row inside row %ld", r->row_no);
            return;
        }
        long n = ref ? atol(ref) : r->row_no + 1;
        if (n <= r->row_no || n > XLSX_MAX_ROWS) {
            sheet_error(r, "xlsx-format", "row \"%s\" is out of order or out of range", ref ? ref : "");
            return;
        }
        r->in_row = 1;
        r->row_no = n;
        r->row.line = (int)n;
        r->col = -1;
    } else if (!strcmp(l, "c")) {
        if (r->in_cell) {
            sheet_error(r, "xlsx-format", "a cell inside a cell");
            return;
        }
        if (!r->in_row) {
            sheet_error(r, "xlsx-format", "a cell outside a row");
            return;
        }
        long col = r->col + 1, row = r->row_no;
        if (ref && (parse_ref(ref, &col, &row) < 0 || row != r->row_no || col <= r->col)) {
            sheet_error(r, "xlsx-format", "cell reference \"%s\" in row %ld is out of order or out of range",
                 ref, r->row_no);
            return;
        }
        if (col >= XLSX_MAX_COLS) {
            sheet_error(r, "xlsx-too-large", "more columns than a worksheet can have");
            return;
        }
        r->in_cell = 1;
        r->col = col;
        const char *t = attr(atts, "t");
        snprintf(r->type, sizeof r->type, "%s", t ? t : "");
        r->has_value = 0;
        sbuf_reset(&r->text);
    } else if (!strcmp(l, "v") || (!strcmp(l, "t") && r->in_cell)) {
        /* <v>, or <t> of an inline string <is>; the formula <f> is skipped. */
        if (!r->in_cell) {
            sheet_error(r, "xlsx-format", "a value outside a cell, in row %ld", r->row_no);
            return;
        }
        r->collect = 1;
        r->has_value = 1;
    } else if (!strcmp(l, "rPh")) {
        r->in_phonetic = 1;
    } else if (!strcmp(l, "mergeCell") && attr(atts, "ref")) {
        if (r->nmerges >= XLSX_MAX_MERGES) {
            sheet_error(r, "xlsx-too-large", "more than %d merged ranges", XLSX_MAX_MERGES);
            return;
        }
        grow(&r->merges, &r->mcap, r->nmerges + 1, sizeof *r->merges);
        r->merges[r->nmerges++] = xstrdup(attr(atts, "ref"));
    }
}

static void sheet_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    const char *l = local(name);
    if (r->failed)
        return;
    if (!strcmp(l, "v") || !strcmp(l, "t")) {
        r->collect = 0;
    } else if (!strcmp(l, "rPh")) {
        r->in_phonetic = 0;
    } else if (!strcmp(l, "c")) {
        finish_cell(r);
        r->in_cell = 0;
    } else if (!strcmp(l, "row")) {
        r->in_row = 0;
        csv_add_row(r->c, &r->row);
        r->rowcap = 0;
    }
}

/* The first row numbered line or later (c->n when none). */
static size_t row_at(const csv *c, long line)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->rows[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A cell that a merged range gives its value. */
typedef struct fill {
    size_t row, col, merge;   /* index in c->rows, column, which merge (later wins) */
    const char *value;        /* the top-left cell's text (copied before rows change) */
} fill;

static int fill_cmp(const void *a, const void *b)
{
    const fill *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->merge < y->merge ? -1 : x->merge > y->merge;
}

/* Rebuilds row with fills f[0..n) (sorted by column, a later merge last)
 * laid over its cells. */
static void fill_row(csv_row *row, const fill *f, size_t n)
{
    csv_row out = {.line = row->line};
    size_t cap = 0, i = 0, j = 0;
    while (i < row->count || j < n) {
        size_t col = j < n && (i == row->count || f[j].col <= row->cols[i]) ? f[j].col
                                                                          : row->cols[i];
        char *text;
        if (j < n && f[j].col == col) {
            while (j + 1 < n && f[j + 1].col == col)
                j++;
            text = xstrdup(f[j++].value);
            if (i < row->count && row->cols[i] == col)
                free(row->fields[i++]);
        } else {
            text = row->fields[i++];
        }
        row_put(&out, &cap, col, text);
    }
    free(row->fields);
    free(row->cols);
    out.n = row->n > out.cols[out.count - 1] + 1 ? row->n : out.cols[out.count - 1] + 1;
    *row = out;
}

/* Gives every merged range's value (its top-left cell's) to each cell of it
 * in a row that exists. The work is bounded by the cells written, whatever
 * the ranges span, and the fills are laid over each row once. */
static int apply_merges(reader *r)
{
    csv *c = r->c;
    fill *f = NULL;
    size_t n = 0, cap = 0, bytes = 0;
    int rc = 0;
    for (size_t m = 0; m < r->nmerges && !rc; m++) {
        char a[16], b[16];
        long c0, r0, c1, r1;
        if (sscanf(r->merges[m], "%15[A-Z0-9]:%15[A-Z0-9]", a, b) != 2 ||
            parse_ref(a, &c0, &r0) < 0 || parse_ref(b, &c1, &r1) < 0 || c1 < c0 || r1 < r0)
            continue;
        size_t top = row_at(c, r0);
        if (top == c->n || c->rows[top].line != r0)
            continue;
        const char *v = csv_field(&c->rows[top], (size_t)c0);
        if (!*v)
            continue;
        if (c1 >= CSV_MAX_FIELDS)
            c1 = CSV_MAX_FIELDS - 1;
        for (size_t i = top; i < c->n && c->rows[i].line <= r1 && !rc; i++)
            for (long k = c0; k <= c1; k++) {
                bytes += strlen(v) + 1;
                if (n >= XLSX_MAX_MERGE_CELLS || bytes > XLSX_MAX_PART) {
                    rc = diag_set(r->d, "xlsx-too-large",
                                  "the merged ranges cover more than %u cells or %u MB",
                                  XLSX_MAX_MERGE_CELLS, XLSX_MAX_PART >> 20);
                    diag_prefix(r->d, "%s:%s", r->path, r->sheet);
                    break;
                }
                grow(&f, &cap, n + 1, sizeof *f);
                f[n++] = (fill){(size_t)i, (size_t)k, m, v};
            }
    }
    if (!rc && n) {
        qsort(f, n, sizeof *f, fill_cmp);
        /* Values point into the rows: copy them all before any row changes. */
        char **copies = xmalloc(n * sizeof *copies);
        for (size_t i = 0; i < n; i++)
            f[i].value = copies[i] = xstrdup(f[i].value);
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i; j < n && f[j].row == f[i].row; j++)
                ;
            fill_row(&c->rows[f[i].row], f + i, j - i);
        }
        strv_free(copies, n);
    }
    free(f);
    return rc;
}

static int run(reader *r, zip_t *z, const char *part, int optional, XML_StartElementHandler start,
               XML_EndElementHandler end)
{
    r->p = XML_ParserCreate("UTF-8");
    XML_SetUserData(r->p, r);
    XML_SetElementHandler(r->p, start, end);
    XML_SetCharacterDataHandler(r->p, on_text);
    int rc = parse_part(z, part, optional, r->p, r->path, r->d);
    XML_ParserFree(r->p);
    r->collect = 0;
    return rc < 0 || r->failed ? -1 : 0;
}

int xlsx_read_file(csv *c, const char *path, const char *sheet, diag *d)
{
    memset(c, 0, sizeof *c);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        diag_set(d, err == ZIP_ER_NOENT || err == ZIP_ER_OPEN ? "file-open" : "xlsx-format",
                 "%s: cannot open as a workbook: %s", path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    reader r = {0};
    r.path = path, r.d = d, r.want = sheet, r.c = c;
    c->path = xstrdup(path);
    int rc = -1;
    if (run(&r, z, "xl/workbook.xml", 0, workbook_start, NULL) < 0)
        goto out;
    if (!r.rid) {
        if (sheet && r.sheets.len)
            diag_set(d, "xlsx-sheet", "%s: the workbook has no worksheet \"%s\" (its sheets: %s)", path, sheet,
                     r.sheets.s);
        else if (sheet)
            diag_set(d, "xlsx-sheet", "%s: the workbook has no worksheet \"%s\"", path, sheet);
        else
            diag_set(d, "xlsx-sheet", "%s: the workbook has no worksheet", path);
        goto out;
    }
    if (run(&r, z, "xl/_rels/workbook.xml.rels", 0, rels_start, NULL) < 0)
        goto out;
    if (!r.target) {
        diag_set(d, "xlsx-format", "%s: worksheet \"%s\" has no part", path, r.sheet);
        goto out;
    }
    c->sheet = xstrdup(r.sheet);
    c->sheets = sbuf_take(&r.sheets);
    if (run(&r, z, "xl/sharedStrings.xml", 1, strings_start, strings_end) < 0 ||
        run(&r, z, r.target, 0, sheet_start, sheet_end) < 0)
        goto out;
    if (apply_merges(&r) < 0)
        goto out;
    /* Numbers are written with a point; numbers typed as text ("84,69")
     * decide like a CSV's. */
    c->decimal = csv_detect_decimal(c);
    rc = 0;
out:
    zip_discard(z);
    strv_free(r.strings, r.nstrings);
    strv_free(r.merges, r.nmerges);
    strv_free(r.row.fields, r.row.count);
    free(r.row.cols);
    sbuf_free(&r.text);
    sbuf_free(&r.sheets);
    free(r.sheet);
    free(r.rid);
    free(r.target);
    if (rc < 0)
        csv_free(c);
    return rc;
}
