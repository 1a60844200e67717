/* dataset.c — freeing a dataset and small shared formatting. */
#include "dataset.h"
#include "sbuf.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dataset_free(dataset *ds)
{
    free(ds->path);
    free(ds->dir);
    findings_free(&ds->notes);
    free(ds->scores_path);
    free(ds->sheet);
    free(ds->previous_path);
    free(ds->doc_type);
    free(ds->type_code);
    free(ds->subject);
    issuer_free(&ds->issuer);
    free(ds->number);
    free(ds->notation);
    strv_free(ds->recipients, ds->nrecipients);
    strv_free(ds->addressees, ds->naddressees);
    free(ds->template_name);
    free(ds->style.document_type);
    free(ds->style.unit_noun);
    free(ds->scheme_id);
    scheme_free(&ds->scheme);
    for (size_t i = 0; i < ds->nsections; i++) {
        free(ds->sections[i].id);
        free(ds->sections[i].title);
        free(ds->sections[i].heading);
        free(ds->sections[i].unit_noun);
    }
    free(ds->sections);
    for (size_t i = 0; i < ds->nunits; i++) {
        free(ds->units[i].name);
        free(ds->units[i].long_name);
        free(ds->units[i].reason);
        free(ds->units[i].cells);
        free(ds->units[i].prev);
        free(ds->units[i].code);
        free(ds->units[i].prev_name);
        strv_free(ds->units[i].merged_from, ds->units[i].nmerged_from);
    }
    free(ds->units);
    for (size_t i = 0; i < ds->ngone; i++)
        free(ds->gone[i].name);
    free(ds->gone);
    for (size_t i = 0; i < ds->nlinks; i++) {
        free(ds->links[i].now);
        strv_free(ds->links[i].old, ds->links[i].nold);
    }
    free(ds->links);
    for (size_t i = 0; i < ds->nkinds; i++) {
        free(ds->kinds[i].prefix);
        free(ds->kinds[i].plural);
        free(ds->kinds[i].text);
        free(ds->kinds[i].local);
    }
    free(ds->kinds);
    memset(ds, 0, sizeof *ds);
}

void dataset_code(const dataset *ds, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", ds->number ? ds->number : "", ds->notation ? ds->notation : "");
}

void dataset_check(const dataset *ds)
{
#ifndef NDEBUG
    assert(ds->nsections >= 1);
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit *un = &ds->units[u];
        assert(un->cells && un->section < ds->nsections && un->name && *un->name);
        assert(ds->has_previous || !un->prev);
        for (size_t k = 0; k < ds->scheme.nindicators; k++) {
            const score_cell *c[2] = {&un->cells[k], un->prev ? &un->prev[k] : NULL};
            for (int p = 0; p < 2; p++)
                assert(!c[p] || c[p]->state != CELL_VALUE ||
                       (c[p]->value >= 0 && c[p]->value <= ds->scheme.indicators[k].max));
        }
    }
#else
    (void)ds;
#endif
}
