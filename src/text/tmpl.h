/* tmpl.h — the template engine: the wording of a report lives in template
 * files that its office can edit; a template renders data (value.h) into
 * body blocks of the document tree (doc.h).
 *
 *   {{unit.name}}                 a variable (a dotted path into the data)
 *   {{score | num}}               formatters, chained with | (tmplfmt.h)
 *   {{#units}}…{{/units}}         a loop over a list (the item becomes the
 *                                 context; @index @number @first @last @count),
 *                                 or, for any other value, "if true"
 *   {{^units}}…{{/units}}         "if false": null, false, 0, "" or []
 *   {{> sentences/intro}}         a partial, sentences/intro.tpl (or, where a
 *                                 directory has none, sentences/intro.txt:
 *                                 plain text printed as data is, its blank
 *                                 lines ending paragraphs)
 *   {{! comment }}
 *
 * The rendered text is block markup (markup.h): "# "/"## " headings, "- "/
 * "+ " list items, "::center" and friends, **bold** and *italic*. Text that
 * comes from data is never read as markup or as template syntax.
 *
 * Templates are strict: a variable that is not in the data is an error,
 * never a blank, and every error names file:line:col. The language is
 * documented for template authors in templates/README.md. */
#ifndef BAOCAO_TMPL_H
#define BAOCAO_TMPL_H

#include "diag.h"
#include "doc.h"
#include "value.h"

#define TMPL_MAX_PARTIALS 32          /* partials inside partials */
#define TMPL_MAX_FILES 1024           /* templates reachable from one document */
#define TMPL_MAX_OUTPUT (16 << 20)    /* bytes of rendered markup */
#define TMPL_MAX_WORK (1 << 22)       /* nodes expanded: partials that include the next
                                         one twice, 30 deep, expand 2^30 empty nodes */

/* A set of compiled templates: the entries and every partial they can
 * reach, each file read and parsed once. A template is the file
 * <dir>/<name>.tpl of the first directory of search_path (NULL-terminated)
 * that has one: put the report's own directory first and templates/ after
 * it, and a report overrides any partial by providing a file of the same
 * name. A file that is missing or does not parse is an error only when a
 * render reaches it.
 *
 * Loaded once per run; afterwards only read, so any number of threads may
 * render from one set at once. NULL (d set) only past TMPL_MAX_FILES. */
typedef struct tmpl_set tmpl_set;
tmpl_set *tmpl_set_load(const char *const *search_path, const char *const *entries, diag *d);
void tmpl_set_free(tmpl_set *s);   /* NULL is fine */

/* Renders template `name` with data as the outermost context and appends
 * the blocks it produces (paragraphs, headings, list items) to out.
 * On error out is left unchanged, d says where and why, and -1 returns. */
int tmpl_render_set(const tmpl_set *s, const char *name, const value *data, doc *out, diag *d);

/* tmpl_render_set with a one-off set of search_path. */
int tmpl_render(const char *name, const char *const *search_path, const value *data, doc *out, diag *d);

/* The text entry point, for table cells and titles: renders `name` as
 * plain text (no block markup; values as they are) into exactly `want`
 * texts, separated in the template by blank lines, white space collapsed
 * (out[i] malloc'd). Another count is the error "template-shape". */
int tmpl_render_texts(const tmpl_set *s, const char *name, const value *data, size_t want, char **out,
                      diag *d);

/* One text a data file gives (a scheme's note) rendered as a template of s
 * (its partials from s): *out malloc'd; errors name `where` and the line
 * and column in src. */
int tmpl_render_string(const tmpl_set *s, const char *where, const char *src, const value *data, char **out,
                       diag *d);

#endif
