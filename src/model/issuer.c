/* issuer.c — copying and freeing an issuer. */
#include "issuer.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

const char *signer_position(const signer *s)
{
    return s->position ? s->position : s->nauthority ? s->authority[s->nauthority - 1] : NULL;
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

void issuer_copy(issuer *to, const issuer *from)
{
    to->parent = dup_or_null(from->parent);
    to->lines = strv_dup((const char *const *)from->lines, from->nlines);
    to->nlines = from->nlines;
    to->name = dup_or_null(from->name);
    to->full_name = dup_or_null(from->full_name);
    to->locality = dup_or_null(from->locality);
    to->place = dup_or_null(from->place);
    to->signer.authority = strv_dup((const char *const *)from->signer.authority, from->signer.nauthority);
    to->signer.nauthority = from->signer.nauthority;
    to->signer.name = dup_or_null(from->signer.name);
    to->signer.position = dup_or_null(from->signer.position);
}

void issuer_free(issuer *is)
{
    free(is->parent);
    strv_free(is->lines, is->nlines);
    free(is->name);
    free(is->full_name);
    free(is->locality);
    free(is->place);
    strv_free(is->signer.authority, is->signer.nauthority);
    free(is->signer.name);
    free(is->signer.position);
    memset(is, 0, sizeof *is);
}
