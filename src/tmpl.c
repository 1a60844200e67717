/* tmpl.c — rendering template trees to block markup, then to doc blocks.
 *
 * Rendering is two stages so that data can never turn into markup: the
 * node tree (tmplparse.c) is walked into one markup text, where literal
 * template text is copied as is and every value goes through
 * markup_escape(); markup_parse() then builds the blocks. Values are
 * also never parsed as template syntax, since only files are parsed.
 *
 * The context is a stack of frames, one per open section. A name is looked
 * up from the innermost frame outwards, as in Mustache; once its first part
 * is found, the rest of the path must follow from there. */
#define _POSIX_C_SOURCE 200809L /* access */
#include "tmpl.h"
#include "markup.h"
#include "numfmt.h"
#include "sbuf.h"
#include "tmplparse.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Frames live in a fixed array: lookups return pointers to loop metadata
 * inside frames, which must stay put while deeper sections push more. */
#define MAX_FRAMES 256

typedef struct frame {
    const value *v;
    int loop;                 /* an item of a list: meta is set */
    value meta[META_N];       /* @index, @number, @first, @last, @count */
} frame;

/* Where a stretch of literal template text landed in the output, so that a
 * markup error can be traced back to its file, line and column. */
typedef struct origin {
    size_t out;
    const tmpl_file *f;
    size_t off;
} origin;

typedef struct loaded {
    char *name;
    tmpl_file *f;
} loaded;

typedef struct renderer {
    const char *const *search;
    loaded *files;            /* each template parsed once, however often included */
    size_t nfiles, capfiles;
    frame *frames;
    size_t nframes;
    int partials;             /* current partial depth */
    size_t work;              /* nodes expanded so far (TMPL_MAX_WORK) */
    sbuf out;
    origin *origins;
    size_t norigins, caporigins;
    diag *d;
} renderer;

static const tmpl_file *find_template(renderer *r, const char *name, const tmpl_file *from, size_t off)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i].name, name) == 0)
            return r->files[i].f;
    sbuf path = {0}, dirs = {0};
    tmpl_file *f = NULL;
    for (const char *const *dir = r->search; *dir; dir++) {
        sbuf_reset(&path);
        sbuf_printf(&path, "%s/%s.tpl", *dir, name);
        if (access(path.s, F_OK) == 0) {
            if ((f = tmpl_file_load(path.s, r->d)) != NULL) {
                grow(&r->files, &r->capfiles, r->nfiles + 1, sizeof *r->files);
                r->files[r->nfiles++] = (loaded){xstrdup(name), f};
            }
            goto done;
        }
        sbuf_printf(&dirs, "%s%s", dir == r->search ? "" : ", ", *dir);
    }
    if (from)
        tmpl_error(r->d, from, off, "tmpl-partial", "partial \"%s\" not found: no %s.tpl in %s", name, name,
                   sbuf_str(&dirs));
    else
        diag_set(r->d, "tmpl-not-found", "template \"%s\" not found: no %s.tpl in %s", name, name,
                 sbuf_str(&dirs));
done:
    sbuf_free(&path);
    sbuf_free(&dirs);
    return f;
}

static const value *lookup(renderer *r, const tmpl_file *f, const tnode *n)
{
    if (n->meta != META_NONE) {
        for (size_t k = r->nframes; k-- > 0;)
            if (r->frames[k].loop)
                return &r->frames[k].meta[n->meta];
        tmpl_error(r->d, f, n->off, "tmpl-unknown", "\"%s\" is only defined inside a loop over a list",
                   n->name);
        return NULL;
    }
    if (strcmp(n->name, ".") == 0)
        return r->frames[r->nframes - 1].v;
    size_t len = strcspn(n->name, ".");
    for (size_t k = r->nframes; k-- > 0;) {
        const value *v = value_child(r->frames[k].v, n->name, len);
        if (!v)
            continue;
        if (n->name[len])
            v = value_get(v, n->name + len + 1);
        if (v)
            return v;
        break;
    }
    tmpl_error(r->d, f, n->off, "tmpl-unknown", "unknown variable \"%s\"", n->name);
    return NULL;
}

static int render_nodes(renderer *r, const tmpl_file *f, const tnodes *ns);

static int render_var(renderer *r, const tmpl_file *f, const tnode *n)
{
    const value *v = lookup(r, f, n);
    if (!v)
        return -1;
    /* Each formatter writes into one buffer while its input is the other. */
    sbuf buf[2] = {{0}};
    value text = {.kind = VALUE_STRING};
    int rc = 0;
    for (size_t k = 0; k < n->npipes && rc == 0; k++) {
        const tpipe *p = &n->pipes[k];
        sbuf *o = &buf[k % 2];
        sbuf_reset(o);
        if (tmplfmt_apply(p->f, v, p->args, p->nargs, o, r->d) < 0)
            rc = tmpl_locate(r->d, f, p->off);
        text.u.string = (char *)sbuf_str(o);
        v = &text;
    }
    char num[40];
    if (rc == 0 && v->kind == VALUE_STRING)
        markup_escape(&r->out, v->u.string);
    else if (rc == 0 && v->kind == VALUE_NUMBER)
        markup_escape(&r->out, fmt_num(num, sizeof num, v->u.number));
    else if (rc == 0)
        rc = tmpl_error(r->d, f, n->off, "tmpl-type", "\"%s\" is %s; only text and numbers print (a list "
                        "prints with | join, anything else in a section)", n->name, value_kind_name(v->kind));
    sbuf_free(&buf[0]);
    sbuf_free(&buf[1]);
    return rc;
}

