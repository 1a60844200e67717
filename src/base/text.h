/* text.h — UTF-8 text helpers: decoding, NFC, case, comparison keys.
 * All text inside baocao is valid UTF-8 in NFC; readers call text_nfc()
 * once at the boundary so later stages measure and draw what they see. */
#ifndef BAOCAO_TEXT_H
#define BAOCAO_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes left); returns its length, or 0 at
 * the end, or -1 for invalid UTF-8 (then *cp = U+FFFD). */
int utf8_next(const char *s, size_t n, uint32_t *cp);

/* 1 if s[0..n) is valid UTF-8. */
int utf8_valid(const char *s, size_t n);

/* Encodes cp into out (at least 4 bytes); returns the length. */
int utf8_put(uint32_t cp, char *out);

/* NFC of valid UTF-8 (malloc'd); NULL if s is not valid UTF-8. */
char *text_nfc(const char *s, size_t n);

/* Upper case (full Unicode simple mapping: "Ủy ban" -> "ỦY BAN"), NFC. */
char *text_upper(const char *s);

/* The first letter in upper (upper != 0) or lower case, the rest as it is:
 * "Xuất sắc" -> "xuất sắc". malloc'd. */
char *text_case_first(const char *s, int upper);

/* Lower-case, diacritic-free, space-collapsed key for matching labels:
 * "Chỉ số  1 (5đ)" -> "chi so 1 (5d)". malloc'd. */
char *text_fold(const char *s);

/* The key units are matched by across periods: NFC, case-folded, spaces
 * collapsed, Ð (U+00D0, a look-alike) as Đ; diacritics kept, so "Lam Vĩ"
 * and "Lam Vỹ" differ. malloc'd. */
char *text_key(const char *s);

/* Levenshtein distance of two byte strings (compare text_fold keys), or
 * limit + 1 when it is larger; work stops early past the limit. */
size_t text_distance(const char *a, const char *b, size_t limit);

/* 1 for the C0 and C1 control characters and DEL, except tab, line feed
 * and carriage return: input refuses them, messages spell them U+XXXX. */
int text_is_control(uint32_t cp);

/* The offset of the first control character (text_is_control) in valid
 * UTF-8 s[0..n), its code point in *cp; n when there is none. */
size_t text_find_control(const char *s, size_t n, uint32_t *cp);

/* Trims ASCII white space and NBSP at both ends, in place; returns s. */
char *text_trim(char *s);

#endif
