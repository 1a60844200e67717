/* tmplparse.c — template text to a node tree.
 *
 * The scanner looks for "{{" … "}}" and keeps what lies between tags as
 * text nodes that point into the file, so a markup error found after
 * rendering can still be traced to its line and column. Sections are
 * parsed by recursion, one level per open section, bounded by
 * TMPL_MAX_NESTING.
 *
 * Standalone lines, as in Mustache: a line holding nothing but one section,
 * inverse, closing, partial or comment tag (and white space) disappears
 * with its line break. Templates can then put {{#units}} on a line of its
 * own without leaving blank lines, which would split paragraphs. */
#include "private/tmplparse.h"
#include "sbuf.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const META_NAME[META_N] = {"@index", "@number", "@first", "@last", "@count"};

typedef struct parser {
    tmpl_file *f;
    const char *s;
    size_t pos;
    diag *d;
} parser;

static void line_col(const tmpl_file *f, size_t off, int *line, int *col)
{
    *line = *col = 1;
    for (size_t i = 0; i < off && i < f->len; i++) {
        if (f->src[i] == '\n')
            ++*line, *col = 1;
        else if (((unsigned char)f->src[i] & 0xC0) != 0x80)   /* columns count characters */
            ++*col;
    }
}

int tmpl_locate(diag *d, const tmpl_file *f, size_t off)
{
    int line, col;
    line_col(f, off, &line, &col);
    diag_prefix(d, "%s:%d:%d", f->path, line, col);
    return diag_at(d, f->path, line, col);
}

