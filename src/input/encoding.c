/* encoding.c — detecting and converting the encoding of a scores file.
 *
 * Valid UTF-8 is always taken as UTF-8: legacy Vietnamese text is almost
 * never valid UTF-8 by accident. Otherwise every legacy candidate that iconv
 * can decode is scored word by word: a word with non-ASCII letters that forms
 * a possible Vietnamese syllable (onset, one to three vowels, a final
 * consonant, at most one tone mark, breve/circumflex/horn only where they
 * exist) earns points; a word holding symbols, control characters or an
 * impossible syllable loses more. A wrong decoding turns letters into
 * symbols (TCVN3 "Tr\xad\xea" read as CP1258 is "Tr­ê") or into impossible
 * mark combinations, so the right one wins clearly; ties go to CP1258, then
 * TCVN3, then VISCII, in order of how common they are. */
#include "encoding.h"
#include "sbuf.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static const struct {
    text_encoding id;
    const char *name, *alias, *iconv;
} ENCODINGS[] = {
    {ENC_UTF8, "utf-8", "utf8", "UTF-8"},
    {ENC_CP1258, "cp1258", "windows-1258", "CP1258"},
    {ENC_TCVN3, "tcvn3", "tcvn5712-1", "TCVN5712-1"},
    {ENC_VISCII, "viscii", "viscii", "VISCII"},
};
#define NENC (sizeof ENCODINGS / sizeof *ENCODINGS)

int encoding_from_name(const char *name, text_encoding *out)
{
    for (size_t i = 0; i < NENC; i++)
        if (!strcasecmp(name, ENCODINGS[i].name) || !strcasecmp(name, ENCODINGS[i].alias)) {
            *out = ENCODINGS[i].id;
            return 0;
        }
    return -1;
}

const char *encoding_name(text_encoding e)
{
    for (size_t i = 0; i < NENC; i++)
        if (ENCODINGS[i].id == e)
            return ENCODINGS[i].name;
    return "auto";
}

/* Offset of the first byte that is not valid UTF-8 (n if none). */
static size_t first_invalid(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;
    for (int k; i < n && (k = utf8_next(s + i, n - i, &cp)) > 0;)
        i += (size_t)k;
    return i;
}

static size_t line_at(const char *s, size_t pos)
{
    size_t line = 1;
    for (size_t i = 0; i < pos; i++)
        line += s[i] == '\n';
    return line;
}

/* iconv of the whole buffer into out; on an invalid byte returns -1 with
 * its offset in *bad. */
static int convert(const char *from, const char *s, size_t n, sbuf *out, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        *bad = 0;
        return -1;
    }
    char *in = (char *)s, buf[4096];
    size_t left = n;
    int rc = 0;
    for (int flush = 0; !flush;) {
        char *o = buf;
        size_t room = sizeof buf;
        /* A last call with no input flushes a base letter held back by
         * CP1258/TCVN3 in case a combining mark follows. */
        flush = left == 0;
        size_t r = flush ? iconv(cd, NULL, NULL, &o, &room) : iconv(cd, &in, &left, &o, &room);
        sbuf_add(out, buf, (size_t)(o - buf));
        if (r == (size_t)-1 && errno != E2BIG) {
            *bad = (size_t)(in - s);
            rc = -1;
            break;
        }
        if (r == (size_t)-1)
            flush = 0;
    }
    iconv_close(cd);
    return rc;
}

/* --- how Vietnamese a text looks ---------------------------------------- */

static int is_vowel(char c) { return c && strchr("aeiouy", c) != NULL; }

/* A toneless, mark-free, lower-case syllable such as "nguyen" or "quan". */
static int syllable_ok(const char *w)
{
    static const char *const onsets[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu",
                                         "th", "tr", "b", "c", "d", "g", "h", "k", "l", "m",
                                         "n", "p", "r", "s", "t", "v", "x", ""};
    static const char *const codas[] = {"ng", "nh", "ch", "c", "m", "n", "p", "t", ""};
    for (size_t i = 0; i < sizeof onsets / sizeof *onsets; i++) {
        size_t k = strlen(onsets[i]);
        if (strncmp(w, onsets[i], k))
            continue;
        const char *v = w + k;
        size_t nv = 0;
        while (is_vowel(v[nv]))
            nv++;
        if (nv == 0 || nv > 3)
            continue;
        for (size_t j = 0; j < sizeof codas / sizeof *codas; j++)
            if (!strcmp(v + nv, codas[j]))
                return 1;
    }
    return 0;
}

