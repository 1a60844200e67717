/* table_json.h — reading a scheme's phụ lục table ("table", README). */
#ifndef BAOCAO_TABLE_JSON_H
#define BAOCAO_TABLE_JSON_H

#include <jansson.h>
#include "diag.h"
#include "scheme.h"

/* Fills s->table from `table` (NULL: the default layout) once s's groups
 * and indicators are loaded. Errors name file:line and the key. */
int table_load(scheme *s, json_t *table, const char *file, diag *d);

#endif
