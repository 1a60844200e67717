/* dates.c — NĐ 30 date numbers and period arithmetic (see dates.h). */
#include "dates.h"

void date_month(sbuf *out, int month)
{
    sbuf_printf(out, month <= 2 ? "%02d" : "%d", month);
}

void date_numbers(const date *dt, sbuf *day, sbuf *month)
{
    if (dt->month && dt->day)
        sbuf_printf(day, "%02d", dt->day);
    else
        sbuf_puts(day, DATE_BLANK);
    if (dt->month)
        date_month(month, dt->month);
    else
        sbuf_puts(month, DATE_BLANK);
}

int date_month_days(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

const char *period_kind_name(period_kind k)
{
    static const char *const names[] = {"month", "quarter", "half", "nine_months", "year"};
    return names[k];
}

int period_max_number(period_kind k)
{
    return k == PERIOD_MONTH ? 12 : k == PERIOD_QUARTER ? 4 : k == PERIOD_HALF ? 2 : 0;
}

/* Months per numbered period: a month, a quarter, a half. */
static int span(period_kind k)
{
    return k == PERIOD_MONTH ? 1 : k == PERIOD_QUARTER ? 3 : 6;
}

int period_first_month(const period *p)
{
    return p->number ? (p->number - 1) * span(p->kind) + 1 : 1;
}

int period_last_month(const period *p)
{
    if (p->kind == PERIOD_NINE_MONTHS)
        return 9;
    return p->number ? p->number * span(p->kind) : 12;
}

period period_previous(const period *p)
{
    period q = *p;
    if (!p->number || p->number == 1) {
        q.year--;
        q.number = period_max_number(p->kind);
    } else {
        q.number--;
    }
    return q;
}

period period_year_before(const period *p)
{
    period q = *p;
    q.year--;
    return q;
}

void period_label(sbuf *out, const period *p)
{
    static const char *const marks[] = {"", "Q", "H", "9M", ""};
    if (p->kind == PERIOD_YEAR)
        sbuf_printf(out, "%d", p->year);
    else if (p->number)
        sbuf_printf(out, "%s%d/%d", marks[p->kind], p->number, p->year);
    else
        sbuf_printf(out, "%s/%d", marks[p->kind], p->year);
}
