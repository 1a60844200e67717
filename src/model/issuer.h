/* issuer.h — who issues a document: the agency as its header and
 * running text name it, the place, and the signer. One struct, parsed by one
 * function (input_issuer, input.h) for the report and for every unit that
 * issues its own notice, freed by issuer_free. Strings are UTF-8 NFC.
 *
 * Invariants: lines has nlines >= 1 entries; name, full_name, locality and
 * place are never NULL (full_name defaults to name, locality to ""); parent
 * may be NULL; signer.authority has nauthority >= 1 entries. */
#ifndef BAOCAO_ISSUER_H
#define BAOCAO_ISSUER_H

#include <stddef.h>
#include "dates.h"

typedef struct signer {
    char **authority;      /* "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" */
    size_t nauthority;
    char *name;
    char *position;        /* "Chủ tịch" (archive metadata); NULL: the last authority line */
} signer;

typedef struct issuer {
    char *parent;          /* "UBND TỈNH ĐIỆN BIÊN" or NULL */
    char **lines;          /* header lines: "ỦY BAN NHÂN DÂN", "HUYỆN ĐIỆN BIÊN" */
    size_t nlines;
    char *name;            /* in running text: "UBND huyện Điện Biên" */
    char *full_name;       /* in full: "Ủy ban nhân dân huyện Điện Biên" */
    char *locality;        /* "huyện Điện Biên" */
    char *place;           /* "Điện Biên", before the date */
    signer signer;
} issuer;

/* The signer's position for the archive: its own, else the last authority line. */
const char *signer_position(const signer *s);

/* Deep copy into *to (which is overwritten); issuer_free releases it. */
void issuer_copy(issuer *to, const issuer *from);
void issuer_free(issuer *is);

#endif
