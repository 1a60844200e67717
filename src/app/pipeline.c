/* pipeline.c — load, score, build (see pipeline.h). */
#include "pipeline.h"
#include "cancel.h"
#include "facts.h"
#include "notice.h"
#include "sbuf.h"
#include "text.h"
#include "unitmatch.h"

#include <stdlib.h>
#include <string.h>

/* The templates of one kind of document: the report's own directory
 * first (a file there overrides the shipped one), then
 * templates/<template_name>/, then what all templates share. */
static tmpl_set *load_templates(const pipeline *p, const char *templates, const char *template_name,
                                const char *const *entries, diag *d)
{
    sbuf own = {0};
    sbuf_printf(&own, "%s/%s", templates, template_name);
    const char *search[] = {*p->ds.dir ? p->ds.dir : ".", own.s, templates, NULL};
    tmpl_set *s = tmpl_set_load(search, entries, d);
    sbuf_free(&own);
    return s;
}

int pipeline_load(pipeline *p, const char *path, const char *data_dir, const input_opts *io, int with_notices,
                  diag *d)
{
    memset(p, 0, sizeof *p);
    if (input_load(&p->ds, with_notices ? &p->ns : NULL, path, data_dir, io, d) < 0)
        return -1;
    static const char *const REPORT[] = {"body", "van-ban", "ngay-thang", "phu-luc", "phu-luc-chi-so",
                                         PERIOD_TEMPLATE, SUBJECT_TEMPLATE, NULL};
    sbuf templates = {0};
    sbuf_printf(&templates, "%s/templates", data_dir);
    int rc = cancel_check(d) < 0 || score_dataset(&p->ds, &p->sc, d) < 0 || cancel_check(d) < 0 ||
                     !(p->report_tmpl = load_templates(p, templates.s, p->ds.template_name, REPORT, d))
                 ? -1
                 : 0;
    if (rc == 0 && with_notices) {
        size_t n;
        char **names = notice_templates(&p->ns, &n);
        p->notice_tmpl = load_templates(p, templates.s, p->ns.template_name, (const char *const *)names, d);
        rc = p->notice_tmpl ? 0 : -1;
        strv_free(names, n);
    }
    sbuf_free(&templates);
    if (rc < 0)
        pipeline_free(p);
    return rc;
}

long pipeline_unit(const pipeline *p, const char *name, diag *d)
{
    const dataset *ds = &p->ds;
    char *key = text_key(name);
    size_t u = 0;
    for (; u < ds->nunits; u++) {
        char *k = text_key(ds->units[u].name);
        int eq = !strcmp(k, key);
        free(k);
        if (eq)
            break;
    }
    free(key);
    if (u < ds->nunits)
        return (long)u;
    const char **names = xcalloc(ds->nunits + 1, sizeof *names);
    for (size_t i = 0; i < ds->nunits; i++)
        names[i] = ds->units[i].name;
    long s = unit_suggest(name, names, ds->nunits);
    free(names);
    if (s >= 0)
        return diag_set(d, "unit-unknown", "%s: no unit \"%s\" in %s; did you mean \"%s\"?", ds->path, name,
                        ds->scores_path, ds->units[s].name);
    return diag_set(d, "unit-unknown", "%s: no unit \"%s\" in %s", ds->path, name, ds->scores_path);
}

int pipeline_build(const pipeline *p, long u, const report_opts *o, doc *out, diag *d)
{
    report_opts ro = *o;
    ro.templates = u < 0 ? p->report_tmpl : p->notice_tmpl;
    if (u < 0)
        return report_build(&p->ds, &p->sc, &ro, out, d);
    return notice_build(&p->ds, &p->sc, &p->ns, (size_t)u, &ro, out, d);
}

value *pipeline_facts(const pipeline *p, const report_opts *o, diag *d)
{
    doc_meta m = {0};
    report_meta(&p->ds, o->blank_number, &m);
    value *f = facts_report(&p->ds, &m, &p->sc);
    if (report_citation(f, &m, p->report_tmpl, d) < 0 || facts_words(f, &m, p->report_tmpl, d) < 0) {
        value_free(f);
        f = NULL;
    }
    doc_meta_free(&m);
    return f;
}

void pipeline_free(pipeline *p)
{
    tmpl_set_free(p->report_tmpl);
    tmpl_set_free(p->notice_tmpl);
    notice_set_free(&p->ns);
    scoring_free(&p->sc);
    dataset_free(&p->ds);
}
