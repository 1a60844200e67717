/* dec.h — exact decimal numbers for scores.
 *
 * Scores are never binary floating point: 0.1 + 0.2 must be 0.3, and the
 * half-up rounding of 8.625 must give 8.63, as Excel's ROUND does. A dec is
 * an int64 count of millionths, so inputs with up to 6 decimals are exact and
 * sums of thousands of scores cannot overflow. */
#ifndef BAOCAO_DEC_H
#define BAOCAO_DEC_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t dec;

#define DEC_SCALE 1000000LL          /* one unit */
#define DEC_DIGITS 6                  /* decimals kept exactly */
#define DEC_INT(n) ((dec)(n) * DEC_SCALE)
#define DEC_MAX_ABS (DEC_INT(1000000000LL))  /* inputs are bounded to keep products in range */

typedef enum dec_status {
    DEC_OK = 0,
    DEC_EMPTY,        /* nothing but white space */
    DEC_SYNTAX,       /* not a number */
    DEC_PRECISION,    /* more than 6 decimals */
    DEC_RANGE         /* too large */
} dec_status;

/* Parses a number as people type it in Vietnamese or English spreadsheets:
 * "84,69", "84.69", "3.863" (thousands dot, when the group is exactly three
 * digits after a dot and there is no other separator), "1.234,5", "1,234.5",
 * "-0,5", "+3". decimal_hint: ',' or '.' forces that decimal separator,
 * 0 = decide per value ("3.863" is then ambiguous and read as 3.863, a
 * decimal, unless ',' is the hint). */
dec_status dec_parse(const char *s, size_t n, char decimal_hint, dec *out);

/* a * b / c rounded half away from zero; c != 0. Exact with 128-bit
 * intermediates. */
dec dec_muldiv_round(dec a, int64_t b, int64_t c);

/* Rounds to `places` decimals (0..6), half away from zero. */
dec dec_round(dec v, int places);

/* Formats v with a decimal comma (or point), between min_places and
 * max_places decimals (trailing zeros beyond min_places trimmed; the value
 * is rounded half-up to max_places first), and a thousands separator
 * (0 for none) every 3 integer digits. Returns the length written (buf is
 * always NUL-terminated, at least 32 bytes). */
int dec_format(char *buf, size_t size, dec v, int min_places, int max_places, char decimal_sep,
               char thousands_sep);

#endif
