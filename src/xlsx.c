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
#define XLSX_MAX_COLS 16384

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
            rc = diag_set(d, "xlsx-format", "%s: %s: cannot decompress: %s", path, part,
                          zip_strerror(z));
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
    /* the worksheet */
    csv *c;
    csv_row row;
    size_t rowcap;
    long row_no, col;
    char type[16];
    int has_value;
    char **merges;           /* "A1:C1" */
    size_t nmerges, mcap;
} reader;

/* Stops the parse with an error about the current cell ("file:Sheet!C5: …"). */
static void fail(reader *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(reader *r, const char *key, const char *fmt, ...)
{
    if (!r->failed) {
        char msg[512], where[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        csv_row at = {.line = (int)r->row_no};
        csv tmp = {.path = (char *)r->path, .sheet = r->sheet};
        csv_where(&tmp, &at, r->col < 0 ? 0 : (size_t)r->col, where, sizeof where);
        diag_set(r->d, key, "%s: %s", where, msg);
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

static void finish_cell(reader *r)
{
    sbuf v = {0};
    const char *raw = sbuf_str(&r->text);
    if (!r->has_value) {
        /* an empty cell (only a style) */
    } else if (!strcmp(r->type, "s")) {
        char *end;
        unsigned long i = strtoul(raw, &end, 10);
        if (end == raw || *end || i >= r->nstrings) {
            fail(r, "xlsx-format", "shared string %s does not exist", raw);
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
    char *nfc = text_nfc(sbuf_str(&v), v.len);
    sbuf_free(&v);
    if (!nfc) {
        fail(r, "xlsx-format", "invalid UTF-8 in a cell");
        return;
    }
    grow(&r->row.fields, &r->rowcap, (size_t)r->col + 1, sizeof *r->row.fields);
    while (r->row.n < (size_t)r->col)
        r->row.fields[r->row.n++] = xstrdup("");
    r->row.fields[r->row.n++] = text_trim(nfc);
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *l = local(name), *ref = attr(atts, "r");
    if (!strcmp(l, "row")) {
        long n = ref ? atol(ref) : r->row_no + 1;
        if (n <= r->row_no || n > XLSX_MAX_ROWS)
            fail(r, "xlsx-format", "row \"%s\" is out of order or out of range", ref ? ref : "");
        r->row_no = n;
        r->row.line = (int)n;
        r->col = -1;
    } else if (!strcmp(l, "c")) {
        long col = r->col + 1, row = r->row_no;
        if (ref && (parse_ref(ref, &col, &row) < 0 || row != r->row_no || col <= r->col))
            fail(r, "xlsx-format", "cell reference \"%s\" is out of order or out of range", ref);
        if (col >= XLSX_MAX_COLS)
            fail(r, "xlsx-too-large", "more columns than a worksheet can have");
        r->col = col;
        const char *t = attr(atts, "t");
        snprintf(r->type, sizeof r->type, "%s", t ? t : "");
        r->has_value = 0;
        sbuf_reset(&r->text);
    } else if (!strcmp(l, "v") || !strcmp(l, "t")) {
        /* <v>, or <t> of an inline string <is>; the formula <f> is skipped. */
        r->collect = 1;
        r->has_value = 1;
    } else if (!strcmp(l, "rPh")) {
        r->in_phonetic = 1;
    } else if (!strcmp(l, "mergeCell") && attr(atts, "ref")) {
        grow(&r->merges, &r->mcap, r->nmerges + 1, sizeof *r->merges);
        r->merges[r->nmerges++] = xstrdup(attr(atts, "ref"));
    }
}

static void sheet_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    const char *l = local(name);
    if (!strcmp(l, "v") || !strcmp(l, "t"))
        r->collect = 0;
    else if (!strcmp(l, "rPh"))
        r->in_phonetic = 0;
    else if (!strcmp(l, "c") && !r->failed)
        finish_cell(r);
    else if (!strcmp(l, "row"))
        csv_add_row(r->c, &r->row), r->rowcap = 0;
}

/* The row numbered line, or NULL when it is blank. */
static csv_row *find_row(csv *c, long line)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->rows[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && c->rows[lo].line == line ? &c->rows[lo] : NULL;
}

/* Gives a merged range's value (its top-left cell's) to every cell of it. */
static void apply_merge(csv *c, const char *range)
{
    char a[16], b[16];
    long c0, r0, c1, r1;
    if (sscanf(range, "%15[A-Z0-9]:%15[A-Z0-9]", a, b) != 2 || parse_ref(a, &c0, &r0) < 0 ||
        parse_ref(b, &c1, &r1) < 0 || c1 < c0 || r1 < r0)
        return;
    const csv_row *top = find_row(c, r0);
    if (!top || (size_t)c0 >= top->n || !*top->fields[c0])
        return;
    char *v = xstrdup(top->fields[c0]);
    for (long rn = r0; rn <= r1; rn++) {
        csv_row *row = find_row(c, rn);
        if (!row)
            continue;
        size_t cap = row->n;
        for (long k = c0; k <= c1; k++) {
            grow(&row->fields, &cap, (size_t)k + 1, sizeof *row->fields);
            while (row->n <= (size_t)k)
                row->fields[row->n++] = xstrdup("");
            free(row->fields[k]);
            row->fields[k] = xstrdup(v);
        }
    }
    free(v);
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
    for (size_t i = 0; i < r.nmerges; i++)
        apply_merge(c, r.merges[i]);
    /* Numbers are written with a point; numbers typed as text ("84,69")
     * decide like a CSV's. */
    c->decimal = csv_detect_decimal(c);
    rc = 0;
out:
    zip_discard(z);
    strv_free(r.strings, r.nstrings);
    strv_free(r.merges, r.nmerges);
    strv_free(r.row.fields, r.row.n);
    sbuf_free(&r.text);
    sbuf_free(&r.sheets);
    free(r.sheet);
    free(r.rid);
    free(r.target);
    if (rc < 0)
        csv_free(c);
    return rc;
}
