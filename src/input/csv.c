#define _POSIX_C_SOURCE 200809L
/* csv.c — a small RFC 4180 reader that forgives what Excel does. */
#include "csv.h"
#include "cancel.h"
#include "sbuf.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The delimiter is the candidate that occurs most often outside quotes on
 * the first line: ';' wins where Excel uses a decimal comma. */
static char detect_delimiter(const char *s, size_t n)
{
    size_t count[3] = {0};
    const char cand[3] = {',', ';', '\t'};
    int quoted = 0;
    for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            for (int k = 0; k < 3; k++)
                count[k] += s[i] == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

/* Which separator a number such as "84,69" or "1.234,5" proves decimal:
 * the last one when both occur, a single one not followed by exactly three
 * digits ("3.863" proves nothing: it may be thousands). 0: no proof. */
static char decimal_proof(const char *v)
{
    const char *p = v + (*v == '-' || *v == '+');
    char last = 0;
    int kinds = 0, after = 0, seps = 0;
    if (!*p)
        return 0;
    for (; *p; p++) {
        if (*p == ',' || *p == '.') {
            if (!after && seps)
                return 0;
            kinds |= *p == ',' ? 1 : 2;
            last = *p, after = 0, seps++;
        } else if (*p >= '0' && *p <= '9') {
            after++;
        } else {
            return 0;
        }
    }
    if (!last || !after)
        return 0;
    if (kinds == 3)
        return last;
    return seps == 1 && after != 3 ? last : 0;
}

/* The file's decimal separator: the one its numbers prove, when they prove
 * only one (then "3.863" beside "84,69" is 3863); with no proof a comma in
 * ';' files (Excel where the decimal is a comma), else per value; with
 * proofs of both, per value. */
char csv_detect_decimal(const csv *c)
{
    int seen = 0;
    for (size_t i = 1; i < c->n; i++)
        for (size_t k = 0; k < c->rows[i].count; k++) {
            char p = decimal_proof(c->rows[i].fields[k]);
            seen |= p == ',' ? 1 : p == '.' ? 2 : 0;
        }
    if (seen == 1 || (seen == 0 && c->delimiter == ';'))
        return ',';
    return seen == 2 ? '.' : 0;
}

static int finish_field(csv_row *r, size_t *cap, sbuf *f, diag *d, const char *name, int line)
{
    if (r->count >= CSV_MAX_FIELDS) {
        diag_set(d, "csv-too-many-columns", "%s:%d: more than %d columns", name, line, CSV_MAX_FIELDS);
        return diag_at(d, name, line, 0);
    }
    char *nfc = text_nfc(sbuf_str(f), f->len);
    if (!nfc) {
        diag_set(d, "csv-encoding", "%s:%d: invalid UTF-8 in a field", name, line);
        return diag_at(d, name, line, (int)r->count + 1);
    }
    uint32_t cp;
    if (text_find_control(nfc, strlen(nfc), &cp) < strlen(nfc)) {
        free(nfc);
        diag_set(d, "input-control", "%s:%d: column %zu holds a control character (U+%04X)", name, line,
                 r->count + 1, (unsigned)cp);
        return diag_at(d, name, line, (int)r->count + 1);
    }
    grow(&r->fields, cap, r->count + 1, sizeof *r->fields);
    r->fields[r->count++] = text_trim(nfc);
    sbuf_reset(f);
    return 0;
}

static int cmp_col(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

const char *csv_field(const csv_row *r, size_t k)
{
    if (!r->cols)
        return k < r->count ? r->fields[k] : "";
    const size_t *c = r->count ? bsearch(&k, r->cols, r->count, sizeof k, cmp_col) : NULL;
    return c ? r->fields[c - r->cols] : "";
}

static void row_free(csv_row *r)
{
    for (size_t k = 0; k < r->count; k++)
        free(r->fields[k]);
    free(r->fields);
    free(r->cols);
}

void csv_add_row(csv *c, csv_row *r)
{
    while (r->count && !r->fields[r->count - 1][0])
        free(r->fields[--r->count]);
    r->n = !r->count ? 0 : r->cols ? r->cols[r->count - 1] + 1 : r->count;
    if (r->n == 0) {
        row_free(r);
    } else {
        grow(&c->rows, &c->cap, c->n + 1, sizeof *c->rows);
        c->rows[c->n++] = *r;
    }
    memset(r, 0, sizeof *r);
}

/* Keeps row r, or with fn hands it to fn and frees it. */
static int add_row(csv *c, csv_row *r, csv_row_fn fn, void *arg)
{
    size_t n = c->n;
    csv_add_row(c, r);
    if (!fn || c->n == n)
        return 0;
    csv_row last = c->rows[--c->n];
    int rc = fn(arg, c, &last);
    row_free(&last);
    return rc;
}

/* csv_parse, with each row handed to fn (and freed) instead of kept when
 * fn is set. */
static int parse(csv *c, const char *name, const char *s, size_t n, csv_row_fn fn, void *arg, diag *d)
{
    memset(c, 0, sizeof *c);
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, n -= 3;
    /* Validate once up front so the error can name the line. */
    for (size_t i = 0, line = 1; i < n;) {
        uint32_t cp;
        int k = utf8_next(s + i, n - i, &cp);
        if (k <= 0) {
            diag_set(d, "csv-encoding",
                     "%s:%zu: the file is not valid UTF-8 (byte 0x%02X); save it as \"CSV UTF-8\" or name its encoding",
                     name, line, (unsigned char)s[i]);
            return diag_at(d, name, (int)line, 0);
        }
        if (cp == '\n')
            line++;
        i += (size_t)k;
    }
    c->path = xstrdup(name);   /* only now: the error return above frees nothing */
    c->delimiter = detect_delimiter(s, n);

    sbuf f = {0};
    csv_row r = {0};
    size_t rcap = 0;
    int line = 1, quoted = 0, was_quoted = 0;
    r.line = 1;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (quoted) {
            if (ch == '"') {
                if (i + 1 < n && s[i + 1] == '"')
                    sbuf_putc(&f, '"'), i++;
                else
                    quoted = 0;
            } else {
                if (ch == '\n')
                    line++;
                sbuf_putc(&f, ch);
            }
        } else if (ch == '"' && f.len == 0 && !was_quoted) {
            quoted = was_quoted = 1;
        } else if (ch == c->delimiter || ch == '\n' || ch == '\r') {
            if (finish_field(&r, &rcap, &f, d, name, line) < 0)
                goto fail;
            was_quoted = 0;
            if (ch != c->delimiter) {
                if (ch == '\r' && i + 1 < n && s[i + 1] == '\n')
                    i++;
                if (add_row(c, &r, fn, arg) < 0 || (line % 1024 == 0 && cancel_check(d) < 0))
                    goto fail;
                rcap = 0;
                line++;
                r.line = line;
            }
        } else {
            sbuf_putc(&f, ch);
        }
        if (f.len > CSV_MAX_FIELD) {
            diag_set(d, "csv-field-too-long", "%s:%d: a field is longer than %u bytes", name, line,
                     CSV_MAX_FIELD);
            diag_at(d, name, line, (int)r.count + 1);
            goto fail;
        }
    }
    if (quoted) {
        diag_set(d, "csv-unclosed-quote", "%s:%d: a quoted field is not closed", name, r.line);
        diag_at(d, name, r.line, (int)r.count + 1);
        goto fail;
    }
    if (f.len || r.count) {
        if (finish_field(&r, &rcap, &f, d, name, line) < 0 || add_row(c, &r, fn, arg) < 0)
            goto fail;
    }
    c->decimal = csv_detect_decimal(c);
    sbuf_free(&f);
    return 0;
fail:
    row_free(&r);
    sbuf_free(&f);
    csv_free(c);
    return -1;
}

int csv_parse(csv *c, const char *name, const char *s, size_t n, diag *d)
{
    return parse(c, name, s, n, NULL, NULL, d);
}

int csv_read_file(csv *c, const char *path, text_encoding enc, diag *d)
{
    return csv_each_row(c, path, enc, NULL, NULL, d);
}

int csv_each_row(csv *c, const char *path, text_encoding enc, csv_row_fn fn, void *arg, diag *d)
{
    memset(c, 0, sizeof *c);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return diag_set(d, "file-open", "%s: cannot open: %s", path, strerror(errno));
    sbuf b = {0};
    char chunk[65536];
    size_t k;
    /* One allocation of the file's size, not a doubling buffer that briefly
     * holds one and a half copies of a large file. */
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        b.s = xmalloc(b.cap = (size_t)st.st_size + 1);
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
        sbuf_add(&b, chunk, k);
    int err = ferror(fp);
    fclose(fp);
    if (err) {
        sbuf_free(&b);
        return diag_set(d, "file-read", "%s: read error", path);
    }
    decoded_text t;
    int rc = encoding_decode(path, sbuf_str(&b), b.len, enc, &t, d);
    sbuf_free(&b);
    if (rc < 0)
        return -1;
    rc = parse(c, path, t.text, t.len, fn, arg, d);
    free(t.text);
    t.text = NULL;
    c->source = t;
    return rc;
}

void csv_column_name(size_t col, char out[8])
{
    char rev[8];
    size_t n = 0;
    for (size_t k = col + 1; k && n < sizeof rev - 1; k = (k - 1) / 26)
        rev[n++] = (char)('A' + (k - 1) % 26);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = 0;
}

void csv_where(const csv *c, const csv_row *r, size_t col, char *buf, size_t size)
{
    if (!c->sheet) {
        snprintf(buf, size, "%s:%d", c->path, r->line);
        return;
    }
    char letters[8];
    csv_column_name(col, letters);
    snprintf(buf, size, "%s:%s!%s%d", c->path, c->sheet, letters, r->line);
}

void csv_free(csv *c)
{
    for (size_t i = 0; i < c->n; i++)
        row_free(&c->rows[i]);
    free(c->rows);
    free(c->path);
    free(c->sheet);
    free(c->sheets);
    memset(c, 0, sizeof *c);
}
