/* page.h — the web page's HTML, from data files: <data_dir>/templates/serve/
 * NAME.html, read once at start. The C code supplies values, never words:
 * {{key}} is replaced by the value HTML-escaped, {{{key}}} by a fragment
 * already made from another file. An unknown key is empty. */
#ifndef BAOCAO_SERVE_PAGE_H
#define BAOCAO_SERVE_PAGE_H

#include <stdio.h>

typedef struct page_var {
    const char *key, *value;
} page_var;

/* Loads every page file; -1 with a message in err (size n) if one is missing. */
int page_load(const char *data_dir, char *err, size_t n);
void page_free(void);

/* Writes file `name` with vars (NULL-key-terminated) to out. */
void page_write(FILE *out, const char *name, const page_var *vars);

/* The text of a fixed page file (the style sheet, the OpenAPI document). */
const char *page_text(const char *name, size_t *len);

/* A whole file into a malloc'd buffer with a NUL after its len bytes; -1 if unreadable. */
int page_read_file(const char *path, char **out, size_t *len);

/* s HTML-escaped (& < > " ') to out. */
void page_escape(FILE *out, const char *s);

#endif
