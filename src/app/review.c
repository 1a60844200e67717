/* review.c — the pre-print review (see review.h). */
#include "review.h"
#include "sbuf.h"
#include "text.h"
#include "unitmatch.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long day_number(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int number_at(const char *s, size_t *i, int maxdigits)
{
    int v = 0, k = 0;
    while (isdigit((unsigned char)s[*i]) && k < maxdigits + 1)
        v = v * 10 + (s[(*i)++] - '0'), k++;
    return k && k <= maxdigits && !isdigit((unsigned char)s[*i]) ? v : -1;
}

/* Every "tháng N" of a text, with the year that follows it ("năm 2024",
 * "/2024", "-2024"; 0 if none), checked against the period: a month of a
 * monthly report must be it, that of a longer period must fall within it. */
static void review_period_words(const dataset *ds, const char *field, const char *text, findings *out)
{
    char *f = text_fold(text);
    for (const char *p = strstr(f, "thang "); p; p = strstr(p + 1, "thang ")) {
        if (p != f && isalnum((unsigned char)p[-1]))
            continue;
        size_t i = (size_t)(p - f) + 6;
        int month = number_at(f, &i, 2), year = 0;
        if (month < 1 || month > 12)
            continue;
        if (!strncmp(f + i, " nam ", 5))
            i += 5;
        else if (f[i] == '/' || f[i] == '-')
            i++;
        size_t j = i;
        int y = number_at(f, &j, 4);
        if (y >= 1945)
            year = y;
        const period *pd = &ds->period;
        if (month < period_first_month(pd) || month > period_last_month(pd) || (year && year != pd->year)) {
            sbuf label = {0};
            period_label(&label, pd);
            findings_add(out, SEVERITY_WARNING, "period-words", "%s: %s says month %d%s%.0d but the period is %s",
                         ds->path, field, month, year ? "/" : "", year, label.s);
            sbuf_free(&label);
            break;
        }
    }
    free(f);
}

/* Every "Quý N" of a text (I–IV or 1–4), checked against the period as
 * months are: the quarter must lie within it. */
static void review_quarter_words(const dataset *ds, const char *field, const char *text, findings *out)
{
    static const char *const roman[] = {"iv", "iii", "ii", "i"};
    static const int number[] = {4, 3, 2, 1};
    char *f = text_fold(text);
    for (const char *p = strstr(f, "quy "); p; p = strstr(p + 1, "quy ")) {
        if (p != f && isalnum((unsigned char)p[-1]))
            continue;
        size_t i = (size_t)(p - f) + 4;
        int q = f[i] >= '1' && f[i] <= '4' && !isalnum((unsigned char)f[i + 1]) ? f[i] - '0' : 0;
        for (size_t k = 0; !q && k < 4; k++) {
            size_t n = strlen(roman[k]);
            if (!strncmp(f + i, roman[k], n) && !isalnum((unsigned char)f[i + n]))
                q = number[k];
        }
        const period *pd = &ds->period;
        if (q && (3 * q - 2 < period_first_month(pd) || 3 * q > period_last_month(pd))) {
            sbuf label = {0};
            period_label(&label, pd);
            findings_add(out, SEVERITY_WARNING, "period-words", "%s: %s says quarter %d but the period is %s",
                         ds->path, field, q, label.s);
            sbuf_free(&label);
            break;
        }
    }
    free(f);
}

/* The issue date: not before the last day of the period, and not long after. */
static void review_date(const dataset *ds, const char *field, const date *dt, findings *out)
{
    if (!dt->day || !dt->month)
        return;   /* left blank for the e-office */
    int y = ds->period.year, m = period_last_month(&ds->period);
    long end = day_number(y, m, date_month_days(y, m));
    long at = day_number(dt->year, dt->month, dt->day);
    sbuf label = {0};
    period_label(&label, &ds->period);
    if (at < end)
        findings_add(out, SEVERITY_WARNING, "date-before-period-end",
                     "%s: %s %04d-%02d-%02d is before the end of the period %s", ds->path, field, dt->year,
                     dt->month, dt->day, label.s);
    else if (at - end > REVIEW_LATE_DAYS)
        findings_add(out, SEVERITY_WARNING, "date-late",
                     "%s: %s %04d-%02d-%02d is %ld days after the end of the period %s", ds->path, field,
                     dt->year, dt->month, dt->day, at - end, label.s);
    sbuf_free(&label);
}