static value meta_number(size_t n) { return (value){.kind = VALUE_NUMBER, .u.number = DEC_INT(n)}; }
static value meta_bool(int b) { return (value){.kind = VALUE_BOOL, .u.boolean = b}; }

/* Counts one unit of work (a node expanded, a loop pass): nesting and
 * output limits alone let partials that include the next one twice, or
 * loops over empty bodies, run for hours. */
static int spend(renderer *r, const tmpl_file *f, const tnode *n)
{
    if (++r->work <= TMPL_MAX_WORK)
        return 0;
    return tmpl_error(r->d, f, n->off, "tmpl-limit", "the template expands more than %d tags and "
                      "text runs (partials that include each other?)", TMPL_MAX_WORK);
}

/* A list renders the body once per item; any other true value once, with
 * itself as the context (so {{.}} prints it). */
static int render_section(renderer *r, const tmpl_file *f, const tnode *n)
{
    const value *v = lookup(r, f, n);
    if (!v)
        return -1;
    if (!value_truthy(v))
        return 0;
    int list = v->kind == VALUE_LIST;
    size_t count = list ? v->u.list.n : 1;
    for (size_t k = 0; k < count; k++) {
        if (spend(r, f, n) < 0)
            return -1;
        if (r->nframes == MAX_FRAMES)
            return tmpl_error(r->d, f, n->off, "tmpl-limit", "sections nested deeper than %d, counting "
                              "those in partials", MAX_FRAMES);
        frame *fr = &r->frames[r->nframes++];
        fr->v = list ? v->u.list.items[k] : v;
        fr->loop = list;
        fr->meta[META_INDEX] = meta_number(k);
        fr->meta[META_NUMBER] = meta_number(k + 1);
        fr->meta[META_FIRST] = meta_bool(k == 0);
        fr->meta[META_LAST] = meta_bool(k + 1 == count);
        fr->meta[META_COUNT] = meta_number(count);
        int rc = render_nodes(r, f, &n->body);
        r->nframes--;
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int render_partial(renderer *r, const tmpl_file *f, const tnode *n)
{
    if (r->partials == TMPL_MAX_PARTIALS)
        return tmpl_error(r->d, f, n->off, "tmpl-limit", "partials nested deeper than %d (does \"%s\" "
                          "include itself?)", TMPL_MAX_PARTIALS, n->name);
    const tmpl_file *pf = find_template(r, n->name, f, n->off);
    if (!pf)
        return -1;
    r->partials++;
    int rc = render_nodes(r, pf, &pf->root);
    r->partials--;
    return rc;
}

static int render_nodes(renderer *r, const tmpl_file *f, const tnodes *ns)
{
    for (size_t i = 0; i < ns->n; i++) {
        const tnode *n = &ns->v[i];
        int rc = 0;
        if (spend(r, f, n) < 0)
            return -1;
        switch (n->kind) {
        case TNODE_TEXT:
            grow(&r->origins, &r->caporigins, r->norigins + 1, sizeof *r->origins);
            r->origins[r->norigins++] = (origin){r->out.len, f, n->off};
            sbuf_add(&r->out, f->src + n->off, n->len);
            break;
        case TNODE_VAR:
            rc = render_var(r, f, n);
            break;
        case TNODE_SECTION:
            rc = render_section(r, f, n);
            break;
        case TNODE_INVERTED: {
            const value *v = lookup(r, f, n);
            rc = !v ? -1 : value_truthy(v) ? 0 : render_nodes(r, f, &n->body);
            break;
        }
        case TNODE_PARTIAL:
            rc = render_partial(r, f, n);
            break;
        }
        if (rc < 0)
            return -1;
        if (r->out.len > TMPL_MAX_OUTPUT)
            return tmpl_error(r->d, f, n->off, "tmpl-limit", "the rendered text exceeds %d MiB",
                              TMPL_MAX_OUTPUT >> 20);
    }
    return 0;
}

/* Markup errors are at "**", "*" or "::", which data cannot produce (it is
 * escaped), so the offset lies in literal text and has an origin. */
static int locate_output(renderer *r, size_t off)
{
    for (size_t k = r->norigins; k-- > 0;)
        if (r->origins[k].out <= off)
            return tmpl_locate(r->d, r->origins[k].f, r->origins[k].off + (off - r->origins[k].out));
    return -1;
}

int tmpl_render(const char *name, const char *const *search_path, const value *data, doc *out, diag *d)
{
    renderer r = {.search = search_path, .d = d};
    r.frames = xcalloc(MAX_FRAMES, sizeof *r.frames);
    r.frames[r.nframes++].v = data;
    const tmpl_file *f = find_template(&r, name, NULL, 0);
    int rc = f ? render_nodes(&r, f, &f->root) : -1;
    doc body = {0};
    size_t off;
    if (rc == 0 && markup_parse(sbuf_str(&r.out), r.out.len, &body, &off, d) < 0)
        rc = locate_output(&r, off);
    if (rc == 0 && body.n) {
        grow(&out->blocks, &out->cap, out->n + body.n, sizeof *out->blocks);
        memcpy(out->blocks + out->n, body.blocks, body.n * sizeof *body.blocks);
        out->n += body.n;
        body.n = 0;
    }
    doc_free(&body);
    for (size_t i = 0; i < r.nfiles; i++) {
        free(r.files[i].name);
        tmpl_file_free(r.files[i].f);
    }
    free(r.files);
    free(r.frames);
    free(r.origins);
    sbuf_free(&r.out);
    return rc;
}
