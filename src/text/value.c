/* value.c — building, reading and freeing value trees. */
#include "value.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

static value *new_value(value_kind k)
{
    value *v = xcalloc(1, sizeof *v);
    v->kind = k;
    return v;
}

value *value_null(void) { return new_value(VALUE_NULL); }
value *value_list(void) { return new_value(VALUE_LIST); }
value *value_map(void) { return new_value(VALUE_MAP); }

value *value_bool(int b)
{
    value *v = new_value(VALUE_BOOL);
    v->u.boolean = b != 0;
    return v;
}

value *value_number(dec n)
{
    value *v = new_value(VALUE_NUMBER);
    v->u.number = n;
    return v;
}

value *value_string(const char *s)
{
    value *v = new_value(VALUE_STRING);
    v->u.string = xstrdup(s);
    return v;
}

value *value_list_push(value *list, value *item)
{
    grow(&list->u.list.items, &list->u.list.cap, list->u.list.n + 1, sizeof *list->u.list.items);
    list->u.list.items[list->u.list.n++] = item;
    return item;
}

value *value_map_set(value *map, const char *key, value *v)
{
    for (size_t i = 0; i < map->u.map.n; i++)
        if (strcmp(map->u.map.entries[i].key, key) == 0) {
            value_free(map->u.map.entries[i].val);
            map->u.map.entries[i].val = v;
            return v;
        }
    grow(&map->u.map.entries, &map->u.map.cap, map->u.map.n + 1, sizeof *map->u.map.entries);
    map->u.map.entries[map->u.map.n++] = (value_entry){xstrdup(key), v};
    return v;
}

value *value_copy(const value *v)
{
    switch (v->kind) {
    case VALUE_NULL: return value_null();
    case VALUE_BOOL: return value_bool(v->u.boolean);
    case VALUE_NUMBER: return value_number(v->u.number);
    case VALUE_STRING: return value_string(v->u.string);
    case VALUE_LIST: {
        value *l = value_list();
        for (size_t i = 0; i < v->u.list.n; i++)
            value_list_push(l, value_copy(v->u.list.items[i]));
        return l;
    }
    case VALUE_MAP: {
        value *m = value_map();
        for (size_t i = 0; i < v->u.map.n; i++)
            value_map_set(m, v->u.map.entries[i].key, value_copy(v->u.map.entries[i].val));
        return m;
    }
    }
    return value_null();
}

const value *value_child(const value *v, const char *seg, size_t len)
{
    if (v->kind == VALUE_MAP) {
        for (size_t i = 0; i < v->u.map.n; i++) {
            const value_entry *e = &v->u.map.entries[i];
            if (strncmp(e->key, seg, len) == 0 && e->key[len] == 0)
                return e->val;
        }
        return NULL;
    }
    if (v->kind != VALUE_LIST || len == 0 || len > 9)
        return NULL;
    size_t idx = 0;
    for (size_t i = 0; i < len; i++) {
        if (seg[i] < '0' || seg[i] > '9')
            return NULL;
        idx = idx * 10 + (size_t)(seg[i] - '0');
    }
    return idx < v->u.list.n ? v->u.list.items[idx] : NULL;
}

const value *value_get(const value *v, const char *path)
{
    while (v && *path && v->kind != VALUE_NULL) {
        size_t len = strcspn(path, ".");
        v = value_child(v, path, len);
        path += len;
        if (*path == '.')
            path++;
    }
    return v;
}

int value_truthy(const value *v)
{
    switch (v->kind) {
    case VALUE_NULL: return 0;
    case VALUE_BOOL: return v->u.boolean;
    case VALUE_NUMBER: return v->u.number != 0;
    case VALUE_STRING: return v->u.string[0] != 0;
    case VALUE_LIST: return v->u.list.n != 0;
    case VALUE_MAP: return 1;
    }
    return 0;
}

const char *value_kind_name(value_kind k)
{
    static const char *const NAME[] = {"null", "a true/false value", "a number", "text", "a list",
                                       "a map"};
    return NAME[k];
}

static void put_json_string(sbuf *b, const char *s)
{
    sbuf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sbuf_printf(b, "\\%c", c);
        else if (c < 0x20)
            sbuf_printf(b, "\\u%04x", c);
        else
            sbuf_putc(b, (char)c);
    }
    sbuf_putc(b, '"');
}

static void write_json(const value *v, sbuf *b, int depth)
{
    char num[48];
    switch (v->kind) {
    case VALUE_NULL: sbuf_puts(b, "null"); return;
    case VALUE_BOOL: sbuf_puts(b, v->u.boolean ? "true" : "false"); return;
    case VALUE_NUMBER:
        dec_format(num, sizeof num, v->u.number, 0, DEC_DIGITS, '.', 0);
        sbuf_puts(b, num);
        return;
    case VALUE_STRING: put_json_string(b, v->u.string); return;
    case VALUE_LIST:
    case VALUE_MAP: {
        int map = v->kind == VALUE_MAP;
        size_t n = map ? v->u.map.n : v->u.list.n;
        sbuf_putc(b, map ? '{' : '[');
        for (size_t i = 0; i < n; i++) {
            sbuf_printf(b, "%s\n%*s", i ? "," : "", 2 * (depth + 1), "");
            if (map) {
                put_json_string(b, v->u.map.entries[i].key);
                sbuf_puts(b, ": ");
            }
            write_json(map ? v->u.map.entries[i].val : v->u.list.items[i], b, depth + 1);
        }
        if (n)
            sbuf_printf(b, "\n%*s", 2 * depth, "");
        sbuf_putc(b, map ? '}' : ']');
        return;
    }
    }
}

void value_write_json(const value *v, sbuf *out)
{
    write_json(v, out, 0);
    sbuf_putc(out, '\n');
}

void value_free(value *v)
{
    if (!v)
        return;
    switch (v->kind) {
    case VALUE_STRING:
        free(v->u.string);
        break;
    case VALUE_LIST:
        for (size_t i = 0; i < v->u.list.n; i++)
            value_free(v->u.list.items[i]);
        free(v->u.list.items);
        break;
    case VALUE_MAP:
        for (size_t i = 0; i < v->u.map.n; i++) {
            free(v->u.map.entries[i].key);
            value_free(v->u.map.entries[i].val);
        }
        free(v->u.map.entries);
        break;
    default:
        break;
    }
    free(v);
}