/* The period a file's name carries: "scores-2024-01.csv", "diem_01_2024.xlsx". */
static int name_period(const char *path, int *month, int *year)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; base[i]; i++) {
        if (!isdigit((unsigned char)base[i]) || (i && isdigit((unsigned char)base[i - 1])))
            continue;
        size_t j = i;
        int a = number_at(base, &j, 4);
        if (a >= 1945 && a <= 2999 && strchr("-_.", base[j]) && base[j]) {
            size_t k = j + 1;
            int m = number_at(base, &k, 2);
            if (m >= 1 && m <= 12)
                return *year = a, *month = m, 1;
        }
        j = i;
        a = number_at(base, &j, 2);
        if (a >= 1 && a <= 12 && base[j] && strchr("-_.", base[j])) {
            size_t k = j + 1;
            int y = number_at(base, &k, 4);
            if (y >= 1945 && y <= 2999)
                return *year = y, *month = a, 1;
        }
    }
    return 0;
}

static int same_file(const char *a, const char *b)
{
    struct stat x, y;
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static int same_cells(const scheme *s, const score_cell *a, const score_cell *b)
{
    for (size_t i = 0; i < s->nindicators; i++)
        if (a[i].state != b[i].state || (a[i].state == CELL_VALUE && a[i].value != b[i].value))
            return 0;
    return 1;
}

/* Files' names are read for a month only in monthly reports. */
static void review_files(const dataset *ds, findings *out)
{
    int m, y, monthly = ds->period.kind == PERIOD_MONTH;
    const period *pd = &ds->period;
    if (monthly && name_period(ds->scores_name, &m, &y) && (m != pd->number || y != pd->year))
        findings_add(out, SEVERITY_WARNING, "scores-period", "%s: the file is named for %d/%d but the period is %d/%d",
                     ds->scores_name, m, y, pd->number, pd->year);
    if (!ds->has_previous)
        return;
    period prev = period_previous(pd);
    int pm = prev.number, py = prev.year;
    if (same_file(ds->scores_path, ds->previous_path)) {
        findings_add(out, SEVERITY_WARNING, "previous-same-file", "%s: previous is the scores file itself (%s)",
                     ds->path, ds->previous_name);
        return;
    }
    if (monthly && name_period(ds->previous_name, &m, &y) && (m != pm || y != py))
        findings_add(out, SEVERITY_WARNING, "previous-period",
                     "%s: the previous period's file is named for %d/%d, not %d/%d", ds->previous_name, m, y, pm, py);
    size_t matched = 0, equal = 0;
    for (size_t u = 0; u < ds->nunits; u++)
        if (ds->units[u].prev) {
            matched++;
            equal += same_cells(&ds->scheme, ds->units[u].cells, ds->units[u].prev);
        }
    if (matched && equal == matched)
        findings_add(out, SEVERITY_WARNING, "previous-same-figures",
                     "%s: every unit has the same figures as in %s: is it really the previous period's file?",
                     ds->previous_name, ds->scores_name);
}

/* A total the source gives that its indicators do not add up to. */
static void review_totals(const dataset *ds, const scoring *sc, findings *out)
{
    const scheme *s = &ds->scheme;
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit *un = &ds->units[u];
        if (un->total.state != CELL_VALUE || !sc->units[u].now.scored)
            continue;
        dec sum = 0;
        for (size_t i = 0; i < s->nindicators; i++)
            if (!s->indicators[i].informational && un->cells[i].state == CELL_VALUE)
                sum += un->cells[i].value;
        if (sum == un->total.value)
            continue;
        char a[32], b[32];
        dec_format(a, sizeof a, sum, 0, 6, ',', 0);
        dec_format(b, sizeof b, un->total.value, 0, 6, ',', 0);
        findings_add(out, SEVERITY_WARNING, "score-total-mismatch",
                     "%s:%d: unit \"%s\": the indicators add up to %s but the given total is %s; using the given "
                     "total", ds->scores_name, un->row, un->name, a, b);
    }
}

/* A converted score moving more than change_warning % of the scale. */
static void review_changes(const dataset *ds, const scoring *sc, findings *out)
{
    /* Without a scale the totals are points of the scheme's maximum. */
    dec limit = ds->scale ? ds->scheme.change_warning * ds->scale / 100
                          : dec_muldiv_round(ds->scheme.change_warning, scheme_total_max(&ds->scheme), DEC_INT(100));
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit_score *us = &sc->units[u];
        if (!us->now.scored || !us->prev.scored)
            continue;
        dec ch = us->now.converted - us->prev.converted;
        if (ch <= limit && -ch <= limit)
            continue;
        char a[32], b[32], c[32];
        dec_format(a, sizeof a, us->prev.converted, 0, 2, ',', 0);
        dec_format(b, sizeof b, us->now.converted, 0, 2, ',', 0);
        dec_format(c, sizeof c, limit, 0, 2, ',', 0);
        findings_add(out, SEVERITY_WARNING, ch < 0 ? "score-fell-sharply" : "score-rose-sharply",
                     "%s:%d: unit \"%s\": %s points last period, %s now: a change of more than %s points "
                     "(the scheme's change_warning)", ds->scores_name, ds->units[u].row, ds->units[u].name, a, b, c);
    }
}

