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
#include "private/tmplparse.h"

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

/* A template of a set: parsed, or why not (kept, and reported only if a
 * render reaches it, as when files were read on demand). */
typedef struct loaded {
    char *name;
    tmpl_file *f;             /* NULL: missing, or err says why it did not load */
    int missing;
    diag err;
} loaded;

struct tmpl_set {
    char **search;            /* NULL-terminated copy */
    char *dirs;               /* "a, b, c": for not-found messages */
    loaded *files;            /* each template parsed once, whoever includes it */
    size_t nfiles, cap;
};

typedef struct renderer {
    const tmpl_set *set;
    int plain;                /* text for a table cell or a title: values unescaped */
    frame *frames;
    size_t nframes;
    int partials;             /* current partial depth */
    size_t work;              /* nodes expanded so far (TMPL_MAX_WORK) */
    sbuf out;
    origin *origins;
    size_t norigins, caporigins;
    diag *d;
} renderer;

static int set_add_partials(tmpl_set *s, const tnodes *ns, diag *d);

static const loaded *set_find(const tmpl_set *s, const char *name)
{
    for (size_t i = 0; i < s->nfiles; i++)
        if (strcmp(s->files[i].name, name) == 0)
            return &s->files[i];
    return NULL;
}

/* Adds template `name` and, through its partials, every template it can
 * reach (what a render may include, whichever sections the data open). */
static int set_add(tmpl_set *s, const char *name, diag *d)
{
    if (set_find(s, name))
        return 0;
    if (s->nfiles == TMPL_MAX_FILES)
        return diag_set(d, "tmpl-limit", "more than %d template files reachable from one document",
                        TMPL_MAX_FILES);
    loaded *l = grow_push(&s->files, &s->nfiles, &s->cap, sizeof *s->files);
    l->name = xstrdup(name);
    l->missing = 1;
    sbuf path = {0};
    /* In each directory a template, else plain text taken literally (the
     * office's own paragraphs, typed by someone who writes no templates). */
    for (char **dir = s->search; *dir && l->missing; dir++)
        for (int literal = 0; literal < 2 && l->missing; literal++) {
            sbuf_reset(&path);
            sbuf_printf(&path, "%s/%s.%s", *dir, name, literal ? "txt" : "tpl");
            if (access(path.s, F_OK) == 0) {
                l->missing = 0;
                l->f = tmpl_file_load(path.s, literal, &l->err);
            }
        }
    sbuf_free(&path);
    const tmpl_file *f = l->f;   /* l moves when the set grows */
    return f ? set_add_partials(s, &f->root, d) : 0;
}

static int set_add_partials(tmpl_set *s, const tnodes *ns, diag *d)
{
    for (size_t i = 0; i < ns->n; i++) {
        const tnode *n = &ns->v[i];
        if ((n->kind == TNODE_PARTIAL && set_add(s, n->name, d) < 0) ||
            ((n->kind == TNODE_SECTION || n->kind == TNODE_INVERTED) && set_add_partials(s, &n->body, d) < 0))
            return -1;
    }
    return 0;
}

tmpl_set *tmpl_set_load(const char *const *search_path, const char *const *entries, diag *d)
{
    tmpl_set *s = xcalloc(1, sizeof *s);
    size_t n = 0;
    sbuf dirs = {0};
    while (search_path[n])
        n++;
    s->search = strv_dup(search_path, n);
    for (size_t i = 0; i < n; i++)
        sbuf_printf(&dirs, "%s%s", i ? ", " : "", search_path[i]);
    s->dirs = sbuf_take(&dirs);
    for (const char *const *e = entries; *e; e++)
        if (set_add(s, *e, d) < 0) {
            tmpl_set_free(s);
            return NULL;
        }
    return s;
}

void tmpl_set_free(tmpl_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nfiles; i++) {
        free(s->files[i].name);
        tmpl_file_free(s->files[i].f);
    }
    free(s->files);
    for (char **p = s->search; *p; p++)
        free(*p);
    free(s->search);
    free(s->dirs);
    free(s);
}