int tmpl_error(diag *d, const tmpl_file *f, size_t off, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vset(d, key, fmt, ap);
    va_end(ap);
    return tmpl_locate(d, f, off);
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static int is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static size_t skip_space(const char *s, size_t i, size_t e)
{
    while (i < e && is_space(s[i]))
        i++;
    return i;
}

static tnode *add_node(tnodes *ns, tnode_kind kind, size_t off)
{
    tnode *n = grow_push(&ns->v, &ns->n, &ns->cap, sizeof *ns->v);
    n->kind = kind;
    n->off = off;
    n->meta = META_NONE;
    return n;
}

/* Word parts joined by single `sep`s: "unit.now.converted", "sentences/intro". */
static int valid_name(const char *p, char sep, int dash)
{
    for (const char *q = p; *q; q++)
        if (!is_word(*q) && !(dash && *q == '-') && !(*q == sep && q > p && q[1] && q[1] != sep))
            return 0;
    return *p != 0;
}

/* Reads the name at s[*i..e), up to white space or "|", into n->name. */
static size_t read_name(parser *p, tnode *n, size_t *i, size_t e)
{
    size_t a = skip_space(p->s, *i, e), b = a;
    while (b < e && !is_space(p->s[b]) && p->s[b] != '|')
        b++;
    n->name = xstrndup(p->s + a, b - a);
    *i = b;
    return a;
}

/* A path: ".", a loop metadata name, or word parts joined by dots. */
static int parse_path(parser *p, tnode *n, size_t *i, size_t e)
{
    size_t a = read_name(p, n, i, e);
    if (strcmp(n->name, ".") == 0)
        return 0;
    for (int m = 0; m < META_N; m++)
        if (strcmp(n->name, META_NAME[m]) == 0) {
            n->meta = (tmeta)m;
            return 0;
        }
    if (valid_name(n->name, '.', 0))
        return 0;
    sbuf meta = {0};
    for (int m = 0; m < META_N; m++)
        sbuf_printf(&meta, ", %s", META_NAME[m]);
    tmpl_error(p->d, p->f, a, "tmpl-syntax", "\"%s\" is not a variable name (names are letters, digits and "
               "_, joined by \".\"; or .%s)", n->name, meta.s);
    sbuf_free(&meta);
    return -1;
}

/* Partial names are paths below a search directory, with no "." or ".."
 * parts to climb out of it: "header", "sentences/intro". */
static int parse_partial_name(parser *p, tnode *n, size_t *i, size_t e)
{
    size_t a = read_name(p, n, i, e);
    if (!valid_name(n->name, '/', 1))
        return tmpl_error(p->d, p->f, a, "tmpl-syntax", "\"%s\" is not a partial name (letters, digits, _ "
                          "and -, with / for subdirectories)", n->name);
    return 0;
}

/* " | name "arg" "arg" | name …" after a variable's path. */
static int parse_pipes(parser *p, tnode *n, size_t i, size_t e)
{
    const char *s = p->s;
    while ((i = skip_space(s, i, e)) < e) {
        if (s[i] != '|')
            return tmpl_error(p->d, p->f, i, "tmpl-syntax", "unexpected \"%.*s\" in a tag; formatters "
                              "follow \"|\"", (int)(e - i), s + i);
        size_t a = skip_space(s, i + 1, e), b = a;
        while (b < e && is_word(s[b]))
            b++;
        const tmpl_formatter *f = tmplfmt_find(s + a, b - a);
        if (!f)
            return tmpl_error(p->d, p->f, a, "tmpl-formatter", "unknown formatter \"%.*s\"", (int)(b - a),
                              s + a);
        n->pipes = xrealloc(n->pipes, (n->npipes + 1) * sizeof *n->pipes);
        tpipe *pp = &n->pipes[n->npipes++];
        *pp = (tpipe){.f = f, .off = a};
        for (i = skip_space(s, b, e); i < e && s[i] == '"'; i = skip_space(s, i, e)) {
            const char *q = memchr(s + i + 1, '"', e - i - 1);
            if (!q)
                return tmpl_error(p->d, p->f, i, "tmpl-syntax", "a quoted argument is not closed");
            if ((int)pp->nargs == tmplfmt_max_args(f))
                return tmpl_error(p->d, p->f, i, "tmpl-formatter", "formatter \"%.*s\" takes at most %d "
                                  "argument%s", (int)(b - a), s + a, tmplfmt_max_args(f),
                                  tmplfmt_max_args(f) == 1 ? "" : "s");
            pp->args = xrealloc(pp->args, (pp->nargs + 1) * sizeof *pp->args);
            pp->args[pp->nargs++] = xstrndup(s + i + 1, (size_t)(q - s) - i - 1);
            i = (size_t)(q - s) + 1;
        }
        if ((int)pp->nargs < tmplfmt_min_args(f))
            return tmpl_error(p->d, p->f, a, "tmpl-formatter", "formatter \"%.*s\" needs %d quoted "
                              "argument%s (its words)", (int)(b - a), s + a, tmplfmt_min_args(f),
                              tmplfmt_min_args(f) == 1 ? "" : "s");
    }
    return 0;
}

/* Tags other than variables end after their path or name. */
static int expect_end(parser *p, size_t i, size_t e)
{
    i = skip_space(p->s, i, e);
    if (i == e)
        return 0;
    return tmpl_error(p->d, p->f, i, "tmpl-syntax", "unexpected \"%.*s\" in a tag%s", (int)(e - i), p->s + i,
                      p->s[i] == '|' ? " (only variables take formatters)" : "");
}

/* A "{{/path}}" at s[i..e) must close `open`. */
static int close_section(parser *p, const tnode *open, size_t tag, size_t i, size_t e)
{
    tnode close = {.meta = META_NONE};
    int rc = parse_path(p, &close, &i, e) < 0 || expect_end(p, i, e) < 0 ? -1 : 0;
    if (rc == 0 && !open) {
        rc = tmpl_error(p->d, p->f, tag, "tmpl-section", "\"{{/%s}}\" closes no open section", close.name);
    } else if (rc == 0 && strcmp(close.name, open->name) != 0) {
        int line, col;
        line_col(p->f, open->off, &line, &col);
        rc = tmpl_error(p->d, p->f, tag, "tmpl-section", "\"{{/%s}}\" does not close \"{{%c%s}}\" opened at "
                        "%d:%d", close.name, open->kind == TNODE_INVERTED ? '^' : '#', open->name, line, col);
    }
    free(close.name);
    return rc;
}

static void add_text(tnodes *out, size_t from, size_t to)
{
    if (to > from)
        add_node(out, TNODE_TEXT, from)->len = to - from;
}

/* Parses nodes into out until the end of the file (open == NULL) or the
 * tag closing `open`. */
static int parse_nodes(parser *p, tnodes *out, const tnode *open, int depth)
{
    const char *s = p->s;
    for (;;) {
        size_t text = p->pos;
        const char *t = strstr(s + text, "{{");
        if (!t) {
            add_text(out, text, p->f->len);
            p->pos = p->f->len;
            break;
        }
        size_t tag = (size_t)(t - s);
        const char *close = strstr(t + 2, "}}");
        if (!close)
            return tmpl_error(p->d, p->f, tag, "tmpl-syntax", "\"{{\" is not closed by \"}}\"");
        size_t i = skip_space(s, tag + 2, (size_t)(close - s)), e = (size_t)(close - s);
        size_t text_end = tag, after = e + 2;
        char sigil = strchr("#^/!>", s[i]) ? s[i] : 0;
        if (sigil) {
            size_t ls = tag, rs = after;
            while (ls > text && (s[ls - 1] == ' ' || s[ls - 1] == '\t'))
                ls--;
            while (rs < p->f->len && (s[rs] == ' ' || s[rs] == '\t' || s[rs] == '\r'))
                rs++;
            if ((ls == 0 || s[ls - 1] == '\n') && (rs == p->f->len || s[rs] == '\n'))
                text_end = ls, after = rs < p->f->len ? rs + 1 : rs;
            i++;
        }
        add_text(out, text, text_end);
        p->pos = after;
        tnode *n;
        switch (sigil) {
        case '!':
            break;
        case '/':
            return close_section(p, open, tag, i, e);
        case '#':
        case '^':
            if (depth == TMPL_MAX_NESTING)
                return tmpl_error(p->d, p->f, tag, "tmpl-limit", "sections nested deeper than %d",
                                  TMPL_MAX_NESTING);
            n = add_node(out, sigil == '#' ? TNODE_SECTION : TNODE_INVERTED, tag);
            if (parse_path(p, n, &i, e) < 0 || expect_end(p, i, e) < 0 ||
                parse_nodes(p, &n->body, n, depth + 1) < 0)
                return -1;
            break;
        case '>':
            n = add_node(out, TNODE_PARTIAL, tag);
            if (parse_partial_name(p, n, &i, e) < 0 || expect_end(p, i, e) < 0)
                return -1;
            break;
        default:
            n = add_node(out, TNODE_VAR, tag);
            if (parse_path(p, n, &i, e) < 0 || parse_pipes(p, n, i, e) < 0)
                return -1;
        }
    }
    if (open)
        return tmpl_error(p->d, p->f, open->off, "tmpl-section", "section \"%s\" is not closed by \"{{/%s}}\"",
                          open->name, open->name);
    return 0;
}

static void free_nodes(tnodes *ns)
{
    for (size_t i = 0; i < ns->n; i++) {
        tnode *n = &ns->v[i];
        free(n->name);
        for (size_t k = 0; k < n->npipes; k++) {
            for (size_t a = 0; a < n->pipes[k].nargs; a++)
                free(n->pipes[k].args[a]);
            free(n->pipes[k].args);
        }
        free(n->pipes);
        free_nodes(&n->body);
    }
    free(ns->v);
}

void tmpl_file_free(tmpl_file *f)
{
    if (!f)
        return;
    free_nodes(&f->root);
    free(f->src);
    free(f->path);
    free(f);
}

/* The whole file, NUL-terminated, if it is at most TMPL_MAX_FILE bytes. */
static char *read_small_file(const char *path, size_t *len, diag *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_set(d, "file-open", "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    char *s = NULL;
    long size = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    if (size < 0 || fseek(fp, 0, SEEK_SET) != 0) {
        diag_set(d, "file-read", "%s: cannot read: %s", path, strerror(errno));
    } else if (size > TMPL_MAX_FILE) {
        diag_set(d, "tmpl-limit", "%s: the template has %ld bytes; at most %d (1 MiB) are allowed", path, size,
                 TMPL_MAX_FILE);
    } else {
        s = xmalloc((size_t)size + 1);
        *len = fread(s, 1, (size_t)size, fp);
        s[*len] = 0;
        if (*len != (size_t)size) {
            diag_set(d, "file-read", "%s: read error", path);
            free(s);
            s = NULL;
        }
    }
    fclose(fp);
    return s;
}

tmpl_file *tmpl_file_load(const char *path, diag *d)
{
    size_t len;
    char *raw = read_small_file(path, &len, d);
    if (!raw)
        return NULL;
    /* Editors on Windows start UTF-8 files with a byte order mark; it is not text. */
    if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
        memmove(raw, raw + 3, (len -= 3) + 1);
    return tmpl_file_parse(path, raw, len, d);
}

tmpl_file *tmpl_file_parse(const char *path, char *raw, size_t len, diag *d)
{
    tmpl_file *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->src = raw;
    f->len = len;
    for (size_t i = 0; i < f->len;) {
        uint32_t cp;
        int k = utf8_next(f->src + i, f->len - i, &cp);
        if (k <= 0 || cp == 0) {
            if (k <= 0)
                tmpl_error(d, f, i, "tmpl-encoding", "invalid UTF-8");
            else
                tmpl_error(d, f, i, "tmpl-encoding", "NUL byte in a template");
            tmpl_file_free(f);
            return NULL;
        }
        i += (size_t)k;
    }
    char *nfc = text_nfc(f->src, f->len);
    free(f->src);
    f->src = nfc;
    f->len = strlen(nfc);
    parser p = {f, f->src, 0, d};
    if (parse_nodes(&p, &f->root, NULL, 0) < 0) {
        tmpl_file_free(f);
        return NULL;
    }
    return f;
}
