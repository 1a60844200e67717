/* unitindex.c — units by name (see private/records.h). */
#include "private/records.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static size_t name_hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void unit_index_init(unit_index *x, size_t expect)
{
    for (x->cap = 16; x->cap < 2 * expect; x->cap *= 2)
        ;
    x->slot = xmalloc(x->cap * sizeof *x->slot);
    memset(x->slot, 0xff, x->cap * sizeof *x->slot);
}

void unit_index_of(unit_index *x, const unit *units, size_t n)
{
    unit_index_init(x, n);
    for (size_t i = 0; i < n; i++) {
        size_t at;
        if (unit_index_find(x, units, units[i].name, &at) < 0)   /* names are unique; the first wins */
            x->slot[at] = (long)i;
    }
}

long unit_index_find(const unit_index *x, const unit *units, const char *name, size_t *at)
{
    size_t i = name_hash(name) & (x->cap - 1);
    while (x->slot[i] >= 0 && strcmp(units[x->slot[i]].name, name))
        i = (i + 1) & (x->cap - 1);
    *at = i;
    return x->slot[i];
}

void unit_index_free(unit_index *x)
{
    free(x->slot);
    x->slot = NULL;
}
