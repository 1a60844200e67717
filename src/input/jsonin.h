/* jsonin.h — reading typed fields out of JSON input files with errors that
 * say where: "report.json: signer.name: expected a string". Input layer only:
 * nothing past the readers sees a json_t. */
#ifndef BAOCAO_JSONIN_H
#define BAOCAO_JSONIN_H

#include <jansson.h>
#include "dec.h"
#include "diag.h"

/* The line of path where the JSON string `text` first appears (as a key or
 * value), for messages about values jansson gives no position for; 0 if
 * not found. */
int jsonin_line_of(const char *path, const char *text);

/* Parses a file; syntax errors name file:line:column. Limits nesting depth. */
json_t *jsonin_load(const char *path, diag *d);

/* Field access. `where` is the dotted path of obj, for messages ("" = top).
 * Optional getters leave *out untouched and return 0 when the key is absent;
 * every getter returns -1 (with d set) when the value has the wrong type. */
/* A file named at key: "path", or {"path": "...", "name": "..."} where name
 * is how messages speak of it (a file uploaded under another name); *name
 * is left untouched when not given. */
int jsonin_file(json_t *obj, const char *file, const char *where, const char *key, int required, char **path,
                char **name, diag *d);
int jsonin_str(json_t *obj, const char *file, const char *where, const char *key, int required,
               char **out, diag *d);
int jsonin_int(json_t *obj, const char *file, const char *where, const char *key, int required,
               int *out, diag *d);
int jsonin_bool(json_t *obj, const char *file, const char *where, const char *key, int *out,
                diag *d);
int jsonin_dec(json_t *obj, const char *file, const char *where, const char *key, int required,
               dec *out, diag *d);
/* A string or an array of strings, into a NULL-terminated vector. */
int jsonin_strv(json_t *obj, const char *file, const char *where, const char *key, int required,
                char ***out, size_t *n, diag *d);
/* An array into *out (borrowed; NULL when absent and not required). */
int jsonin_array(json_t *obj, const char *file, const char *where, const char *key, int required,
                 json_t **out, diag *d);

/* Calls each(o, path, ctx, d) for every element o of the array arr found
 * at `where`.`key`, in order; each must be an object, path is its located
 * name ("groups[2].indicators[0]"). Stops at the first failure: -1. */
typedef int (*jsonin_each_fn)(json_t *o, const char *path, void *ctx, diag *d);
int jsonin_each(json_t *arr, const char *file, const char *where, const char *key, jsonin_each_fn each,
                void *ctx, diag *d);

#endif
