/* dec.c — exact decimal parsing, rounding and formatting. */
#include "dec.h"

#include <stdio.h>
#include <string.h>

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

dec_status dec_parse(const char *s, size_t n, char decimal_hint, dec *out)
{
    while (n && is_space(*s))
        s++, n--;
    while (n && is_space(s[n - 1]))
        n--;
    /* Excel exports a non-breaking space as thousands separator in some locales. */
    if (n == 0)
        return DEC_EMPTY;

    int neg = 0;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++, n--;
    }
    /* Find the separators present to decide which one is decimal. */
    size_t ncomma = 0, ndot = 0, last_comma = 0, last_dot = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',')
            ncomma++, last_comma = i;
        else if (s[i] == '.')
            ndot++, last_dot = i;
        else if (s[i] < '0' || s[i] > '9')
            return DEC_SYNTAX;
    }
    if (n == 0)
        return DEC_SYNTAX;
    char dsep;
    if (ncomma && ndot)
        dsep = last_comma > last_dot ? ',' : '.';
    else if (ncomma > 1)
        dsep = '.';   /* "1,234,567": commas are thousands, no decimals */
    else if (ndot > 1)
        dsep = ',';   /* "1.234.567" */
    else if (decimal_hint)
        dsep = decimal_hint;
    else
        dsep = ncomma ? ',' : '.';
    char tsep = dsep == ',' ? '.' : ',';

    __int128 ip = 0, fp = 0;
    int places = 0, seen_digit = 0, in_frac = 0;
    size_t group = 0;     /* digits since the last thousands separator */
    int grouped = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == dsep) {
            if (in_frac)
                return DEC_SYNTAX;
            if (grouped && group != 3)
                return DEC_SYNTAX;
            in_frac = 1;
        } else if (c == tsep) {
            if (in_frac || !seen_digit || (grouped && group != 3) || (!grouped && group > 3))
                return DEC_SYNTAX;
            grouped = 1;
            group = 0;
        } else {
            seen_digit = 1;
            if (in_frac) {
                if (places == DEC_DIGITS) {
                    if (c != '0')
                        return DEC_PRECISION;
                    continue;
                }
                fp = fp * 10 + (c - '0');
                places++;
            } else {
                ip = ip * 10 + (c - '0');
                group++;
                if (ip > DEC_MAX_ABS / DEC_SCALE)
                    return DEC_RANGE;
            }
        }
    }
    if (!seen_digit)
        return DEC_SYNTAX;
    if (grouped && !in_frac && group != 3)
        return DEC_SYNTAX;
    while (places < DEC_DIGITS)
        fp *= 10, places++;
    dec v = (dec)(ip * DEC_SCALE + fp);
    *out = neg ? -v : v;
    return DEC_OK;
}

dec dec_muldiv_round(dec a, int64_t b, int64_t c)
{
    __int128 num = (__int128)a * b;
    int neg = (num < 0) != (c < 0);
    if (num < 0)
        num = -num;
    __int128 den = c < 0 ? -(__int128)c : c;
    __int128 q = (2 * num + den) / (2 * den);   /* half away from zero */
    return (dec)(neg ? -q : q);
}

dec dec_round(dec v, int places)
{
    if (places >= DEC_DIGITS)
        return v;
    int64_t unit = 1;
    for (int i = places; i < DEC_DIGITS; i++)
        unit *= 10;
    return dec_muldiv_round(v, 1, unit) * unit;
}

int dec_format(char *buf, size_t size, dec v, int min_places, int max_places, char decimal_sep,
               char thousands_sep)
{
    v = dec_round(v, max_places);
    int neg = v < 0;
    uint64_t a = (uint64_t)(neg ? -v : v);
    uint64_t ip = a / DEC_SCALE, fp = a % DEC_SCALE;

    char digits[32], out[64];
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)ip);
    size_t k = 0;
    if (neg && (ip || fp))
        out[k++] = '-';
    for (int i = 0; i < nd; i++) {
        if (thousands_sep && i > 0 && (nd - i) % 3 == 0)
            out[k++] = thousands_sep;
        out[k++] = digits[i];
    }
    char frac[8];
    snprintf(frac, sizeof frac, "%06llu", (unsigned long long)fp);
    int places = max_places;
    while (places > min_places && frac[places - 1] == '0')
        places--;
    if (places > 0) {
        out[k++] = decimal_sep;
        memcpy(out + k, frac, (size_t)places);
        k += (size_t)places;
    }
    out[k] = 0;
    return snprintf(buf, size, "%s", out);
}