typedef struct word {
    char base[24];          /* lower-case ASCII letters, đ as d */
    size_t n;
    int tones, nonascii, bad;
    int first_upper, upper, lower;   /* case of the first letter, counts of the others */
    char text[48];          /* the word in lower case (UTF-8 NFC), if it fits */
    size_t len;
} word;

/* Syllables of the words scores files are made of (unit and indicator
 * names). On a whole file the syllable check alone decides; on a short one
 * VISCII and TCVN3 can both give possible syllables ("Xã Lam Vỹ" / "Xó Lam
 * VỒ"), and the common ones break the tie. */
static const char *const COMMON[] = {
    "xã", "thị", "trấn", "phường", "huyện", "tỉnh", "thành", "phố", "ủy", "nhân", "dân",
    "phòng", "tâm", "sở", "bộ", "phận", "tiếp", "nhận", "trả", "kết", "quả", "đơn", "vị",
    "cơ", "điểm", "chỉ", "số", "tổng", "nhóm", "hồ", "sơ", "công", "tiến", "độ", "giải",
    "quyết", "hài", "lòng", "hóa", "mức", "đánh", "giá", "tư", "pháp", "nội", "vụ", "động",
    "thương", "hội", "văn", "thông", "tế", "giáo", "dục", "đào", "tạo", "tài", "chính", "kế",
    "hoạch", "nông", "nghiệp", "môi", "trường", "hạ", "tầng", "quản", "lý", "đất", "điện",
    "cấp", "và", "của", "được", "người", "việt", "nam", "mường", "bản", "suối", "nậm"};

static int is_common(const word *w)
{
    for (size_t i = 0; i < sizeof COMMON / sizeof *COMMON; i++)
        if (strlen(COMMON[i]) == w->len && !memcmp(COMMON[i], w->text, w->len))
            return 1;
    return 0;
}

static int score_word(const word *w)
{
    if (!w->nonascii)
        return 0;
    /* "trÔn" is TCVN3 read as VISCII: only "word", "Word" and "WORD" occur. */
    int mixed_case = (w->upper && w->lower) || (w->upper && !w->first_upper);
    if (w->bad || mixed_case || w->tones > 1 || w->n >= sizeof w->base || !syllable_ok(w->base))
        return -3;
    return is_common(w) ? 4 : 2;
}

/* A combining mark after base letter b (lower case). */
static void add_mark(word *w, int32_t m)
{
    /* A word longer than base[] is already scored as bad; its last letter
     * was not kept. */
    char b = w->n && w->n < sizeof w->base ? w->base[w->n - 1] : 0;
    switch (m) {
    case 0x300: case 0x301: case 0x303: case 0x309: case 0x323:   /* the five tones */
        w->tones++;
        w->bad |= !is_vowel(b);
        break;
    case 0x302:   /* circumflex: â ê ô */
        w->bad |= !(b == 'a' || b == 'e' || b == 'o');
        break;
    case 0x306:   /* breve: ă */
        w->bad |= b != 'a';
        break;
    case 0x31B:   /* horn: ơ ư */
        w->bad |= !(b == 'o' || b == 'u');
        break;
    default:
        w->bad = 1;
    }
}

static void add_letter(word *w, char c)
{
    int up = isupper((unsigned char)c) != 0;
    if (w->n == 0)
        w->first_upper = up;
    else
        *(up ? &w->upper : &w->lower) += 1;
    c = (char)tolower((unsigned char)c);
    if (w->n < sizeof w->base - 1)
        w->base[w->n] = c;
    w->n++;
    if (w->n < sizeof w->base)
        w->base[w->n] = 0;
}

static long vietnamese_score(const char *s, size_t n)
{
    long score = 0;
    word w;
    memset(&w, 0, sizeof w);
    for (size_t i = 0; i <= n;) {
        uint32_t cp = 0;
        int k = i < n ? utf8_next(s + i, n - i, &cp) : 0;
        i += k > 0 ? (size_t)k : 1;
        int ascii_sep = k <= 0 || (cp < 0x80 && !isalpha((int)cp) && cp >= 0x20) || cp == '\t' ||
                        cp == '\n' || cp == '\r';
        /* NBSP and general punctuation (– “ ” …) separate words too. */
        if (ascii_sep || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F)) {
            score += score_word(&w);
            memset(&w, 0, sizeof w);
            continue;
        }
        if (w.len + 4 < sizeof w.text)
            w.len += (size_t)utf8_put((uint32_t)utf8proc_tolower((utf8proc_int32_t)cp),
                                      w.text + w.len);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            score -= 4;   /* a control character inside text */
            w.bad = 1;
            continue;
        }
        if (cp < 0x80) {
            add_letter(&w, (char)cp);
            continue;
        }
        w.nonascii++;
        if (cp == 0x110 || cp == 0x111) {   /* Đ đ */
            add_letter(&w, cp == 0x110 ? 'D' : 'd');
            continue;
        }
        utf8proc_int32_t parts[4];
        utf8proc_ssize_t np = utf8proc_decompose_char((utf8proc_int32_t)cp, parts, 4,
                                                      UTF8PROC_DECOMPOSE, NULL);
        if (np < 1 || np > 4) {
            w.bad = 1;
            continue;
        }
        size_t p = 0;
        if (parts[0] < 0x80 && isalpha(parts[0]))
            add_letter(&w, (char)parts[0]), p = 1;
        for (; p < (size_t)np; p++)
            add_mark(&w, parts[p]);
    }
    return score;
}

