/* text.c — UTF-8 helpers on top of utf8proc. */
#include "text.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int utf8_next(const char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          n > 4 ? 4 : (utf8proc_ssize_t)n, &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return -1;
    }
    *cp = (uint32_t)c;
    return (int)k;
}

int utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;
    while (i < n) {
        int k = utf8_next(s + i, n - i, &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

int utf8_put(uint32_t cp, char *out)
{
    return (int)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

/* NFC piece by piece. A "quick" character is its own normal form, combines
 * with nothing before it and has no combining class, so the text can be cut
 * before any quick character followed by another: runs of them are copied
 * as they are, and utf8proc (which needs four bytes a character) only sees
 * the stretches between them. A 100 MB field of digits costs 100 MB, not
 * 500. Quick here: ASCII, U+0080–U+02FF (Latin-1, Latin Extended-A and B,
 * IPA, spacing modifiers), U+1E00–U+1EFF (Latin Extended Additional: the
 * precomposed Vietnamese letters) and U+2010–U+205E (dashes, quotes,
 * ellipsis); tests/test_nfc.c checks the claim against utf8proc for every
 * code point. Returns the character's length at s, or 0 if it is not quick
 * (or not valid UTF-8). */
static size_t quick_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    if (n >= 2 && s[0] >= 0xC2 && s[0] < 0xCC && (s[1] & 0xC0) == 0x80)
        return 2;
    if (n >= 3 && (s[2] & 0xC0) == 0x80 &&
        ((s[0] == 0xE1 && s[1] >= 0xB8 && s[1] <= 0xBB) ||
         (s[0] == 0xE2 && ((s[1] == 0x80 && s[2] >= 0x90) || (s[1] == 0x81 && s[2] <= 0x9E)))))
        return 3;
    return 0;
}

char *text_nfc(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    sbuf b = {xmalloc(n + 1), 0, n + 1};   /* composing never lengthens much */
    size_t i = 0, q;
    b.s[0] = 0;
    while (i < n) {
        size_t j = i, last = i;
        while (j < n && (q = quick_len(u + j, n - j)) > 0)
            last = j, j += q;
        if (j < n && j > i)
            j = last;    /* the last quick character may take the marks that follow */
        sbuf_add(&b, s + i, j - i);
        if ((i = j) == n)
            break;
        size_t k = i;
        do {
            uint32_t cp;
            int len = utf8_next(s + k, n - k, &cp);
            k += len > 0 ? (size_t)len : 1;
        } while (k < n && !((q = quick_len(u + k, n - k)) > 0 && (k + q == n || quick_len(u + k + q, n - k - q))));
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(k - i),
                                          &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (r == UTF8PROC_ERROR_NOMEM)
            oom();
        if (r < 0) {
            sbuf_free(&b);
            return NULL;
        }
        sbuf_add(&b, (const char *)out, (size_t)r);
        free(out);
        i = k;
    }
    return sbuf_take(&b);
}

/* s with f applied to its first `count` characters (all: (size_t)-1). */
static char *map_each(const char *s, utf8proc_int32_t (*f)(utf8proc_int32_t), size_t count)
{
    sbuf b = {0};
    size_t n = strlen(s), i = 0;
    uint32_t cp;
    char enc[4];
    for (; i < n && count; count--) {
        int k = utf8_next(s + i, n - i, &cp);
        if (k <= 0)
            k = 1;
        sbuf_add(&b, enc, (size_t)utf8_put((uint32_t)f((utf8proc_int32_t)cp), enc));
        i += (size_t)k;
    }
    sbuf_add(&b, s + i, n - i);
    char *t = sbuf_take(&b);
    char *nfc = text_nfc(t, strlen(t));
    free(t);
    return nfc ? nfc : xstrdup("");
}

char *text_upper(const char *s) { return map_each(s, utf8proc_toupper, (size_t)-1); }

char *text_case_first(const char *s, int upper)
{
    return map_each(s, upper ? utf8proc_toupper : utf8proc_tolower, 1);
}

/* Case-folded, spaces collapsed; with strip, diacritics removed and đ → d,
 * else composed and the look-alike Ð/ð (Icelandic eth) taken as Đ/đ. */
static char *fold(const char *s, int strip)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &out,
                                      UTF8PROC_STABLE | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
                                          (strip ? UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK : UTF8PROC_COMPOSE));
    if (r < 0)
        return xstrdup("");
    sbuf b = {0};
    size_t n = (size_t)r, i = 0;
    int space = 1;
    while (i < n) {
        uint32_t cp;
        int k = utf8_next((const char *)out + i, n - i, &cp);
        if (k <= 0)
            k = 1;
        if (cp == 0xF0)   /* ð, the fold of Ð U+00D0 */
            cp = 0x111;
        if (strip && cp == 0x111)   /* đ carries no combining mark */
            cp = 'd';
        if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == '\n' || cp == '\r') {
            if (!space)
                sbuf_putc(&b, ' ');
            space = 1;
        } else {
            char enc[4];
            sbuf_add(&b, enc, (size_t)utf8_put(cp, enc));
            space = 0;
        }
        i += (size_t)k;
    }
    free(out);
    if (b.len && b.s[b.len - 1] == ' ')
        b.s[--b.len] = 0;
    return sbuf_take(&b);
}

char *text_fold(const char *s) { return fold(s, 1); }

char *text_key(const char *s) { return fold(s, 0); }

size_t text_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > m + limit || m > n + limit)
        return limit + 1;
    size_t *row = xmalloc((m + 1) * sizeof *row);
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    size_t best = 0;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = best = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit)
            break;   /* every later row is at least this far */
    }
    size_t dist = best > limit ? limit + 1 : row[m];
    free(row);
    return dist > limit ? limit + 1 : dist;
}

static int is_ws(const unsigned char *p, size_t left, size_t *len)
{
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
        *len = 1;
        return 1;
    }
    if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
        *len = 2;
        return 1;
    }
    return 0;
}

char *text_trim(char *s)
{
    size_t n = strlen(s), k;
    size_t a = 0;
    while (a < n && is_ws((unsigned char *)s + a, n - a, &k))
        a += k;
    size_t e = n;
    while (e > a) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')
            e--;
        else if (e - a >= 2 && (unsigned char)s[e - 2] == 0xC2 && (unsigned char)s[e - 1] == 0xA0)
            e -= 2;
        else
            break;
    }
    memmove(s, s + a, e - a);
    s[e - a] = 0;
    return s;
}

int text_is_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

size_t text_find_control(const char *s, size_t n, uint32_t *cp)
{
    for (size_t i = 0; i < n;) {
        int k = utf8_next(s + i, n - i, cp);
        if (k <= 0)
            return n;
        if (text_is_control(*cp))
            return i;
        i += (size_t)k;
    }
    return n;
}