/* Units of last period missing now, and units new now: one warning per
 * pair a "did you mean" links, else one per unit. */
static void review_identity(const dataset *ds, int strict, findings *out)
{
    if (!ds->has_previous)
        return;
    severity sev = strict ? SEVERITY_ERROR : SEVERITY_WARNING;
    size_t nnew = 0;
    const char **names = xcalloc(ds->nunits + 1, sizeof *names);
    size_t *idx = xcalloc(ds->nunits + 1, sizeof *idx);
    char *paired = xcalloc(ds->nunits + 1, 1);
    for (size_t u = 0; u < ds->nunits; u++)
        if (!ds->units[u].prev && !ds->units[u].nmerged_from)
            idx[nnew] = u, names[nnew++] = ds->units[u].name;
    /* Suggestions cost a distance per pair: bounded for whole-province files. */
    int suggest = (double)nnew * (double)ds->ngone <= 250000;
    for (size_t g = 0; g < ds->ngone; g++) {
        const gone_unit *gu = &ds->gone[g];
        long s = suggest ? unit_suggest(gu->name, names, nnew) : -1;
        if (s >= 0 && !paired[s]) {
            const unit *un = &ds->units[idx[s]];
            paired[s] = 1;
            findings_add(out, sev, "unit-unmatched",
                         "%s:%d: unit \"%s\" of the previous period is not in %s; did you mean \"%s\" (line %d)? "
                         "If it is the same unit, add \"renamed\": {\"%s\": \"%s\"} to report.json",
                         ds->previous_name, gu->row, gu->name, ds->scores_name, un->name, un->row, gu->name, un->name);
        } else {
            findings_add(out, sev, "unit-gone", "%s:%d: unit \"%s\" of the previous period is missing from %s",
                         ds->previous_name, gu->row, gu->name, ds->scores_name);
        }
    }
    for (size_t k = 0; k < nnew; k++)
        if (!paired[k])
            findings_add(out, sev, "unit-new",
                         "%s:%d: unit \"%s\" is not in the previous period's file %s: no comparison for it",
                         ds->scores_name, ds->units[idx[k]].row, names[k], ds->previous_name);
    free(names);
    free(idx);
    free(paired);
}

typedef struct keyed_name {
    char *key;
    size_t u;
} keyed_name;

static int by_key(const void *a, const void *b)
{
    const keyed_name *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->u > y->u) - (x->u < y->u);
}

/* Names that differ only in case, spacing or Ð/Đ: one unit typed twice? */
static void review_duplicates(const dataset *ds, findings *out)
{
    keyed_name *v = xcalloc(ds->nunits + 1, sizeof *v);
    for (size_t u = 0; u < ds->nunits; u++)
        v[u] = (keyed_name){text_key(ds->units[u].name), u};
    qsort(v, ds->nunits, sizeof *v, by_key);
    for (size_t i = 1; i < ds->nunits; i++)
        if (!strcmp(v[i - 1].key, v[i].key)) {
            const unit *a = &ds->units[v[i - 1].u], *b = &ds->units[v[i].u];
            findings_add(out, SEVERITY_WARNING, "unit-duplicate-folded",
                         "%s:%d: unit \"%s\" has the name of line %d (\"%s\") but for case, spacing or Đ",
                         ds->scores_name, b->row, b->name, a->row, a->name);
        }
    for (size_t u = 0; u < ds->nunits; u++)
        free(v[u].key);
    free(v);
}

void review_dataset(const dataset *ds, const scoring *sc, int strict, findings *out)
{
    if (ds->subject) {   /* else written from the period */
        review_period_words(ds, "document.subject", ds->subject, out);
        review_quarter_words(ds, "document.subject", ds->subject, out);
    }
    review_date(ds, "document.date", &ds->date, out);
    review_files(ds, out);
    review_totals(ds, sc, out);
    review_changes(ds, sc, out);
    review_identity(ds, strict, out);
    review_duplicates(ds, out);
    for (size_t i = 0; i < ds->notes.n; i++)
        findings_add_diag(out, SEVERITY_NOTE, &ds->notes.v[i].d);
}

void review_notices(const dataset *ds, const scoring *sc, const notice_set *ns, findings *out)
{
    review_period_words(ds, "notices.subject", ns->subject, out);
    review_quarter_words(ds, "notices.subject", ns->subject, out);
    review_date(ds, "notices.date", &ns->date, out);
    for (size_t u = 0; u < ds->nunits; u++)
        if (!sc->units[u].now.scored)
            findings_add(out, SEVERITY_WARNING, "notice-unscored",
                         "%s:%d: unit \"%s\" has no score this period: no notice is made for it",
                         ds->scores_name, ds->units[u].row, ds->units[u].name);
}
