/* scheme_json.c — loading a scoring scheme from JSON (format in README.md). */
#include "input.h"
#include "jsonin.h"
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* One indicator object; `group_id` prefixes its id ("dvctt" + "cs1"). */
static int load_indicator(scheme *s, size_t *cap, json_t *o, const char *file, const char *where,
                          const char *group_id, size_t group, diag *d)
{
    grow(&s->indicators, cap, s->nindicators + 1, sizeof *s->indicators);
    indicator *ind = &s->indicators[s->nindicators];
    memset(ind, 0, sizeof *ind);
    s->nindicators++;
    ind->group = group;
    char *local = NULL;
    if (jsonin_str(o, file, where, "id", 1, &local, d) < 0)
        return -1;
    if (!valid_id(local)) {
        diag_set(d, "scheme-id", "%s: %s.id: \"%s\" must use only letters, digits, _ and -", file,
                 where, local);
        free(local);
        return -1;
    }
    if (group_id) {
        sbuf b = {0};
        sbuf_printf(&b, "%s.%s", group_id, local);
        ind->id = sbuf_take(&b);
        free(local);
    } else {
        ind->id = local;
    }
    if (jsonin_str(o, file, where, "label", 1, &ind->label, d) < 0 ||
        jsonin_str(o, file, where, "name", 0, &ind->name, d) < 0 ||
        jsonin_dec(o, file, where, "max", 1, &ind->max, d) < 0 ||
        jsonin_bool(o, file, where, "informational", &ind->informational, d) < 0 ||
        jsonin_bool(o, file, where, "progress", &ind->progress, d) < 0 ||
        jsonin_bool(o, file, where, "files", &ind->files, d) < 0)
        return -1;
    if (ind->max <= 0)
        return diag_set(d, "scheme-max", "%s: %s.max: must be greater than 0", file, where);
    if (scheme_find(s, ind->id) != (long)s->nindicators - 1)
        return diag_set(d, "scheme-duplicate", "%s: %s: indicator id \"%s\" is used twice", file,
                        where, ind->id);
    return 0;
}

/* The scheme being read, for the per-element readers below. */
typedef struct reading {
    scheme *s;
    const char *file;
    size_t gcap, icap;
    const indicator_group *grp;   /* the group whose indicators are read */
} reading;

static int load_group_indicator(json_t *o, const char *where, void *ctx, diag *d)
{
    reading *r = ctx;
    return load_indicator(r->s, &r->icap, o, r->file, where, r->grp->id, r->s->ngroups - 1, d);
}

static int load_group(json_t *g, const char *where, void *ctx, diag *d)
{
    reading *r = ctx;
    scheme *s = r->s;
    const char *file = r->file;
    grow(&s->groups, &r->gcap, s->ngroups + 1, sizeof *s->groups);
    indicator_group *grp = &s->groups[s->ngroups++];
    memset(grp, 0, sizeof *grp);
    grp->first = s->nindicators;
    json_t *inds;
    int files = 0;
    if (jsonin_bool(g, file, where, "files", &files, d) < 0 ||
        jsonin_str(g, file, where, "id", 1, &grp->id, d) < 0 ||
        jsonin_str(g, file, where, "label", 1, &grp->label, d) < 0 ||
        jsonin_str(g, file, where, "name", 0, &grp->name, d) < 0 ||
        jsonin_array(g, file, where, "indicators", 0, &inds, d) < 0)
        return -1;
    if (!grp->name)
        grp->name = xstrdup(grp->label);
    r->grp = grp;
    if (!inds) {
        /* A group of one: the group is the indicator ("tien_do", 30 points). */
        if (load_indicator(s, &r->icap, g, file, where, NULL, s->ngroups - 1, d) < 0)
            return -1;
    } else {
        if (json_array_size(inds) == 0)
            return diag_set(d, "scheme-empty", "%s: %s.indicators: the list is empty", file, where);
        if (jsonin_each(inds, file, where, "indicators", load_group_indicator, r, d) < 0)
            return -1;
    }
    grp->count = s->nindicators - grp->first;
    /* "files" on a group marks each of its indicators. */
    for (size_t i = grp->first; files && i < s->nindicators; i++)
        s->indicators[i].files = 1;
    /* Running text needs a name that stands alone: an unnamed indicator
     * of a group is "Nhóm mức độ hài lòng (Chỉ số 1)". */
    for (size_t i = grp->first; i < s->nindicators; i++) {
        indicator *ind = &s->indicators[i];
        if (ind->name)
            continue;
        sbuf b = {0};
        if (inds)
            sbuf_printf(&b, "%s (%s)", grp->name, ind->label);
        else
            sbuf_puts(&b, grp->name);
        ind->name = sbuf_take(&b);
    }
    return 0;
}

