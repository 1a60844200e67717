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
 *   {{> sentences/intro}}         a partial, sentences/intro.tpl
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
#define TMPL_MAX_OUTPUT (16 << 20)    /* bytes of rendered markup */
#define TMPL_MAX_WORK (1 << 22)       /* nodes expanded: partials that include the next
                                         one twice, 30 deep, expand 2^30 empty nodes */

/* Renders template `name` with data as the outermost context and appends
 * the blocks it produces (paragraphs, headings, list items) to out.
 *
 * The template and its partials are the files <dir>/<name>.tpl, taken from
 * the first directory of search_path (NULL-terminated) that has one: put
 * the report's own directory first and templates/ after it, and a report
 * overrides any partial by providing a file of the same name.
 *
 * On error out is left unchanged, d says where and why, and -1 returns. */
int tmpl_render(const char *name, const char *const *search_path, const value *data, doc *out, diag *d);

#endif
