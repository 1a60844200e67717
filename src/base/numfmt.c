/* numfmt.c — Vietnamese number formatting. */
#include "numfmt.h"

#include <stdio.h>

const char *fmt_num(char *buf, size_t size, dec v)
{
    dec_format(buf, size, v, 0, 2, ',', '.');
    return buf;
}

const char *fmt_fixed(char *buf, size_t size, dec v, int places)
{
    dec_format(buf, size, v, places, places, ',', '.');
    return buf;
}

const char *fmt_count(char *buf, size_t size, long n)
{
    snprintf(buf, size, "%02ld", n);
    return buf;
}