static int load_rating(json_t *o, const char *where, void *ctx, diag *d)
{
    reading *r = ctx;
    rating *rt = &r->s->ratings[r->s->nratings++];
    if (jsonin_str(o, r->file, where, "name", 1, &rt->name, d) < 0 ||
        jsonin_str(o, r->file, where, "abbr", 0, &rt->abbr, d) < 0 ||
        jsonin_dec(o, r->file, where, "min", 1, &rt->min_percent, d) < 0)
        return -1;
    if (rt->min_percent < 0 || rt->min_percent > DEC_INT(100))
        return diag_set(d, "scheme-rating", "%s: %s.min: must be between 0 and 100", r->file, where);
    size_t i = r->s->nratings - 1;
    if (i > 0 && rt->min_percent >= r->s->ratings[i - 1].min_percent)
        return diag_set(d, "scheme-rating", "%s: %s: ratings must be listed from the highest threshold down",
                        r->file, where);
    return 0;
}

int scheme_load_file(scheme *s, const char *path, diag *d)
{
    memset(s, 0, sizeof *s);
    json_t *root = jsonin_load(path, d);
    if (!root)
        return -1;
    s->source = xstrdup(path);
    s->scale = 100;
    s->places = 2;
    s->change_warning = DEC_INT(20);
    json_t *groups, *ratings;
    reading r = {.s = s, .file = path};
    int rc = -1;
    if (jsonin_str(root, path, "", "id", 1, &s->id, d) < 0 ||
        jsonin_str(root, path, "", "title", 1, &s->title, d) < 0 ||
        jsonin_str(root, path, "", "legal_basis", 0, &s->legal_basis, d) < 0 ||
        jsonin_int(root, path, "", "scale", 0, &s->scale, d) < 0 ||
        jsonin_int(root, path, "", "places", 0, &s->places, d) < 0 ||
        jsonin_str(root, path, "", "na_note", 0, &s->na_note, d) < 0 ||
        jsonin_dec(root, path, "", "change_warning", 0, &s->change_warning, d) < 0 ||
        jsonin_array(root, path, "", "groups", 1, &groups, d) < 0 ||
        jsonin_array(root, path, "", "ratings", 0, &ratings, d) < 0)
        goto out;
    if (s->scale != 100 && s->scale != 10) {
        diag_set(d, "scheme-scale", "%s: scale: must be 100 or 10, not %d", path, s->scale);
        goto out;
    }
    if (s->places < 0 || s->places > 4) {
        diag_set(d, "scheme-places", "%s: places: must be between 0 and 4", path);
        goto out;
    }
    if (s->change_warning <= 0 || s->change_warning > DEC_INT(100)) {
        diag_set(d, "scheme-change-warning", "%s: change_warning: must be above 0 and at most 100 (%% of the scale)",
                 path);
        goto out;
    }
    if (jsonin_each(groups, path, "", "groups", load_group, &r, d) < 0)
        goto out;
    if (s->nindicators == 0) {
        diag_set(d, "scheme-empty", "%s: groups: the scheme has no indicators", path);
        goto out;
    }
    if (scheme_total_max(s) <= 0) {
        diag_set(d, "scheme-empty", "%s: every indicator is informational", path);
        goto out;
    }
    s->ratings = xcalloc(json_array_size(ratings) + 1, sizeof *s->ratings);
    if (jsonin_each(ratings, path, "", "ratings", load_rating, &r, d) < 0)
        goto out;
    rc = 0;
out:
    json_decref(root);
    if (rc < 0 && d && !*d->file)
        diag_at(d, path, 0, 0);
    if (rc < 0)
        scheme_free(s);
    return rc;
}

int scheme_load_id(scheme *s, const char *dir, const char *id, diag *d)
{
    memset(s, 0, sizeof *s);
    if (!valid_id(id))
        return diag_set(d, "scheme-unknown", "unknown scheme \"%s\"", id);
    sbuf path = {0};
    sbuf_printf(&path, "%s/%s.json", dir, id);
    int rc = -1;
    FILE *f = fopen(path.s, "rb");
    if (!f) {
        diag_set(d, "scheme-unknown", "unknown scheme \"%s\" (no file %s)", id, path.s);
        goto out;
    }
    fclose(f);
    if (scheme_load_file(s, path.s, d) < 0)
        goto out;
    if (strcmp(s->id, id) != 0) {
        diag_set(d, "scheme-id", "%s: id is \"%s\", but the file is named for \"%s\"", path.s, s->id, id);
        scheme_free(s);
        goto out;
    }
    rc = 0;
out:
    sbuf_free(&path);
    return rc;
}
