/* tmplfmt.c — template formatters: one table, one function each.
 *
 * Numbers are rounded half-up to 2 decimals (dec_round, as Excel's ROUND),
 * and a sign or a "tăng/giảm" is chosen after rounding, so that 0,004
 * prints "0%" and "giữ nguyên", never "+0%" or "tăng 0 điểm". Dates are
 * ISO text ("2024-01-05", or "2023-07" for a month) because that is how
 * report.json carries them. */
#include "tmplfmt.h"
#include "dates.h"
#include "numfmt.h"
#include "text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int format_fn(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d);

struct tmpl_formatter {
    const char *name;
    value_kind input;    /* the only kind it accepts */
    int min_args, max_args;
    format_fn *fn;
};

static void put_num(sbuf *out, dec v)
{
    char b[40];
    sbuf_puts(out, fmt_num(b, sizeof b, v));
}

static int f_num(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    put_num(out, v->u.number);
    return 0;
}

static int f_fixed2(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    char b[40];
    sbuf_puts(out, fmt_fixed(b, sizeof b, v->u.number, 2));
    return 0;
}

/* The whole number v holds (lo <= it <= hi), or -1 with d set. */
static int whole(const value *v, long lo, long hi, long *n, diag *d)
{
    char b[40];
    *n = 0;
    if (v->u.number % DEC_SCALE != 0)
        return diag_set(d, "tmpl-format", "expects a whole number, got %s", fmt_num(b, sizeof b, v->u.number));
    *n = (long)(v->u.number / DEC_SCALE);
    if (*n < lo || *n > hi)
        return diag_set(d, "tmpl-format", "expects a whole number from %ld to %ld, got %ld", lo, hi, *n);
    return 0;
}

static int f_pad2(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    char b[40];
    long n;
    if (whole(v, LONG_MIN, LONG_MAX, &n, d) < 0)
        return -1;
    sbuf_puts(out, fmt_count(b, sizeof b, n));
    return 0;
}

/* A year, a code: digits only, never "2.024". */
static int f_int(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    long n;
    if (whole(v, LONG_MIN, LONG_MAX, &n, d) < 0)
        return -1;
    sbuf_printf(out, "%ld", n);
    return 0;
}

