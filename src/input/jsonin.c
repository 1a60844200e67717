/* jsonin.c — typed, located access to JSON input. */
#include "jsonin.h"
#include "fileio.h"
#include "sbuf.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 64

static int depth_ok(json_t *v, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return 0;
    size_t i;
    const char *k;
    json_t *c;
    if (json_is_array(v)) {
        json_array_foreach(v, i, c) if (!depth_ok(c, depth + 1)) return 0;
    } else if (json_is_object(v)) {
        json_object_foreach(v, k, c) if (!depth_ok(c, depth + 1)) return 0;
    }
    return 1;
}

/* The first string or key of v holding a control character (text.h); its
 * place ("ratings[0].name") in path. Strings that are not UTF-8 are left to
 * the getters. */
static int controls_ok(json_t *v, sbuf *path, uint32_t *cp)
{
    size_t i, len = path->len;
    const char *k;
    json_t *c;
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        return text_find_control(s, n, cp) == n;
    }
    if (json_is_array(v)) {
        json_array_foreach(v, i, c) {
            sbuf_printf(path, "[%zu]", i);
            if (!controls_ok(c, path, cp))
                return 0;
            path->s[path->len = len] = 0;
        }
    } else if (json_is_object(v)) {
        json_object_foreach(v, k, c) {
            sbuf_printf(path, "%s%s", len ? "." : "", k);
            if (text_find_control(k, strlen(k), cp) < strlen(k) || !controls_ok(c, path, cp))
                return 0;
            path->s[path->len = len] = 0;
        }
    }
    return 1;
}

json_t *jsonin_load(const char *path, diag *d)
{
    json_error_t err;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        if (err.line < 1)
            diag_set(d, "file-open", "%s: %s", path, err.text);
        else
            diag_set(d, "json-syntax", "%s:%d:%d: malformed JSON: %s", path, err.line, err.column,
                     err.text);
        diag_at(d, path, err.line > 0 ? err.line : 0, err.column > 0 ? err.column : 0);
        return NULL;
    }
    if (!json_is_object(root) || !depth_ok(root, 0)) {
        diag_set(d, "json-shape", "%s: expected a JSON object nested at most %d deep", path,
                 JSON_MAX_DEPTH);
        diag_at(d, path, 0, 0);
        json_decref(root);
        return NULL;
    }
    sbuf at = {0};
    uint32_t cp;
    if (!controls_ok(root, &at, &cp)) {
        diag_set(d, "input-control", "%s: %s: a control character (U+%04X)", path, sbuf_str(&at),
                 (unsigned)cp);
        diag_at(d, path, 0, 0);
        json_decref(root);
        root = NULL;
    }
    sbuf_free(&at);
    return root;
}

int jsonin_line_of(const char *path, const char *text)
{
    json_t *str = json_string(text);
    char *needle = str ? json_dumps(str, JSON_ENCODE_ANY) : NULL;
    json_decref(str);
    unsigned char *buf = NULL;
    size_t len;
    diag ignored;
    int line = 0;
    if (needle && file_read(path, &buf, &len, &ignored) == 0) {
        const char *s = (const char *)buf, *hit = strstr(s, needle);
        for (const char *p = s; hit && p <= hit; p++)
            line += p == s || p[-1] == '\n';
    }
    free(buf);
    free(needle);
    return line;
}

/* The line of key inside the object at the dotted path `where` ("" the
 * top, key NULL: the object's own line), found by looking for each name
 * of the path in turn after the one before; 0 where the text cannot tell
 * (an array element past the first). jansson keeps no positions. */
static int line_at(const char *file, const char *where, const char *key)
{
    unsigned char *buf = NULL;
    size_t len;
    diag ignored;
    if (file_read(file, &buf, &len, &ignored) < 0)
        return 0;
    const char *s = (const char *)buf, *at = s, *w = where;
    sbuf name = {0};
    while (at && (*w || key)) {
        size_t n = *w ? strcspn(w, ".[") : strlen(key);
        sbuf_reset(&name);
        sbuf_printf(&name, "\"%.*s\"", (int)n, *w ? w : key);
        at = strstr(at, name.s);
        if (!*w)
            break;   /* the key, found or not */
        for (w += n; at && *w == '['; w += 3)
            if (strncmp(w, "[0]", 3))
                at = NULL;
        w += *w == '.';
    }
    int line = 0;
    for (const char *p = s; at && p <= at; p++)
        line += p == s || p[-1] == '\n';
    sbuf_free(&name);
    free(buf);
    return line;
}

static int type_error(const char *file, const char *where, const char *key, const char *want,
                      diag *d)
{
    diag_set(d, "json-type", "%s: %s%s%s: expected %s", file, where, *where ? "." : "", key, diag_text(want));
    return diag_at(d, file, line_at(file, where, key), 0);
}

static int missing(const char *file, const char *where, const char *key, diag *d)
{
    diag_set(d, "json-missing", "%s: %s%s%s: required field is missing", file, where, *where ? "." : "", key);
    return diag_at(d, file, *where ? line_at(file, where, NULL) : 0, 0);
}

