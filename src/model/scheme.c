/* scheme.c — the scheme's own helpers (its JSON reader is input's scheme_json.c). */
#include "scheme.h"

#include <stdlib.h>
#include <string.h>

void scheme_free(scheme *s)
{
    for (size_t i = 0; i < s->nindicators; i++) {
        free(s->indicators[i].id);
        free(s->indicators[i].label);
        free(s->indicators[i].name);
    }
    free(s->indicators);
    for (size_t i = 0; i < s->ngroups; i++) {
        free(s->groups[i].id);
        free(s->groups[i].label);
        free(s->groups[i].name);
    }
    free(s->groups);
    for (size_t i = 0; i < s->nratings; i++) {
        free(s->ratings[i].name);
        free(s->ratings[i].abbr);
    }
    free(s->ratings);
    for (size_t i = 0; i < s->table.ncolumns; i++)
        free(s->table.columns[i].head);
    free(s->table.columns);
    for (size_t i = 0; i < s->table.nbands; i++)
        free(s->table.bands[i].head);
    free(s->table.bands);
    for (size_t i = 0; i < s->nstatuses; i++)
        free(s->statuses[i].id);
    free(s->statuses);
    free(s->no_files_marker);
    free(s->no_files_note);
    free(s->id);
    free(s->title);
    free(s->legal_basis);
    free(s->na_note);
    free(s->indicator_noun);
    free(s->source);
    memset(s, 0, sizeof *s);
}

long scheme_find(const scheme *s, const char *id)
{
    for (size_t i = 0; i < s->nindicators; i++)
        if (strcmp(s->indicators[i].id, id) == 0)
            return (long)i;
    return -1;
}

const unit_status *scheme_status(const scheme *s, const char *id)
{
    for (size_t i = 0; i < s->nstatuses; i++)
        if (!strcmp(s->statuses[i].id, id))
            return &s->statuses[i];
    return NULL;
}

dec scheme_total_max(const scheme *s)
{
    dec t = 0;
    for (size_t i = 0; i < s->nindicators; i++)
        if (!s->indicators[i].informational)
            t += s->indicators[i].max;
    return t;
}
