/* dates.h — a calendar date, a reporting period, and the one
 * implementation of the NĐ 30/2020 rules for the numbers of a date (Phụ
 * lục I, II.4b): the day always in two digits, the month padded with a zero
 * only for 1 and 2 ("05", "02", "7"). Numbers only: the words around them
 * ("ngày 05 tháng 02 năm 2024") are templates (templates/ngay-thang.tpl),
 * and so are a period's (templates/ky-bao-cao.tpl). */
#ifndef BAOCAO_DATES_H
#define BAOCAO_DATES_H

#include "sbuf.h"

typedef struct date {
    int year, month, day;  /* day 0 (or month and day 0) = left blank for the e-office to stamp */
} date;

/* What the e-office system stamps over: no-break spaces, which layout
 * neither collapses nor breaks. */
#define DATE_BLANK "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

/* The month as NĐ 30 writes it: "02", "7", "12". */
void date_month(sbuf *out, int month);

/* The day and month of dt as written after "ngày" and "tháng" ("05",
 * "02"), DATE_BLANK for each left blank (day 0; month 0: both). */
void date_numbers(const date *dt, sbuf *day, sbuf *month);

/* Days in a month (leap years counted). */
int date_month_days(int year, int month);

/* What a report covers: a month, a quarter (Quý I–IV), six months (the
 * first or the last half of the year), the first nine months, or a year. */
typedef enum period_kind {
    PERIOD_MONTH,
    PERIOD_QUARTER,
    PERIOD_HALF,
    PERIOD_NINE_MONTHS,
    PERIOD_YEAR
} period_kind;

typedef struct period {
    period_kind kind;
    int number;            /* the month 1–12, the quarter 1–4, the half 1–2; 0 otherwise */
    int year;
} period;

/* The kind's name in report.json and the facts ("month", "quarter", "half",
 * "nine_months", "year"). */
const char *period_kind_name(period_kind k);

/* The largest number of a kind (12, 4, 2; 0 for kinds without a number). */
int period_max_number(period_kind k);

/* The first and last month the period covers (1–12). */
int period_first_month(const period *p);
int period_last_month(const period *p);

/* The period in messages, not in documents: "7/2023", "Q2/2021", "H1/2024",
 * "9M/2024", "2024". */
void period_label(sbuf *out, const period *p);

/* The period of the same kind just before p: the month before (January →
 * December of the year before), the quarter before (Quý I → Quý IV), the
 * other half (the first half → the last half of the year before), the same
 * nine months or the year before (only one such period a year). */
period period_previous(const period *p);

/* The same period a year earlier (cùng kỳ năm trước). */
period period_year_before(const period *p);

#endif