/* "Quý IV", "Phụ lục III". */
static int f_roman(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    static const struct { int n; const char *s; } R[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
        {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
    long n;
    if (whole(v, 1, 3999, &n, d) < 0)
        return -1;
    for (size_t i = 0; i < sizeof R / sizeof *R; i++)
        for (; n >= R[i].n; n -= R[i].n)
            sbuf_puts(out, R[i].s);
    return 0;
}

/* A month as NĐ 30 writes it after "tháng": "02", "7". */
static int f_month(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    long n;
    if (whole(v, 1, 12, &n, d) < 0)
        return -1;
    date_month(out, (int)n);
    return 0;
}

static int f_pct(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    put_num(out, v->u.number);
    sbuf_putc(out, '%');
    return 0;
}

static int f_signed_pct(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    dec r = dec_round(v->u.number, 2);
    if (r > 0)
        sbuf_putc(out, '+');
    put_num(out, r);
    sbuf_putc(out, '%');
    return 0;
}

/* {{d | change "điểm" "giữ nguyên điểm số" "tăng" "giảm"}}: "tăng 3,8 điểm",
 * "giảm 0,3 điểm", "giữ nguyên điểm số"; the words are the template's (a
 * unit word "" prints the number alone). */
static int f_change(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    dec r = dec_round(v->u.number, 2);
    if (r == 0) {
        sbuf_puts(out, args[1]);
        return 0;
    }
    sbuf_printf(out, "%s ", args[r > 0 ? 2 : 3]);
    put_num(out, r > 0 ? r : -r);
    if (*args[0])
        sbuf_printf(out, " %s", args[0]);
    return 0;
}

static int two_digits_at(const char *s)
{
    return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' ? (s[0] - '0') * 10 + (s[1] - '0')
                                                                    : -1;
}

/* Reads "YYYY-MM" or "YYYY-MM-DD". */
static int parse_date(const char *s, date *t, diag *d)
{
    /* Each test runs only when the ones before it held, so no read passes the NUL. */
    int hi = two_digits_at(s), lo = hi < 0 ? -1 : two_digits_at(s + 2);
    t->year = hi * 100 + lo;
    t->month = lo >= 0 && s[4] == '-' ? two_digits_at(s + 5) : -1;
    int ok = t->month >= 1 && t->month <= 12;
    t->day = 0;
    if (ok && s[7] == '-') {
        t->day = two_digits_at(s + 8);
        ok = t->day >= 1 && s[10] == 0 && t->day <= date_month_days(t->year, t->month);
    } else {
        ok = ok && s[7] == 0;
    }
    if (!ok)
        return diag_set(d, "tmpl-format", "\"%s\" is not a date (%s)", s, "YYYY-MM or YYYY-MM-DD");
    return 0;
}

static int f_mm_yyyy(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    date t;
    if (parse_date(v->u.string, &t, d) < 0)
        return -1;
    sbuf_printf(out, "%02d/%d", t.month, t.year);
    return 0;
}

static int f_upper(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    char *u = text_upper(v->u.string);
    sbuf_puts(out, u);
    free(u);
    return 0;
}

static int first_case(const value *v, int upper, sbuf *out)
{
    char *t = text_case_first(v->u.string, upper);
    sbuf_puts(out, t);
    free(t);
    return 0;
}

/* "Xuất sắc" -> "xuất sắc": a class word from a table cell inside a sentence. */
static int f_lower_first(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    return first_case(v, 0, out);
}

/* "tăng 4,06 điểm" -> "Tăng 4,06 điểm": a sentence that starts a table cell. */
static int f_upper_first(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    return first_case(v, 1, out);
}

/* Items are text or numbers; before the last one goes `last` (", " for all
 * others). */
static int join_list(const value *v, const char *last, sbuf *out, diag *d)
{
    for (size_t i = 0; i < v->u.list.n; i++) {
        const value *it = v->u.list.items[i];
        if (i)
            sbuf_puts(out, i + 1 == v->u.list.n ? last : ", ");
        if (it->kind == VALUE_STRING)
            sbuf_puts(out, it->u.string);
        else if (it->kind == VALUE_NUMBER)
            put_num(out, it->u.number);
        else
            return diag_set(d, "tmpl-format", "item %zu is %s, not text or a number", i + 1,
                            value_kind_name(it->kind));
    }
    return 0;
}

/* "A, B và C"; {{xs | join "hoặc"}} for another last word. */
static int f_join(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    sbuf last = {0};
    sbuf_printf(&last, " %s ", args[0]);
    int rc = join_list(v, last.s, out, d);
    sbuf_free(&last);
    return rc;
}

static int f_join_comma(const value *v, char *const *args, size_t nargs, sbuf *out, diag *d)
{
    return join_list(v, ", ", out, d);
}

static const tmpl_formatter FORMATTERS[] = {
    {"num", VALUE_NUMBER, 0, 0, f_num},
    {"fixed2", VALUE_NUMBER, 0, 0, f_fixed2},
    {"pad2", VALUE_NUMBER, 0, 0, f_pad2},
    {"int", VALUE_NUMBER, 0, 0, f_int},
    {"roman", VALUE_NUMBER, 0, 0, f_roman},
    {"month", VALUE_NUMBER, 0, 0, f_month},
    {"pct", VALUE_NUMBER, 0, 0, f_pct},
    {"signed_pct", VALUE_NUMBER, 0, 0, f_signed_pct},
    {"change", VALUE_NUMBER, 4, 4, f_change},
    {"mm_yyyy", VALUE_STRING, 0, 0, f_mm_yyyy},
    {"upper", VALUE_STRING, 0, 0, f_upper},
    {"lower_first", VALUE_STRING, 0, 0, f_lower_first},
    {"upper_first", VALUE_STRING, 0, 0, f_upper_first},
    {"join", VALUE_LIST, 1, 1, f_join},
    {"join_comma", VALUE_LIST, 0, 0, f_join_comma},
};

const tmpl_formatter *tmplfmt_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof FORMATTERS / sizeof *FORMATTERS; i++)
        if (strncmp(FORMATTERS[i].name, name, len) == 0 && FORMATTERS[i].name[len] == 0)
            return &FORMATTERS[i];
    return NULL;
}

int tmplfmt_min_args(const tmpl_formatter *f) { return f->min_args; }
int tmplfmt_max_args(const tmpl_formatter *f) { return f->max_args; }

int tmplfmt_apply(const tmpl_formatter *f, const value *v, char *const *args, size_t nargs, sbuf *out,
                  diag *d)
{
    if (v->kind != f->input)
        diag_set(d, "tmpl-type", "expects %s, got %s", value_kind_name(f->input), value_kind_name(v->kind));
    else if (f->fn(v, args, nargs, out, d) == 0)
        return 0;
    return diag_prefix(d, "formatter \"%s\"", f->name);
}
