/* dates.c — NĐ 30 date wording (see dates.h). */
#include "dates.h"

void date_month_year(sbuf *out, int year, int month)
{
    sbuf_printf(out, month <= 2 ? "tháng %02d năm %d" : "tháng %d năm %d", month, year);
}

void date_words(sbuf *out, const date *dt)
{
    if (!dt->month) {
        sbuf_printf(out, "ngày " DATE_BLANK " tháng " DATE_BLANK " năm %d", dt->year);
        return;
    }
    if (dt->day)
        sbuf_printf(out, "ngày %02d ", dt->day);
    else
        sbuf_puts(out, "ngày " DATE_BLANK " ");
    date_month_year(out, dt->year, dt->month);
}
