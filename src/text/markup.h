/* markup.h — the block markup of rendered templates, into doc blocks.
 *
 *   # 1. Heading           level-1 heading (one line)
 *   ## 1.1. Heading        level-2 heading (one line)
 *   - item / + item        list item, level 1 / 2
 *   ::center text          paragraph centred; also ::left, ::right, ::noindent
 *   text                   justified paragraph with first-line indent
 *   **bold** *italic*      inline, nestable; \* \\ \# … stand for the character
 *
 * Blocks end at a blank line or where the next block marker starts a line;
 * other lines continue the block, joined by one space. White space runs
 * collapse to one space. A block that ends up empty is dropped. */
#ifndef BAOCAO_MARKUP_H
#define BAOCAO_MARKUP_H

#include <stddef.h>
#include "diag.h"
#include "doc.h"
#include "sbuf.h"

/* Appends s so that markup_parse reads it back as exactly that text:
 * markup characters are escaped, line breaks become spaces. This is how
 * data reaches the markup without ever being read as markup. */
void markup_escape(sbuf *b, const char *s);

/* Appends the blocks of s[0..n) to out. On a markup error (an unclosed
 * "**", an unknown "::" style) fills d, sets *err_off to the offending
 * offset in s, and returns -1; out may then hold some of the blocks. */
int markup_parse(const char *s, size_t n, doc *out, size_t *err_off, diag *d);

#endif
