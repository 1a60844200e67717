/* pdfsign.h — a PDF as a signer returns it: the document baocao wrote, byte
 * for byte, followed by incremental updates that hold the signature (what
 * pdfsig, or any signer filling the empty field ChuKyNguoiKy, appends).
 * Pure: reads a buffer, never the file system. */
#ifndef BAOCAO_PDFSIGN_H
#define BAOCAO_PDFSIGN_H

#include <stddef.h>

/* Whether buf[0..len) is buf[0..prefix) followed by incremental updates:
 * the prefix ends a PDF (its last "%%EOF" and line end) and the rest is an
 * update section that ends with its own "%%EOF". */
int pdf_is_update_of(const unsigned char *buf, size_t len, size_t prefix);

typedef struct pdf_signature {
    int found;             /* a signature dictionary (/ByteRange, /Contents) was appended */
    char *subject;         /* the signer certificate's subject (RFC 2253), NULL if unreadable */
} pdf_signature;

/* The signature in the appended part buf[prefix..len): the PKCS#7 of its
 * /Contents read with libcrypto for the signer's certificate. This says who
 * signed, not that the signature is valid: validation is the recipient
 * system's (pdfsig, the e-office) with its trusted certificates. */
void pdf_signature_read(const unsigned char *buf, size_t len, size_t prefix, pdf_signature *out);
void pdf_signature_free(pdf_signature *s);

#endif
