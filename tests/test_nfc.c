/* test_nfc.c — text_nfc() copies runs of "quick" characters without asking
 * utf8proc (src/base/text.c); its result must still be utf8proc's NFC of
 * the whole text. Checked for every code point alone and between letters
 * and marks, and for the canonical decomposition of every code point that
 * has one (a quick character that could be the second half of a
 * composition would be cut off from its first half there). */
#include "check.h"
#include "sbuf.h"
#include "text.h"

#include <stdlib.h>
#include <utf8proc.h>

static int failures;

/* 1 if text_nfc(s) is utf8proc's NFC of s; prints the first few that are not. */
static int same_nfc(const char *s, size_t n)
{
    char *got = text_nfc(s, n);
    utf8proc_uint8_t *want = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &want,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    int same = got && r >= 0 && strcmp(got, (const char *)want) == 0;
    if (!same && failures++ < 5)
        fprintf(stderr, "  text_nfc differs from utf8proc on \"%s\": \"%s\"\n", s, got ? got : "(null)");
    free(got);
    free(want);
    return same;
}

static void add_cp(sbuf *b, uint32_t cp)
{
    char enc[4];
    sbuf_add(b, enc, (size_t)utf8_put(cp, enc));
}

int main(void)
{
    /* The examples the fast path must get right. */
    char *t = text_nfc("Vie\xCC\xA3\xCC\x82t Nam", 12);      /* e + dot below + circumflex */
    CHECK_STR(t, "Vi\xE1\xBB\x87t Nam");
    free(t);
    t = text_nfc("\xE1\xBA\xA1\xCC\x86 \xE2\x80\x93 x", 11);    /* ạ + breve -> ặ, en dash */
    CHECK_STR(t, "\xE1\xBA\xB7 \xE2\x80\x93 x");
    free(t);
    CHECK(text_nfc("a\xFF", 2) == NULL);                      /* invalid UTF-8 */
    CHECK(text_nfc("\xE1\xBB", 2) == NULL);                    /* cut inside a character */

    int ok = 1;
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        sbuf b = {0};
        add_cp(&b, cp);                 /* alone, after a letter, before marks */
        sbuf_add(&b, "e", 1);
        add_cp(&b, cp);
        sbuf_add(&b, "\xCC\xA3\xCC\x82", 4);
        add_cp(&b, cp);
        ok &= same_nfc(b.s, b.len);
        /* The canonical decomposition, alone and followed by a letter. */
        utf8proc_int32_t dec[32];
        int bound = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, dec, 32,
                                                     UTF8PROC_DECOMPOSE, &bound);
        if (k > 1 || (k == 1 && (uint32_t)dec[0] != cp)) {
            sbuf_reset(&b);
            for (utf8proc_ssize_t i = 0; i < k; i++)
                add_cp(&b, (uint32_t)dec[i]);
            ok &= same_nfc(b.s, b.len);
            sbuf_add(&b, "a", 1);
            ok &= same_nfc(b.s, b.len);
        }
        sbuf_free(&b);
    }
    CHECK(ok);
    CHECK_DONE();
}