static const tmpl_file *find_template(renderer *r, const char *name, const tmpl_file *from, size_t off)
{
    const loaded *l = set_find(r->set, name);
    if (l && l->f)
        return l->f;
    if (l && !l->missing)
        *r->d = l->err;
    else if (from)
        tmpl_error(r->d, from, off, "tmpl-partial", "partial \"%s\" not found: no %s.tpl in %s", name, name,
                   r->set->dirs);
    else
        diag_set(r->d, "tmpl-not-found", "template \"%s\" not found: no %s.tpl in %s", name, name, r->set->dirs);
    return NULL;
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
    const char *s = rc < 0 ? NULL
                    : v->kind == VALUE_STRING ? v->u.string
                    : v->kind == VALUE_NUMBER ? fmt_num(num, sizeof num, v->u.number)
                                              : NULL;
    if (s && r->plain)
        sbuf_puts(&r->out, s);
    else if (s)
        markup_escape(&r->out, s);
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

/* Plain text as data: every character as it is (markup escaped), line
 * breaks as spaces, but a blank line still ends a paragraph; blocks of
 * its own, whatever surrounds the include. */
static void render_literal(renderer *r, const char *s, size_t len)
{
    if (r->plain) {
        sbuf_add(&r->out, s, len);
        return;
    }
    sbuf line = {0};
    sbuf_puts(&r->out, "\n\n");
    for (size_t i = 0; i < len;) {
        size_t n = strcspn(s + i, "\n");
        n = n < len - i ? n : len - i;
        sbuf_reset(&line);
        sbuf_add(&line, s + i, n);
        if (strspn(sbuf_str(&line), " \t\r\f\v") == n)
            sbuf_puts(&r->out, "\n\n");
        else
            markup_escape(&r->out, sbuf_str(&line)), sbuf_putc(&r->out, '\n');
        i += n + 1;
    }
    sbuf_puts(&r->out, "\n\n");
    sbuf_free(&line);
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
        case TNODE_LITERAL:
            render_literal(r, f->src + n->off, n->len);
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

static void render_start(renderer *r, const tmpl_set *s, const value *data, diag *d)
{
    r->set = s;
    r->d = d;
    r->frames = xcalloc(MAX_FRAMES, sizeof *r->frames);
    r->frames[r->nframes++].v = data;
}

/* Walks template `name` into r->out. */
static int render_into(renderer *r, const tmpl_set *s, const char *name, const value *data, diag *d)
{
    render_start(r, s, data, d);
    const tmpl_file *f = find_template(r, name, NULL, 0);
    return f ? render_nodes(r, f, &f->root) : -1;
}

static void renderer_free(renderer *r)
{
    free(r->frames);
    free(r->origins);
    sbuf_free(&r->out);
}

int tmpl_render_set(const tmpl_set *s, const char *name, const value *data, doc *out, diag *d)
{
    renderer r = {0};
    int rc = render_into(&r, s, name, data, d);
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
    renderer_free(&r);
    return rc;
}

int tmpl_render(const char *name, const char *const *search_path, const value *data, doc *out, diag *d)
{
    const char *entries[] = {name, NULL};
    tmpl_set *s = tmpl_set_load(search_path, entries, d);
    int rc = s ? tmpl_render_set(s, name, data, out, d) : -1;
    tmpl_set_free(s);
    return rc;
}

/* Cuts what r rendered (rc: how that went) into the `want` texts of name. */
static int cut_texts(renderer *r, int rc, const char *name, size_t want, char **out, diag *d)
{
    size_t n = 0;
    const char *p = sbuf_str(&r->out);
    while (rc == 0 && *p) {
        /* A text is a run of lines up to a blank line; its white space collapses. */
        sbuf t = {0};
        while (*p) {
            size_t len = strcspn(p, "\n");
            const char *line = p;
            p += len + (p[len] == '\n');
            size_t k = 0;
            while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
                k++;
            if (k == len) {
                if (t.len)
                    break;
                continue;
            }
            for (; k < len; k++) {
                int space = line[k] == ' ' || line[k] == '\t' || line[k] == '\r';
                if (!space)
                    sbuf_putc(&t, line[k]);
                else if (t.len && t.s[t.len - 1] != ' ')
                    sbuf_putc(&t, ' ');
            }
            if (t.len && t.s[t.len - 1] != ' ')
                sbuf_putc(&t, ' ');
        }
        while (t.len && t.s[t.len - 1] == ' ')
            t.s[--t.len] = 0;
        if (!t.len) {
            sbuf_free(&t);
            continue;
        }
        if (n < want)
            out[n] = sbuf_take(&t);
        else
            sbuf_free(&t);
        n++;
    }
    if (rc == 0 && n != want)
        rc = diag_set(d, "template-shape", "template %s: %zu texts, expected %zu (one per table cell, "
                      "separated by blank lines)", name, n, want);
    if (rc < 0)
        for (size_t i = 0; i < want && i < n; i++)
            free(out[i]), out[i] = NULL;
    renderer_free(r);
    return rc;
}

int tmpl_render_texts(const tmpl_set *s, const char *name, const value *data, size_t want, char **out, diag *d)
{
    renderer r = {.plain = 1};
    int rc = render_into(&r, s, name, data, d);
    return cut_texts(&r, rc, name, want, out, d);
}

int tmpl_render_string(const tmpl_set *s, const char *where, const char *src, const value *data, char **out,
                       diag *d)
{
    *out = NULL;
    tmpl_file *f = tmpl_file_parse(where, xstrdup(src), strlen(src), d);
    if (!f)
        return -1;
    renderer r = {.plain = 1};
    render_start(&r, s, data, d);
    int rc = cut_texts(&r, render_nodes(&r, f, &f->root), where, 1, out, d);
    tmpl_file_free(f);
    return rc;
}
