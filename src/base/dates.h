/* dates.h — a calendar date and the one implementation of the NĐ 30/2020
 * rules for writing it (Phụ lục I, II.4b): the day always in two digits,
 * the month padded with a zero only for 1 and 2 ("ngày 05 tháng 02 năm
 * 2024", "tháng 7 năm 2023"). Used by the document header, the phụ lục and
 * the template formatters alike. */
#ifndef BAOCAO_DATES_H
#define BAOCAO_DATES_H

#include "sbuf.h"

typedef struct date {
    int year, month, day;  /* day 0 (or month and day 0) = left blank for the e-office to stamp */
} date;

/* What the e-office system stamps over: no-break spaces, which layout
 * neither collapses nor breaks. */
#define DATE_BLANK "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

/* "tháng 02 năm 2024" / "tháng 7 năm 2023". */
void date_month_year(sbuf *out, int year, int month);

/* "ngày 05 tháng 02 năm 2024"; day 0: "ngày ␣ tháng 02 năm 2024", month 0:
 * "ngày ␣ tháng ␣ năm 2024", with DATE_BLANK for what is left blank. */
void date_words(sbuf *out, const date *dt);

#endif