int jsonin_file(json_t *obj, const char *file, const char *where, const char *key, int required, char **path,
                char **name, diag *d)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_object(v))
        return jsonin_str(obj, file, where, key, required, path, d);
    sbuf at = {0};
    sbuf_printf(&at, "%s%s%s", where, *where ? "." : "", key);
    int rc = jsonin_str(v, file, at.s, "path", 1, path, d) < 0 || jsonin_str(v, file, at.s, "name", 0, name, d) < 0
                 ? -1 : 0;
    sbuf_free(&at);
    return rc;
}

int jsonin_str(json_t *obj, const char *file, const char *where, const char *key, int required,
               char **out, diag *d)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return required ? missing(file, where, key, d) : 0;
    if (!json_is_string(v))
        return type_error(file, where, key, "a string", d);
    char *s = text_nfc(json_string_value(v), json_string_length(v));
    if (!s)
        return type_error(file, where, key, "valid UTF-8 text", d);
    free(*out);
    *out = text_trim(s);
    return 0;
}

int jsonin_int(json_t *obj, const char *file, const char *where, const char *key, int required,
               int *out, diag *d)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return required ? missing(file, where, key, d) : 0;
    if (!json_is_integer(v) || json_integer_value(v) < -1000000 || json_integer_value(v) > 1000000)
        return type_error(file, where, key, "a whole number", d);
    *out = (int)json_integer_value(v);
    return 0;
}

int jsonin_bool(json_t *obj, const char *file, const char *where, const char *key, int *out, diag *d)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return 0;
    if (!json_is_boolean(v))
        return type_error(file, where, key, "true or false", d);
    *out = json_is_true(v);
    return 0;
}

/* The decimals of the shortest text that reads back as x: what the file
 * most likely says ("30.0000001" -> 7), since jansson keeps only the double. */
static int written_decimals(double x)
{
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    /* d.ddd…e±XX: p - 1 digits after the point, shifted by the exponent. */
    const char *dot = strchr(buf, '.'), *e = strchr(buf, 'e');
    int frac = 0;
    if (dot)
        for (const char *q = e - 1; q > dot && *q == '0'; q--)
            frac--;
    frac += dot ? (int)(e - dot - 1) : 0;
    int decimals = frac - atoi(e + 1);
    return decimals > 0 ? decimals : 0;
}

int jsonin_dec(json_t *obj, const char *file, const char *where, const char *key, int required,
               dec *out, diag *d)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return required ? missing(file, where, key, d) : 0;
    if (json_is_string(v)) {
        /* "2,5" or "2.5": decimal numbers written as text stay exact. */
        dec_status st = dec_parse(json_string_value(v), json_string_length(v), 0, out);
        if (st == DEC_PRECISION)
            return type_error(file, where, key, "a number with at most 6 decimals", d);
        if (st != DEC_OK)
            return type_error(file, where, key, "a number", d);
        return 0;
    }
    if (!json_is_number(v))
        return type_error(file, where, key, "a number", d);
    double x = json_number_value(v);
    if (!isfinite(x) || fabs(x) > 1e9)
        return type_error(file, where, key, "a number below 10^9", d);
    /* More than 6 decimals would be silently rounded to a millionth: refuse
     * them, as the CSV reader does. */
    if (written_decimals(x) > DEC_DIGITS)
        return type_error(file, where, key, "a number with at most 6 decimals", d);
    *out = (dec)llround(x * DEC_SCALE);
    return 0;
}

int jsonin_strv(json_t *obj, const char *file, const char *where, const char *key, int required,
                char ***out, size_t *n, diag *d)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return required ? missing(file, where, key, d) : 0;
    size_t count = json_is_string(v) ? 1 : json_is_array(v) ? json_array_size(v) : 0;
    if (!json_is_string(v) && !json_is_array(v))
        return type_error(file, where, key, "a string or a list of strings", d);
    char **vec = xcalloc(count + 1, sizeof *vec);
    for (size_t i = 0; i < count; i++) {
        json_t *e = json_is_string(v) ? v : json_array_get(v, i);
        char *s = json_is_string(e) ? text_nfc(json_string_value(e), json_string_length(e)) : NULL;
        if (!s) {
            for (size_t k = 0; k < i; k++)
                free(vec[k]);
            free(vec);
            return type_error(file, where, key, "a list of strings", d);
        }
        vec[i] = text_trim(s);
    }
    *out = vec;
    *n = count;
    return 0;
}

int jsonin_array(json_t *obj, const char *file, const char *where, const char *key, int required,
                 json_t **out, diag *d)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? missing(file, where, key, d) : 0;
    if (!json_is_array(v))
        return type_error(file, where, key, "a list", d);
    *out = v;
    return 0;
}

int jsonin_each(json_t *arr, const char *file, const char *where, const char *key, jsonin_each_fn each,
                void *ctx, diag *d)
{
    sbuf path = {0};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(arr); i++) {
        sbuf_reset(&path);
        sbuf_printf(&path, "%s%s%s[%zu]", where, *where ? "." : "", key, i);
        json_t *o = json_array_get(arr, i);
        rc = !json_is_object(o) ? diag_set(d, "json-type", "%s: %s: expected an object", file, path.s)
                                : each(o, path.s, ctx, d);
        if (rc < 0 && !*d->file)   /* what each() found, in this file */
            diag_at(d, file, 0, 0);
    }
    sbuf_free(&path);
    return rc < 0 ? -1 : 0;
}