/* --- decoding --------------------------------------------------------- */

static int finish(decoded_text *out, text_encoding e, const char *utf8, size_t n)
{
    out->encoding = e;
    out->text = text_nfc(utf8, n);
    out->len = strlen(out->text);
    out->recomposed = out->len != n || memcmp(out->text, utf8, n) != 0;
    return 0;
}

/* finish() from a converted buffer, which it frees. */
static int finish_buf(decoded_text *out, text_encoding e, sbuf *utf8)
{
    finish(out, e, sbuf_str(utf8), utf8->len);
    sbuf_free(utf8);
    return 0;
}

int encoding_decode(const char *name, const char *s, size_t n, text_encoding forced,
                    decoded_text *out, diag *d)
{
    memset(out, 0, sizeof *out);
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, n -= 3, out->bom = 1;
    if (memchr(s, 0, n)) {
        size_t line = line_at(s, (size_t)((const char *)memchr(s, 0, n) - s));
        diag_set(d, "csv-encoding", "%s:%zu: the file contains a NUL byte (UTF-16 or a binary file?); "
                 "save it as \"CSV UTF-8\"", name, line);
        return diag_at(d, name, (int)line, 0);
    }
    size_t invalid = first_invalid(s, n);
    if (forced == ENC_UTF8 && invalid < n) {
        diag_set(d, "csv-encoding",
                 "%s:%zu: the file is not valid UTF-8 (byte 0x%02X); save it as "
                 "\"CSV UTF-8\" or name its encoding with --encoding",
                 name, line_at(s, invalid), (unsigned char)s[invalid]);
        return diag_at(d, name, (int)line_at(s, invalid), 0);
    }
    if (forced == ENC_UTF8 || (forced == ENC_AUTO && invalid == n))
        return finish(out, ENC_UTF8, s, n);   /* no copy: the file may be large */
    sbuf b = {0};
    size_t bad = 0;
    if (forced != ENC_AUTO) {
        for (size_t i = 0; i < NENC; i++)
            if (ENCODINGS[i].id == forced && convert(ENCODINGS[i].iconv, s, n, &b, &bad) < 0) {
                sbuf_free(&b);
                diag_set(d, "csv-encoding", "%s:%zu: byte 0x%02X is not valid %s", name, line_at(s, bad),
                         (unsigned char)s[bad], ENCODINGS[i].name);
                return diag_at(d, name, (int)line_at(s, bad), 0);
            }
        return finish_buf(out, forced, &b);
    }
    text_encoding best = ENC_AUTO;
    long best_score = 0;
    sbuf best_text = {0};
    for (size_t i = 1; i < NENC; i++) {
        sbuf_reset(&b);
        if (convert(ENCODINGS[i].iconv, s, n, &b, &bad) < 0)
            continue;
        long sc = vietnamese_score(sbuf_str(&b), b.len);
        if (sc > best_score) {
            best_score = sc, best = ENCODINGS[i].id;
            sbuf tmp = best_text;
            best_text = b, b = tmp;
        }
    }
    sbuf_free(&b);
    if (best == ENC_AUTO) {
        sbuf_free(&best_text);
        diag_set(d, "csv-encoding",
                 "%s:%zu: the file is not UTF-8 (byte 0x%02X) and does not read as "
                 "Vietnamese in Windows-1258, TCVN3 or VISCII; save it as \"CSV UTF-8\" or "
                 "name its encoding with --encoding",
                 name, line_at(s, invalid), (unsigned char)s[invalid]);
        return diag_at(d, name, (int)line_at(s, invalid), 0);
    }
    return finish_buf(out, best, &best_text);
}
