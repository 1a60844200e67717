/* value.h — the data a template reads: a small tree of null, booleans,
 * exact numbers, strings, lists and maps.
 *
 * The report stage builds one value tree from the dataset and hands it to
 * the template engine (tmpl.h); templates never see JSON or C structs. Maps
 * keep their keys in insertion order. A tree owns everything below it:
 * builders take ownership of the values they are given and copy strings. */
#ifndef BAOCAO_VALUE_H
#define BAOCAO_VALUE_H

#include <stddef.h>
#include "dec.h"
#include "sbuf.h"

typedef enum value_kind {
    VALUE_NULL,
    VALUE_BOOL,
    VALUE_NUMBER,
    VALUE_STRING,
    VALUE_LIST,
    VALUE_MAP
} value_kind;

typedef struct value value;
typedef struct value_entry {
    char *key;
    value *val;
} value_entry;

struct value {
    value_kind kind;
    union {
        int boolean;
        dec number;
        char *string;                                          /* UTF-8 NFC */
        struct { value **items; size_t n, cap; } list;
        struct { value_entry *entries; size_t n, cap; } map;
    } u;
};

/* Builders; each returns a new tree of one node. */
value *value_null(void);
value *value_bool(int b);
value *value_number(dec n);
value *value_string(const char *s);
value *value_list(void);
value *value_map(void);

/* Appends item to list; returns item, so that it can be filled in place. */
value *value_list_push(value *list, value *item);
/* Sets key in map (replacing and freeing an earlier value); returns v. */
value *value_map_set(value *map, const char *key, value *v);

/* A deep copy, for data that appears in two places of a tree. */
value *value_copy(const value *v);

/* The child of v named by one path segment: a map key, or a decimal index
 * into a list. NULL when there is no such child. */
const value *value_child(const value *v, const char *seg, size_t len);
/* Follows a dotted path from v: "unit.now.converted", "sections.0.title".
 * "" is v itself. A null on the way is the answer (a unit not scored has
 * "now": null, so "now.converted" is null, not missing); NULL when a step
 * is missing. */
const value *value_get(const value *v, const char *path);

/* Template truth: null, false, 0, "" and [] are false; everything else,
 * including an empty map, is true. */
int value_truthy(const value *v);

/* "a number", "a list", … for error messages. */
const char *value_kind_name(value_kind k);

/* Writes v as indented JSON (numbers exact, as "84.69"), so that template
 * authors can see the data a report's templates get (`baocao facts`). */
void value_write_json(const value *v, sbuf *out);

void value_free(value *v);

#endif
