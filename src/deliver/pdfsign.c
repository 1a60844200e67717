/* pdfsign.c — recognising a signed version of a PDF (see pdfsign.h). */
#include "pdfsign.h"
#include "sbuf.h"

#include <openssl/bio.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

/* The last occurrence of needle in s[0..n), or NULL. */
static const unsigned char *last_of(const unsigned char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
        if (!memcmp(s + i, needle, k))
            return s + i;
    return NULL;
}

static const unsigned char *first_of(const unsigned char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, needle, k))
            return s + i;
    return NULL;
}

/* Whether s[0..n) ends with "%%EOF" and at most a line end. */
static int ends_with_eof(const unsigned char *s, size_t n)
{
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return n >= 5 && !memcmp(s + n - 5, "%%EOF", 5);
}

int pdf_is_update_of(const unsigned char *buf, size_t len, size_t prefix)
{
    if (prefix < 5 || prefix >= len || !ends_with_eof(buf, prefix))
        return 0;
    const unsigned char *tail = buf + prefix;
    size_t n = len - prefix;
    /* An update section: new objects and a cross-reference (table or stream)
     * pointing back with /Prev, closed by its own %%EOF. */
    return ends_with_eof(tail, n) && first_of(tail, n, "/Prev") &&
           (first_of(tail, n, "xref") || first_of(tail, n, "/XRef"));
}

static int hex(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The subject of the certificate that signed the DER PKCS#7 der[0..n). */
static char *signer_subject(const unsigned char *der, size_t n)
{
    const unsigned char *p = der;
    PKCS7 *p7 = d2i_PKCS7(NULL, &p, (long)n);
    char *subject = NULL;
    if (p7 && PKCS7_type_is_signed(p7)) {
        STACK_OF(X509) *signers = PKCS7_get0_signers(p7, NULL, 0);
        X509 *x = signers && sk_X509_num(signers) > 0 ? sk_X509_value(signers, 0) : NULL;
        BIO *bio = x ? BIO_new(BIO_s_mem()) : NULL;
        if (bio && X509_NAME_print_ex(bio, X509_get_subject_name(x), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
            char *s;
            long k = BIO_get_mem_data(bio, &s);
            subject = xstrndup(s, (size_t)k);
        }
        BIO_free(bio);
        sk_X509_free(signers);
    }
    PKCS7_free(p7);
    return subject;
}

void pdf_signature_read(const unsigned char *buf, size_t len, size_t prefix, pdf_signature *out)
{
    memset(out, 0, sizeof *out);
    if (prefix >= len)
        return;
    const unsigned char *tail = buf + prefix, *end = buf + len;
    const unsigned char *br = last_of(tail, len - prefix, "/ByteRange");
    if (!br)
        return;
    /* The /Contents hex string of the same dictionary: the nearest one. */
    const unsigned char *c = NULL;
    for (const unsigned char *p = tail; (p = first_of(p, (size_t)(end - p), "/Contents"));) {
        if (!c || (p < br ? br - p : p - br) < (c < br ? br - c : c - br))
            c = p;
        p += 9;
    }
    if (!c)
        return;
    c += 9;
    while (c < end && (*c == ' ' || *c == '\r' || *c == '\n' || *c == '\t'))
        c++;
    if (c >= end || *c != '<')
        return;
    out->found = 1;
    sbuf der = {0};
    for (c++; c + 1 < end && *c != '>'; c += 2) {
        int hi = hex(c[0]), lo = hex(c[1]);
        if (hi < 0 || lo < 0)
            break;
        sbuf_putc(&der, (char)(hi << 4 | lo));
    }
    if (der.len)
        out->subject = signer_subject((const unsigned char *)der.s, der.len);
    sbuf_free(&der);
}

void pdf_signature_free(pdf_signature *s)
{
    free(s->subject);
    memset(s, 0, sizeof *s);
}
