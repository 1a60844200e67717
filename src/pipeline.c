/* pipeline.c — load, score, build (see pipeline.h). */
#include "pipeline.h"
#include "facts.h"
#include "notice.h"

#include <string.h>

int pipeline_load(pipeline *p, const char *path, const char *data_dir, const input_opts *io, int with_notices,
                  diag *d)
{
    memset(p, 0, sizeof *p);
    if (input_load(&p->ds, with_notices ? &p->ns : NULL, path, data_dir, io, d) < 0)
        return -1;
    if (score_dataset(&p->ds, &p->sc, d) < 0) {
        pipeline_free(p);
        return -1;
    }
    return 0;
}

long pipeline_unit(const pipeline *p, const char *name, diag *d)
{
    for (size_t u = 0; u < p->ds.nunits; u++)
        if (!strcmp(p->ds.units[u].name, name))
            return (long)u;
    return diag_set(d, "unit-unknown", "%s: no unit \"%s\" in %s", p->ds.path, name, p->ds.scores_path);
}

int pipeline_build(const pipeline *p, long u, const report_opts *o, doc *out, diag *d)
{
    if (u < 0)
        return report_build(&p->ds, &p->sc, o, out, d);
    return notice_build(&p->ds, &p->sc, &p->ns, (size_t)u, o, out, d);
}

value *pipeline_facts(const pipeline *p, const report_opts *o)
{
    doc_meta m = {0};
    report_meta(&p->ds, o->blank_number, &m);
    value *f = facts_report(&p->ds, &m, &p->sc);
    doc_meta_free(&m);
    return f;
}

void pipeline_free(pipeline *p)
{
    notice_set_free(&p->ns);
    scoring_free(&p->sc);
    dataset_free(&p->ds);
}
