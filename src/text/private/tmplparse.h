/* tmplparse.h — template files: loading, parsing into a node tree, and
 * placing error messages at file:line:col. Internal to the template engine
 * (tmpl.c renders the tree); the language is described in tmpl.h. */
#ifndef BAOCAO_TMPLPARSE_H
#define BAOCAO_TMPLPARSE_H

/* Only text/'s own files see this header (src/CMakeLists.txt defines
 * BAOCAO_STAGE_TEXT for them alone), whatever path reaches it. */
#ifndef BAOCAO_STAGE_TEXT
#error "a private header of src/text/"
#endif

#include <stddef.h>
#include "diag.h"
#include "tmplfmt.h"

#define TMPL_MAX_FILE (1 << 20)   /* bytes in one template file */
#define TMPL_MAX_NESTING 64        /* sections inside sections, in one file */

/* TNODE_LITERAL: the whole of a plain-text file (.txt), printed as data is:
 * never read as tags or markup; its blank lines still end paragraphs. */
typedef enum tnode_kind { TNODE_TEXT, TNODE_VAR, TNODE_SECTION, TNODE_INVERTED, TNODE_PARTIAL, TNODE_LITERAL } tnode_kind;

/* Loop metadata a path can name instead of data: {{@index}} … */
typedef enum tmeta { META_NONE = -1, META_INDEX, META_NUMBER, META_FIRST, META_LAST, META_COUNT, META_N } tmeta;

typedef struct tpipe {
    const tmpl_formatter *f;
    char **args;
    size_t nargs;
    size_t off;             /* of the formatter's name */
} tpipe;

typedef struct tnode tnode;
typedef struct tnodes {
    tnode *v;
    size_t n, cap;
} tnodes;

struct tnode {
    tnode_kind kind;
    size_t off;             /* TEXT: its first byte; tags: their "{{" */
    size_t len;             /* TEXT: its length (the text is the file's, from off) */
    char *name;             /* a path for VAR and sections (".", "unit.name"); PARTIAL: its name */
    tmeta meta;             /* a path naming loop metadata, else META_NONE */
    tpipe *pipes;           /* VAR */
    size_t npipes;
    tnodes body;            /* SECTION, INVERTED */
};

typedef struct tmpl_file {
    char *path;             /* as opened, for messages */
    char *src;              /* UTF-8 NFC, NUL-terminated */
    size_t len;
    tnodes root;
} tmpl_file;

/* Reads and parses one template file; NULL with d filled on any error.
 * literal: a plain-text file, one TNODE_LITERAL, nothing parsed. */
tmpl_file *tmpl_file_load(const char *path, int literal, diag *d);

/* Parses raw (len bytes, NUL-terminated, taken over) as a template named
 * path in messages: text a data file gives (a scheme's note). */
tmpl_file *tmpl_file_parse(const char *path, char *raw, size_t len, diag *d);
void tmpl_file_free(tmpl_file *f);

/* The engine's one error helper: sets d to "path:line:col: message" for
 * byte offset off of f. Returns -1. */
int tmpl_error(diag *d, const tmpl_file *f, size_t off, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Prefixes the message already in d with "path:line:col" of off. */
int tmpl_locate(diag *d, const tmpl_file *f, size_t off);

#endif
