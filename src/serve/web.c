/* web.c — the page (issue 18): Báo cáo mới → Kiểm tra → Kết quả, and the
 * reports made. Works without JavaScript: each step is a form. The words
 * are in templates/serve/; this file supplies values.
 *
 * State (--state-dir): drafts/<id>/ a checked report waiting to be printed;
 * reports/<id>.pdf with its sidecar, the PDFs made, and for notices
 * reports/<id>.notices/ (the batch folder, to file it) with its ZIP
 * reports/<id>.zip (to download), all kept as long as the report's entry in
 * reports.json, the list (số, date, SHA-256, agency, the last filing into
 * the document management system); last-report.json the fields of the last
 * report, which fill the next form; agencies/<SHA-256 of the agency's short
 * name>.json the fields of each agency's last report, which fill the form
 * when the user picks that agency. Ids are 32 hex digits the server made. */
#define _GNU_SOURCE
#include "http.h"
#include "page.h"

#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { ID_HEX = 32, AGENCY_HEX = 64, DRAFT_SECONDS = 24 * 3600 };
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;

static int valid_id(const char *s)
{
    return s && strlen(s) == ID_HEX && strspn(s, "0123456789abcdef") == ID_HEX;
}

static void state_path(char *out, size_t n, const char *a, const char *b, const char *c)
{
    snprintf(out, n, "%s/%s%s%s", srv.state_dir, a, b ? b : "", c ? c : "");
}

/* An agency's key: the hex SHA-256 of its short name, so no client string
 * becomes a file name. */
static int valid_agency(const char *s)
{
    return s && strlen(s) == AGENCY_HEX && strspn(s, "0123456789abcdef") == AGENCY_HEX;
}

/* ---- the CSRF token: a random cookie echoed by every form ---- */

static const char *cookie_token(struct MHD_Connection *c)
{
    const char *t = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "bc_csrf");
    return valid_id(t) ? t : NULL;
}

static int csrf_ok(struct MHD_Connection *c, const request *r)
{
    const char *t = cookie_token(c), *f = request_field(r, "csrf");
    return t && f && strlen(f) == ID_HEX && CRYPTO_memcmp(t, f, ID_HEX) == 0;
}

/* ---- pages ---- */

static enum MHD_Result send_page(struct MHD_Connection *c, unsigned status, const char *title, char *body,
                                 const char *token)
{
    char *html = NULL, cookie[160] = "";
    size_t n = 0;
    FILE *f = open_memstream(&html, &n);
    if (!f) {
        free(body);
        return MHD_NO;
    }
    page_var v[] = {{"title", title}, {"body", body}, {NULL, NULL}};
    page_write(f, "layout.html", v);
    fclose(f);
    free(body);
    if (token)
        snprintf(cookie, sizeof cookie, "bc_csrf=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
                 srv.tls ? "; Secure" : "");
    return respond_buffer(c, status, "text/html; charset=utf-8", html, n, token ? cookie : NULL);
}

/* A page body from one file. */
static char *body_of(const char *name, const page_var *v)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    if (!f)
        return NULL;
    page_write(f, name, v);
    fclose(f);
    return s;
}

static enum MHD_Result error_page(struct MHD_Connection *c, unsigned status, const char *key, const char *message)
{
    page_var v[] = {{"key", key}, {"message", message}, {NULL, NULL}};
    return send_page(c, status, "", body_of("error.html", v), NULL);
}

static json_t *load_json(const char *path)
{
    json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
    if (j && !json_is_object(j) && !json_is_array(j)) {
        json_decref(j);
        return NULL;
    }
    return j;
}

/* Written whole or not at all: a reader never sees half a file. */
static void save_json(json_t *j, const char *path)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (j && json_dump_file(j, tmp, JSON_INDENT(2)) == 0)
        rename(tmp, path);
}

static const char *jstr(json_t *o, const char *path)
{
    char key[64];
    const char *dot = strchr(path, '.');
    if (dot) {
        snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
        return jstr(json_object_get(o, key), dot + 1);
    }
    json_t *v = json_object_get(o, path);
    return json_is_string(v) ? json_string_value(v) : "";
}

static char *jlines(json_t *o, const char *path)
{
    char key[64];
    const char *dot = strchr(path, '.');
    json_t *a = o;
    if (dot) {
        snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
        a = json_object_get(o, key);
        path = dot + 1;
    }
    a = json_object_get(a, path);
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    size_t i;
    json_t *x;
    json_array_foreach(a, i, x)
        if (json_is_string(x))
            fprintf(f, "%s%s", i ? "\n" : "", json_string_value(x));
    fclose(f);
    return s;
}

/* "id | title | unit noun | heading" per section, one a line. */
static char *section_lines(json_t *base)
{
    char *s = NULL;
    size_t n = 0, i;
    FILE *f = open_memstream(&s, &n);
    json_t *x;
    json_array_foreach(json_object_get(base, "sections"), i, x)
    {
        fprintf(f, "%s%s | %s | %s", i ? "\n" : "", jstr(x, "id"), jstr(x, "title"), jstr(x, "unit_noun"));
        if (*jstr(x, "heading"))
            fprintf(f, " | %s", jstr(x, "heading"));
    }
    fclose(f);
    return s;
}

static void option_html(FILE *f, const char *value, const char *label, int selected)
{
    page_var v[] = {{"value", value}, {"label", label}, {"selected", selected ? "selected" : ""}, {NULL, NULL}};
    page_write(f, "option.html", v);
}

static void options_html(FILE *f, char **names, const char *selected, int strip_json)
{
    for (size_t i = 0; names && names[i]; i++) {
        char id[256];
        snprintf(id, sizeof id, "%s", names[i]);
        if (strip_json)
            id[strlen(id) - 5] = 0;
        option_html(f, id, id, !strcmp(id, selected));
    }
}

/* The hooks of a template: its .tpl files that hold nothing but a comment
 * ("bo-sung-ket-qua.tpl"), for the office's own paragraphs. Names from the
 * server's own folder listing, never from the client. */
static int is_hook(const char *dir, const char *name)
{
    char path[4096], buf[4096];
    size_t n = strlen(name);
    if (n <= 4 || strcmp(name + n - 4, ".tpl"))
        return 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t k = fread(buf, 1, sizeof buf - 1, f);
    int whole = feof(f);
    fclose(f);
    buf[k] = 0;
    while (k && strchr(" \t\r\n", buf[k - 1]))
        buf[--k] = 0;
    const char *close = strstr(buf, "}}");
    return whole && !strncmp(buf, "{{!", 3) && close && close == buf + k - 2;
}

/* Where body.tpl includes a hook: the form shows them in the report's order. */
static long hook_position(const char *body, const char *name)
{
    char inc[128];
    snprintf(inc, sizeof inc, "{{> %s}}", name);
    const char *at = body ? strstr(body, inc) : NULL;
    return at ? at - body : LONG_MAX;
}

static int by_position(const void *a, const void *b, void *body)
{
    long x = hook_position(body, *(char *const *)a), y = hook_position(body, *(char *const *)b);
    return x < y ? -1 : x > y;
}

static char **template_hooks(const char *tmpl)
{
    char **v = list_names(tmpl, is_hook), path[4096];
    size_t n = 0;
    for (; v && v[n]; n++)
        v[n][strlen(v[n]) - 4] = 0;
    snprintf(path, sizeof path, "%s/templates/%s/body.tpl", srv.data_dir, tmpl);
    FILE *f = fopen(path, "r");
    char *body = NULL;
    size_t len = 0;
    if (f && getdelim(&body, &len, 0, f) > 0)
        qsort_r(v, n, sizeof *v, by_position, body);
    if (f)
        fclose(f);
    free(body);
    return v;
}

/* A name the client sent that must be one of the server's. */
static const char *one_of(char **names, const char *s, int strip_json)
{
    for (size_t i = 0; s && names && names[i]; i++) {
        size_t n = strlen(names[i]) - (strip_json ? 5 : 0);
        if (strlen(s) == n && !strncmp(names[i], s, n))
            return names[i];
    }
    return NULL;
}

/* The form's starting values: the chosen agency's last report ("new": none),
 * else the last report of any agency, else the blank new-report.json. */
static json_t *base_report(const char *agency)
{
    char path[4096];
    json_t *j = NULL;
    pthread_mutex_lock(&state_lock);
    if (valid_agency(agency))
        state_path(path, sizeof path, "agencies/", agency, ".json");
    else
        state_path(path, sizeof path, "last-report.json", NULL, NULL);
    if (!agency || valid_agency(agency))
        j = load_json(path);
    pthread_mutex_unlock(&state_lock);
    if (!j) {
        snprintf(path, sizeof path, "%s/templates/serve/new-report.json", srv.data_dir);
        j = load_json(path);
    }
    return j && json_is_object(j) ? j : (json_decref(j), json_object());
}

/* The agency's short name in the sorted list of agencies. */
static int by_agency_name(const void *a, const void *b)
{
    return strcmp(jstr(*(json_t *const *)a, "agency.name"), jstr(*(json_t *const *)b, "agency.name"));
}

/* The agencies whose reports the state folder holds, the chosen one selected;
 * *found says whether it was among them. */
static char *agency_options(const char *chosen, int *found)
{
    char dir[4096], *s = NULL;
    size_t n = 0, k = 0, cap = 0;
    json_t **v = NULL;
    state_path(dir, sizeof dir, "agencies", NULL, NULL);
    pthread_mutex_lock(&state_lock);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char key[AGENCY_HEX + 1], path[4096];
        if (strlen(e->d_name) != AGENCY_HEX + 5 || strcmp(e->d_name + AGENCY_HEX, ".json"))
            continue;
        snprintf(key, sizeof key, "%s", e->d_name);
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        json_t *j = valid_agency(key) ? load_json(path) : NULL;
        int usable = json_is_object(j) && *jstr(j, "agency.name");
        json_t **w = usable && k == cap ? realloc(v, (2 * cap + 8) * sizeof *v) : NULL;
        if (w)
            v = w, cap = 2 * cap + 8;
        if (!usable || k == cap) {   /* not an agency's, or no memory for it */
            json_decref(j);
            continue;
        }
        v[k++] = j;
    }
    if (d)
        closedir(d);
    pthread_mutex_unlock(&state_lock);
    if (k > 1)   /* v is NULL when no agency is kept */
        qsort(v, k, sizeof *v, by_agency_name);
    FILE *f = open_memstream(&s, &n);
    *found = 0;
    for (size_t i = 0; i < k; i++) {
        char key[AGENCY_HEX + 1];
        text_sha256(jstr(v[i], "agency.name"), key);
        *found |= !strcmp(key, chosen);
        option_html(f, key, jstr(v[i], "agency.name"), !strcmp(key, chosen));
        json_decref(v[i]);
    }
    free(v);
    fclose(f);
    return s;
}

static enum MHD_Result new_page(struct MHD_Connection *c)
{
    const char *token = cookie_token(c);
    const char *agency = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "agency");
    char fresh[ID_HEX + 1], chosen[AGENCY_HEX + 1] = "";
    if (!token)
        random_hex(fresh, ID_HEX / 2);
    json_t *b = base_report(agency);
    if (*jstr(b, "agency.name") && (!agency || valid_agency(agency)))
        text_sha256(jstr(b, "agency.name"), chosen);
    int known;
    char *agencies = agency_options(chosen, &known);
    char *schemes = NULL, *templates = NULL, *hooks = NULL;
    size_t n1 = 0, n2 = 0, n3 = 0;
    FILE *f1 = open_memstream(&schemes, &n1), *f2 = open_memstream(&templates, &n2), *f3 = open_memstream(&hooks, &n3);
    char **sn = list_names("schemes", is_scheme_file), **tn = list_names("", is_template_dir);
    options_html(f1, sn, jstr(b, "scheme"), 1);
    options_html(f2, tn, jstr(b, "template"), 0);
    const char *tmpl = one_of(tn, jstr(b, "template"), 0);
    char **hn = template_hooks(tmpl ? tmpl : "bao-cao-thang"), path[4096];
    snprintf(path, sizeof path, "%s/templates/serve/hooks.json", srv.data_dir);
    json_t *labels = load_json(path);
    for (size_t i = 0; hn && hn[i]; i++) {
        char name[80];
        snprintf(name, sizeof name, "hook-%s", hn[i]);
        json_t *label = json_object_get(labels, hn[i]);
        page_var v[] = {{"name", name}, {"hook", json_is_string(label) ? json_string_value(label) : hn[i]},
                        {NULL, NULL}};
        page_write(f3, "hook.html", v);
    }
    fclose(f1), fclose(f2), fclose(f3);
    char month[8] = "", year[8] = "";
    json_t *period = json_object_get(b, "period");
    if (json_is_integer(json_object_get(period, "month")))
        snprintf(month, sizeof month, "%d", (int)json_integer_value(json_object_get(period, "month")));
    if (json_is_integer(json_object_get(period, "year")))
        snprintf(year, sizeof year, "%d", (int)json_integer_value(json_object_get(period, "year")));
    json_t *nb = json_object_get(b, "notices");
    char *ntemplates = NULL;
    size_t n4 = 0;
    FILE *f4 = open_memstream(&ntemplates, &n4);
    options_html(f4, tn, json_is_object(nb) ? jstr(nb, "template") : "", 0);
    fclose(f4);
    char *nrecipients = jlines(nb, "recipients");
    char *lines = jlines(b, "agency.lines"), *authority = jlines(b, "signer.authority"),
         *recipients = jlines(b, "recipients"), *addressees = jlines(b, "addressees"), *sections = section_lines(b);
    page_var v[] = {
        {"csrf", token ? token : fresh}, {"schemes", schemes}, {"templates", templates}, {"hooks", hooks},
        {"number", jstr(b, "document.number")}, {"notation", jstr(b, "document.notation")},
        {"place", jstr(b, "document.place")}, {"date", jstr(b, "document.date")},
        {"subject", jstr(b, "document.subject")}, {"agency_lines", lines}, {"agency_name", jstr(b, "agency.name")},
        {"agency_full_name", jstr(b, "agency.full_name")}, {"locality", jstr(b, "agency.locality")},
        {"month", month}, {"year", year}, {"signer_authority", authority}, {"signer_name", jstr(b, "signer.name")},
        {"signer_position", jstr(b, "signer.position")}, {"recipients", recipients}, {"addressees", addressees},
        {"sections", sections}, {"notices", json_is_object(nb) ? "checked" : ""}, {"ntemplates", ntemplates},
        {"nsubject", jstr(nb, "subject")}, {"nnotation", jstr(nb, "notation")}, {"ndate", jstr(nb, "date")},
        {"nrecipients", nrecipients}, {"agencies", agencies},
        {"new_agency", known ? "" : "selected"}, {NULL, NULL}};
    v[0].value = token ? token : fresh;
    char *body = body_of("new.html", v);
    free(schemes), free(templates), free(hooks), free(lines), free(authority), free(recipients), free(addressees);
    free(sections), free(ntemplates), free(nrecipients), free(agencies);
    free_names(sn), free_names(tn), free_names(hn);
    json_decref(b);
    json_decref(labels);
    return send_page(c, MHD_HTTP_OK, "", body, token ? NULL : fresh);
}

static json_t *lines_array(const char *s)
{
    json_t *a = json_array();
    while (s && *s) {
        size_t n = strcspn(s, "\r\n");
        size_t b = 0, e = n;
        while (b < e && (s[b] == ' ' || s[b] == '\t'))
            b++;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        if (e > b)
            json_array_append_new(a, json_stringn(s + b, e - b));
        s += n;
        s += strspn(s, "\r\n");
    }
    return a;
}

static void set_str(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

static json_t *object_at(json_t *root, const char *key)
{
    json_t *o = json_object_get(root, key);
    if (!json_is_object(o))
        json_object_set_new(root, key, o = json_object());
    return o;
}

/* "id | title | unit noun | heading" lines back into sections; what the
 * form does not show (a section's expected count) is kept from the base
 * report's section of the same id. */
static json_t *sections_of(const char *s, json_t *base)
{
    json_t *lines = lines_array(s), *out = json_array(), *x;
    size_t i;
    static const char *const KEYS[] = {"id", "title", "unit_noun", "heading"};
    json_array_foreach(lines, i, x)
    {
        const char *p = json_string_value(x);
        size_t idlen = strcspn(p, "|");
        while (idlen && p[idlen - 1] == ' ')
            idlen--;
        json_t *sec = NULL, *y;
        size_t j;
        json_array_foreach(json_object_get(base, "sections"), j, y)
        {
            const char *id = jstr(y, "id");
            if (!sec && strlen(id) == idlen && !strncmp(id, p + strspn(p, " "), idlen))
                sec = json_deep_copy(y);
        }
        if (!json_is_object(sec))
            json_decref(sec), sec = json_object();
        json_object_del(sec, "heading");
        for (size_t k = 0; k < 4 && p; k++) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            while (n && p[n - 1] == ' ')
                n--;
            while (n && *p == ' ')
                p++, n--;
            if (k < 3 || n)
                json_object_set_new(sec, KEYS[k], json_stringn(p, n));
            p = bar ? bar + 1 : NULL;
        }
        json_array_append_new(out, sec);
    }
    json_decref(lines);
    return out;
}

/* The notices' fields of the form into report.json's "notices" (kept from
 * the base for what the form does not show); 0 with e set when the chosen
 * template is not one of the server's. */
static int notices_of(request *r, json_t *root, char **templates, bc_error *e)
{
    const char *tmpl = one_of(templates, request_field(r, "ntemplate"), 0);
    if (!tmpl) {
        snprintf(e->key, sizeof e->key, "form-choice");
        snprintf(e->message, sizeof e->message, "%s", bc_message("choose a template and a scheme of the list"));
        return 0;
    }
    json_t *n = object_at(root, "notices");
    set_str(n, "template", tmpl);
    set_str(n, "subject", request_field(r, "nsubject"));
    set_str(n, "notation", request_field(r, "nnotation"));
    set_str(n, "date", request_field(r, "ndate"));
    json_object_set_new(n, "recipients", lines_array(request_field(r, "nrecipients")));
    static const struct { int part; const char *key; } FILES[] = {{PART_UNITS, "units"}, {PART_STATISTICS, "statistics"}};
    for (size_t i = 0; i < 2; i++) {
        if (r->parts[FILES[i].part].stored[0])
            json_object_set_new(n, FILES[i].key, json_string(r->parts[FILES[i].part].stored));
        else
            json_object_del(n, FILES[i].key);
    }
    return 1;
}

/* The form into report.json in r's folder, the office's paragraphs into the
 * template's hooks beside it (as .txt: printed as typed). */
static int form_report(request *r, bc_error *e)
{
    char **sn = list_names("schemes", is_scheme_file), **tn = list_names("", is_template_dir);
    const char *scheme = one_of(sn, request_field(r, "scheme"), 1), *tmpl = one_of(tn, request_field(r, "template"), 0);
    int rc = -1;
    json_t *root = NULL;
    memset(e, 0, sizeof *e);
    if (!scheme || !tmpl || !r->parts[PART_SCORES].stored[0] || request_dir(r) < 0) {
        snprintf(e->key, sizeof e->key, "%s", !scheme || !tmpl ? "form-choice" : "upload-missing");
        snprintf(e->message, sizeof e->message, "%s",
                 !scheme || !tmpl ? bc_message("choose a template and a scheme of the list")
                                  : bc_message("send this period's scores file"));
        goto out;
    }
    /* What the form does not show comes from this agency's last report. */
    char key[AGENCY_HEX + 1];
    text_sha256(request_field(r, "agency_name") ? request_field(r, "agency_name") : "", key);
    root = base_report(key);
    if (request_field(r, "notices") && !notices_of(r, root, tn, e))
        goto out;
    if (!request_field(r, "notices"))
        json_object_del(root, "notices");
    json_object_set_new(root, "scheme", json_stringn(scheme, strlen(scheme) - 5));   /* without ".json" */
    char tname[256];
    snprintf(tname, sizeof tname, "%s", tmpl);
    set_str(root, "template", tname);
    json_t *doc = object_at(root, "document"), *agency = object_at(root, "agency"), *signer = object_at(root, "signer"),
           *period = object_at(root, "period");
    set_str(doc, "number", request_field(r, "number"));
    set_str(doc, "notation", request_field(r, "notation"));
    set_str(doc, "place", request_field(r, "place"));
    set_str(doc, "date", request_field(r, "date"));
    set_str(doc, "subject", request_field(r, "subject"));
    json_object_set_new(agency, "lines", lines_array(request_field(r, "agency_lines")));
    set_str(agency, "name", request_field(r, "agency_name"));
    set_str(agency, "full_name", request_field(r, "agency_full_name"));
    set_str(agency, "locality", request_field(r, "locality"));
    json_object_set_new(signer, "authority", lines_array(request_field(r, "signer_authority")));
    set_str(signer, "name", request_field(r, "signer_name"));
    set_str(signer, "position", request_field(r, "signer_position"));
    json_object_set_new(root, "recipients", lines_array(request_field(r, "recipients")));
    json_t *addr = lines_array(request_field(r, "addressees"));
    if (json_array_size(addr))
        json_object_set_new(root, "addressees", addr);
    else
        json_decref(addr), json_object_del(root, "addressees");
    json_object_set_new(root, "sections", sections_of(request_field(r, "sections"), root));
    const char *m = request_field(r, "month"), *y = request_field(r, "year");
    json_object_set_new(period, "month", json_integer(m ? atoi(m) : 0));
    json_object_set_new(period, "year", json_integer(y ? atoi(y) : 0));
    json_object_set_new(root, "scores", part_json(r, PART_SCORES));
    if (r->parts[PART_PREVIOUS].stored[0])
        json_object_set_new(root, "previous", part_json(r, PART_PREVIOUS));
    else
        json_object_del(root, "previous");
    char path[1024];
    snprintf(path, sizeof path, "%s/report.json", r->dir);
    if (json_dump_file(root, path, JSON_INDENT(2)) < 0)
        goto out;
    char **hooks = template_hooks(tname);
    for (size_t i = 0; hooks && hooks[i]; i++) {
        char name[80];
        snprintf(name, sizeof name, "hook-%s", hooks[i]);
        const char *text = request_field(r, name);
        if (!text || !*text)
            continue;
        /* Plain text, taken literally: a "{{" typed is printed, never parsed. */
        snprintf(path, sizeof path, "%s/%s.txt", r->dir, hooks[i]);
        FILE *f = fopen(path, "w");
        if (!f)
            continue;
        fputs(text, f);
        fclose(f);
    }
    free_names(hooks);
    rc = 0;
out:
    json_decref(root);
    free_names(sn), free_names(tn);
    return rc;
}

static void findings_html(FILE *f, const request *r, bc_severity severity)
{
    char msg[2048];
    for (size_t i = 0; i < r->nfindings; i++) {
        if (r->findings[i].severity != severity)
            continue;
        request_display(r, r->findings[i].e.message, msg, sizeof msg);
        page_var v[] = {{"class", severity == BC_ERROR ? "loi" : "canh-bao"}, {"key", r->findings[i].e.key}, {"message", msg},
                        {NULL, NULL}};
        page_write(f, "finding.html", v);
    }
}

/* Vietnamese writes 86,5, not 86.5. */
static void decimal_comma(char *s)
{
    char *dot = strchr(s, '.');
    if (dot)
        *dot = ',';
}

static void table_html(FILE *f, const char *facts)
{
    json_t *j = facts ? json_loads(facts, 0, NULL) : NULL, *u;
    size_t i;
    json_array_foreach(json_object_get(j, "units"), i, u)
    {
        char rank[16] = "", now[32] = "", prev[32] = "", change[32] = "";
        json_t *nw = json_object_get(u, "now"), *pv = json_object_get(u, "prev"), *v;
        if (json_is_integer(v = json_object_get(nw, "rank")))
            snprintf(rank, sizeof rank, "%d", (int)json_integer_value(v));
        if (json_is_number(v = json_object_get(nw, "achieved")))
            snprintf(now, sizeof now, "%g", json_number_value(v));
        if (json_is_number(v = json_object_get(pv, "achieved")))
            snprintf(prev, sizeof prev, "%g", json_number_value(v));
        if (json_is_number(v = json_object_get(u, "change")))
            snprintf(change, sizeof change, "%+g", json_number_value(v));
        decimal_comma(now), decimal_comma(prev), decimal_comma(change);
        page_var pvs[] = {{"rank", rank}, {"name", jstr(u, "name")}, {"section", jstr(u, "section")},
                          {"now", now}, {"prev", prev}, {"change", change}, {NULL, NULL}};
        page_write(f, "unit-row.html", pvs);
    }
    json_decref(j);
}

/* Báo cáo mới → Kiểm tra: the draft is checked and, without errors, kept
 * for the print button. */
static enum MHD_Result check_page(struct MHD_Connection *c, request *r)
{
    bc_error e;
    if (form_report(r, &e) < 0)
        return error_page(c, MHD_HTTP_BAD_REQUEST, e.key, e.message);
    r->kind = "check";
    if (request_job(r) < 0 || r->rc < 0)
        return error_page(c, MHD_HTTP_SERVICE_UNAVAILABLE, r->err.key, r->err.message);
    char *facts = NULL;
    if (r->nerrors == 0) {
        r->kind = "facts";
        if (request_job(r) == 0 && r->rc == 0)
            facts = r->text, r->text = NULL;
    }
    char *errs = NULL, *warns = NULL, *rows = NULL;
    size_t n1 = 0, n2 = 0, n3 = 0;
    FILE *f1 = open_memstream(&errs, &n1), *f2 = open_memstream(&warns, &n2), *f3 = open_memstream(&rows, &n3);
    findings_html(f1, r, BC_ERROR);
    findings_html(f2, r, BC_WARNING);
    table_html(f3, facts);
    fclose(f1), fclose(f2), fclose(f3);
    free(facts);
    /* Kept as a draft only when it may be printed. */
    int printable = r->nerrors == 0;
    r->keep = printable;
    const char *id = strrchr(r->dir, '/') + 1;
    char *action = NULL;
    size_t na = 0;
    FILE *fa = open_memstream(&action, &na);
    page_var av[] = {{"draft", id}, {"csrf", request_field(r, "csrf")}, {NULL, NULL}};
    page_write(fa, printable ? "print-form.html" : "blocked.html", av);
    fclose(fa);
    char nerr[16], nwarn[16];
    snprintf(nerr, sizeof nerr, "%ld", r->nerrors);
    size_t warnings = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        warnings += r->findings[i].severity == BC_WARNING;
    snprintf(nwarn, sizeof nwarn, "%zu", warnings);
    page_var v[] = {{"errors", errs}, {"warnings", warns}, {"rows", rows}, {"nerrors", nerr}, {"nwarnings", nwarn},
                    {"action", action}, {NULL, NULL}};
    char *body = body_of("check.html", v);
    free(errs), free(warns), free(rows), free(action);
    return send_page(c, MHD_HTTP_OK, "", body, NULL);
}

/* The server's local time as the list of reports shows it. */
static void now_text(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    strftime(out, 32, "%Y-%m-%d %H:%M", localtime_r(&t, &tm));
}

/* Kiểm tra → Kết quả: the draft printed into reports/<id>.pdf, listed, its
 * fields kept for the next form; the draft goes. */
static enum MHD_Result print_report(struct MHD_Connection *c, request *r)
{
    const char *id = request_field(r, "draft");
    char dir[4096], report[4096], pdf[4096];
    if (!valid_id(id))
        return error_page(c, MHD_HTTP_BAD_REQUEST, "draft", bc_message("no such draft; start again"));
    state_path(dir, sizeof dir, "drafts/", id, NULL);
    /* The draft becomes this request's folder, removed when it ends; the
     * rename claims it, so a second click on the button prints nothing. */
    snprintf(r->dir, sizeof r->dir, "%s.printing", dir);
    if (rename(dir, r->dir) < 0) {
        r->dir[0] = 0;
        return error_page(c, MHD_HTTP_NOT_FOUND, "draft", bc_message("no such draft; start again"));
    }
    snprintf(dir, sizeof dir, "%s", r->dir);
    state_path(pdf, sizeof pdf, "reports/", id, ".pdf");
    snprintf(r->out, sizeof r->out, "%s", pdf);
    r->kind = "render";
    r->sidecar = 1;
    if (request_job(r) < 0 || r->rc < 0) {
        char msg[2048];
        request_display(r, r->err.message, msg, sizeof msg);
        return error_page(c, MHD_HTTP_UNPROCESSABLE_CONTENT, r->err.key, msg);
    }
    char sha[65] = "";
    file_sha256(pdf, sha);
    snprintf(report, sizeof report, "%s/report.json", dir);
    json_t *rep = load_json(report);
    int zip = json_is_object(json_object_get(rep, "notices"));
    if (zip) {   /* the notices: every unit's, with the report: the folder to file, its ZIP to download */
        state_path(r->out, sizeof r->out, "reports/", id, ".zip");
        state_path(r->folder, sizeof r->folder, "reports/", id, ".notices");
        r->kind = "batch";
        int ran = request_job(r) == 0;   /* else the job may still be writing: r is not read */
        if (!ran || r->rc < 0) {
            char msg[2048];
            request_display(r, r->err.message, msg, sizeof msg);
            json_decref(rep);
            if (ran) {   /* finished, and failed: nothing of a report that is not listed stays */
                remove_tree(r->folder);
                remove(pdf);
                state_path(pdf, sizeof pdf, "reports/", id, ".meta.json");
                remove(pdf);
            }
            return error_page(c, MHD_HTTP_UNPROCESSABLE_CONTENT, r->err.key, msg);
        }
    }
    char now[32];
    now_text(now);
    char code[256];
    snprintf(code, sizeof code, "%s%s%s", jstr(rep, "document.number"), *jstr(rep, "document.number") ? "/" : "",
             jstr(rep, "document.notation"));
    json_t *entry = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", id, "code", code, "date",
                              jstr(rep, "document.date"), "sha256", sha, "agency", jstr(rep, "agency.name"),
                              "subject", jstr(rep, "document.subject"), "made", now, "notices", zip);
    pthread_mutex_lock(&state_lock);
    char list[4096], last[4096];
    state_path(list, sizeof list, "reports.json", NULL, NULL);
    json_t *all = load_json(list);
    if (!json_is_array(all))
        json_decref(all), all = json_array();
    json_array_append_new(all, entry);
    save_json(all, list);
    json_decref(all);
    /* The next form starts from this one's fields (not its files). */
    json_object_del(rep, "scores");
    json_object_del(rep, "previous");
    json_object_del(json_object_get(rep, "notices"), "units");
    json_object_del(json_object_get(rep, "notices"), "statistics");
    state_path(last, sizeof last, "last-report.json", NULL, NULL);
    save_json(rep, last);
    if (*jstr(rep, "agency.name")) {   /* and that agency's next form */
        char key[AGENCY_HEX + 1];
        text_sha256(jstr(rep, "agency.name"), key);
        state_path(last, sizeof last, "agencies", NULL, NULL);
        mkdir(last, 0700);
        state_path(last, sizeof last, "agencies/", key, ".json");
        save_json(rep, last);
    }
    pthread_mutex_unlock(&state_lock);
    json_decref(rep);
    char location[64];
    snprintf(location, sizeof location, "/reports/%s", id);
    return respond_redirect(c, location);
}

static json_t *all_reports(void)
{
    char list[4096];
    pthread_mutex_lock(&state_lock);
    state_path(list, sizeof list, "reports.json", NULL, NULL);
    json_t *all = load_json(list);
    pthread_mutex_unlock(&state_lock);
    return json_is_array(all) ? all : (json_decref(all), json_array());
}

static json_t *report_entry(const char *id)
{
    json_t *all = all_reports(), *x, *found = NULL;
    size_t i;
    json_array_foreach(all, i, x) if (!strcmp(jstr(x, "id"), id)) found = json_incref(x);
    json_decref(all);
    return found;
}

/* 2024-03-06 as a Vietnamese reader writes it: 06/03/2024. */
static const char *display_date(const char *iso, char out[16])
{
    int y, m, d;
    if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
        snprintf(out, 16, "%02d/%02d/%04d", d, m, y);
    else
        snprintf(out, 16, "%s", iso);
    return out;
}

static enum MHD_Result result_page(struct MHD_Connection *c, const char *id)
{
    json_t *e = report_entry(id);
    if (!e)
        return error_page(c, MHD_HTTP_NOT_FOUND, "not-found", bc_message("no such document"));
    const char *token = cookie_token(c);
    char date[16], fresh[ID_HEX + 1];
    if (!token)
        random_hex(fresh, ID_HEX / 2);
    page_var v[] = {{"id", id}, {"code", jstr(e, "code")}, {"date", display_date(jstr(e, "date"), date)},
                    {"sha256", jstr(e, "sha256")}, {"subject", jstr(e, "subject")}, {"zip", NULL},
                    {"csrf", token ? token : fresh}, {"archive", NULL}, {NULL, NULL}};
    char *zip = json_is_true(json_object_get(e, "notices")) ? body_of("zip-link.html", v) : NULL;
    char *archive = srv.archive_to ? body_of("archive-form.html", v) : NULL;
    v[5].value = zip ? zip : "";
    v[7].value = archive ? archive : "";
    char *body = body_of("result.html", v);
    free(zip), free(archive);
    json_decref(e);
    return send_page(c, MHD_HTTP_OK, "", body, token ? NULL : fresh);
}

/* ---- filing into the document management system (--archive-to) ---- */

static const char *const OUTCOMES[] = {"stored", "updated", "skipped", "conflict"};

static void filed_one(void *ctx, bc_filed what, const char *rel)
{
    json_array_append_new(ctx, json_pack("{s:s,s:s}", "path", rel, "outcome", OUTCOMES[what]));
}

/* The target's errors name its address: they go to the server's log only. */
static int target_error(const bc_error *e)
{
    return !strncmp(e->key, "webdav", 6) || !strcmp(e->key, "archive-target");
}

/* A path of the state folder as the user knows it: the file's name. */
static void cut_state_paths(char *s)
{
    char dir[4096];
    state_path(dir, sizeof dir, "reports/", NULL, NULL);
    size_t n = strlen(dir);
    for (char *p; (p = strstr(s, dir));) {
        char *q = p + n;
        if (strlen(q) > ID_HEX + 9 && !strncmp(q + ID_HEX, ".notices/", 9))
            q += ID_HEX + 9;
        memmove(p, q, strlen(q) + 1);
    }
}

/* bc_archive's error made fit for a browser or a client program. */
static void shown_error(bc_error *e)
{
    if (target_error(e)) {
        fprintf(stderr, "baocao serve: %s [%s]\n", e->message, e->key);
        snprintf(e->message, sizeof e->message, "%s",
                 bc_message("the document management system did not take the files; the server's log says why"));
        e->file[0] = 0;
        return;
    }
    cut_state_paths(e->message);
    cut_state_paths(e->file);
}

/* The last filing of report id, kept in its entry of reports.json. */
static void record_filing(const char *id, json_t *filed)
{
    char list[4096];
    size_t i;
    json_t *x;
    pthread_mutex_lock(&state_lock);
    state_path(list, sizeof list, "reports.json", NULL, NULL);
    json_t *all = load_json(list);
    json_array_foreach(all, i, x) if (!strcmp(jstr(x, "id"), id)) json_object_set(x, "filed", filed);
    save_json(all, list);
    json_decref(all);
    pthread_mutex_unlock(&state_lock);
}

enum { FILE_UNKNOWN = -2, FILE_NO_TARGET = -3 };

/* Files report id into --archive-to: its PDF with its sidecar, or for
 * notices the batch folder kept for it (the report and every notice, each
 * with its sidecar). *out: {"id", "ok", "at", "stored", "updated",
 * "skipped", "conflicts", "files": [{"path", "outcome"}]}, also kept as the
 * entry's "filed". Returns bc_archive's 0, 1 (conflicts) or -1 (err fit to
 * be shown; a second call completes what the first began), FILE_UNKNOWN or
 * FILE_NO_TARGET. One filing at a time: bc_archive asks that of one target. */
static int file_report(const char *id, json_t **out, bc_error *err)
{
    static pthread_mutex_t archive_lock = PTHREAD_MUTEX_INITIALIZER;
    memset(err, 0, sizeof *err);
    *out = NULL;
    json_t *e = valid_id(id) ? report_entry(id) : NULL;
    if (!e)
        return FILE_UNKNOWN;
    json_decref(e);
    if (!srv.archive_to)
        return FILE_NO_TARGET;
    char path[4096];
    struct stat st;
    state_path(path, sizeof path, "reports/", id, ".notices");
    if (stat(path, &st) < 0)   /* a report alone (or notices printed before their folder was kept) */
        state_path(path, sizeof path, "reports/", id, ".pdf");
    char *paths[] = {path};
    bc_options o = {.data_dir = srv.data_dir};
    json_t *files = json_array();
    pthread_mutex_lock(&archive_lock);
    int rc = bc_archive(paths, 1, srv.archive_to, filed_one, files, &o, err);
    pthread_mutex_unlock(&archive_lock);
    if (rc < 0)
        shown_error(err);
    json_int_t n[4] = {0};
    size_t i;
    json_t *x;
    json_array_foreach(files, i, x) for (int k = 0; k < 4; k++) n[k] += !strcmp(jstr(x, "outcome"), OUTCOMES[k]);
    char now[32];
    now_text(now);
    json_t *filed = json_pack("{s:s,s:I,s:I,s:I,s:I}", "at", now, "stored", n[BC_FILED_STORED], "updated",
                              n[BC_FILED_UPDATED], "skipped", n[BC_FILED_SKIPPED], "conflicts", n[BC_FILED_CONFLICT]);
    if (rc < 0)
        json_object_set_new(filed, "error", json_string(err->key));
    record_filing(id, filed);
    *out = json_pack("{s:s,s:b,s:o}", "id", id, "ok", rc == 0, "files", files);
    json_object_update(*out, filed);
    json_decref(filed);
    return rc;
}

static void archive_rows(FILE *f, json_t *files)
{
    size_t i;
    json_t *x;
    json_array_foreach(files, i, x)
    {
        const char *o = jstr(x, "outcome");
        page_var v[] = {{"file", jstr(x, "path")},
                        {"outcome", !strcmp(o, "stored")    ? bc_message("filed")
                                    : !strcmp(o, "updated") ? bc_message("filed in place of the unsigned version")
                                    : !strcmp(o, "skipped") ? bc_message("already there, the same file")
                                                            : bc_message("not filed: another file is there under this name")},
                        {"class", !strcmp(o, "conflict") ? "loi" : "ok"}, {NULL, NULL}};
        page_write(f, "archive-row.html", v);
    }
}

/* Kết quả → the archive, from the page's form. */
static enum MHD_Result archive_page(struct MHD_Connection *c, const char *id)
{
    json_t *res, *e;
    bc_error err;
    int rc = file_report(id, &res, &err);
    if (rc == FILE_UNKNOWN || rc == FILE_NO_TARGET || !(e = report_entry(id)))
        return json_decref(res), error_page(c, MHD_HTTP_NOT_FOUND, "not-found", bc_message("no such document"));
    char *rows = NULL, date[16];
    size_t n = 0;
    FILE *f = open_memstream(&rows, &n);
    archive_rows(f, json_object_get(res, "files"));
    fclose(f);
    page_var v[] = {{"id", id}, {"code", jstr(e, "code")}, {"date", display_date(jstr(e, "date"), date)},
                    {"rows", rows}, {"key", err.key}, {"message", err.message}, {"failed", NULL},
                    {"table", NULL}, {NULL, NULL}};
    char *failed = rc < 0 ? body_of("archive-error.html", v) : NULL;
    char *table = *rows ? body_of("archive-table.html", v) : NULL;   /* none when nothing was sent */
    v[6].value = failed ? failed : "";
    v[7].value = table ? table : "";
    char *body = body_of("archived.html", v);
    free(rows), free(failed), free(table);
    json_decref(e);
    json_decref(res);
    unsigned status = rc >= 0 ? MHD_HTTP_OK : target_error(&err) ? MHD_HTTP_BAD_GATEWAY : MHD_HTTP_UNPROCESSABLE_CONTENT;
    return send_page(c, status, "", body, NULL);
}

/* Filing changes the archive, so a browser's request carries the form's
 * CSRF token (else any web page could post it with the user's cached
 * password, or to a loopback server); a program's — a bearer token, or
 * none of the headers a browser sends with a form — needs none. */
static int program_or_form(struct MHD_Connection *c, const request *r)
{
    const char *a = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (a && !strncasecmp(a, "Bearer ", 7))
        return 1;
    if (!MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin") &&
        !MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site"))
        return 1;
    return csrf_ok(c, r);
}

enum MHD_Result web_archive_api(struct MHD_Connection *c, request *r)
{
    if (!program_or_form(c, r))
        return respond_fail(c, MHD_HTTP_FORBIDDEN, "csrf", "the form has expired; open it again");
    const char *id = request_field(r, "id");
    if (!id)
        return respond_fail(c, MHD_HTTP_BAD_REQUEST, "archive-id", "send the report's id as the field \"id\"");
    json_t *res;
    bc_error err;
    int rc = file_report(id, &res, &err);
    if (rc == FILE_UNKNOWN)
        return respond_fail(c, MHD_HTTP_NOT_FOUND, "not-found", "no such document");
    if (rc == FILE_NO_TARGET)
        return respond_fail(c, MHD_HTTP_CONFLICT, "archive-not-configured",
                            "the server files nowhere: it was started without --archive-to");
    if (rc < 0)
        json_object_set_new(res, "error", json_pack("{s:s,s:s,s:s}", "key", err.key, "message", err.message, "file",
                                                     err.file));
    return respond_json(c, rc >= 0 ? MHD_HTTP_OK : target_error(&err) ? MHD_HTTP_BAD_GATEWAY
                                                                       : MHD_HTTP_UNPROCESSABLE_CONTENT, res);
}

/* The list's "filed" cell: when, and whether every file is in place. */
static void filed_text(json_t *f, char *out, size_t n)
{
    if (!json_is_object(f)) {
        snprintf(out, n, "%s", bc_message("not filed"));
        return;
    }
    int k[4];
    static const char *const KEYS[] = {"stored", "updated", "skipped", "conflicts"};
    for (int i = 0; i < 4; i++)
        k[i] = (int)json_integer_value(json_object_get(f, KEYS[i]));
    if (*jstr(f, "error"))
        snprintf(out, n, bc_message("%s: not finished (%s); file it again"), jstr(f, "at"), jstr(f, "error"));
    else if (k[3])
        snprintf(out, n, bc_message("%s: %d of %d files not filed: other files are there under their names"),
                 jstr(f, "at"), k[3], k[0] + k[1] + k[2] + k[3]);
    else
        snprintf(out, n, bc_message("%s: all %d files are in the document management system"), jstr(f, "at"),
                 k[0] + k[1] + k[2]);
}

enum MHD_Result web_reports_api(struct MHD_Connection *c)
{
    return respond_json(c, MHD_HTTP_OK, json_pack("{s:o}", "reports", all_reports()));
}

static enum MHD_Result reports_page(struct MHD_Connection *c)
{
    char *rows = NULL;
    size_t n = 0, i;
    json_t *all = all_reports(), *x;
    FILE *f = open_memstream(&rows, &n);
    for (i = json_array_size(all); i-- > 0;) {   /* newest first */
        x = json_array_get(all, i);
        char date[16];
        char filed[512];
        filed_text(json_object_get(x, "filed"), filed, sizeof filed);
        page_var v[] = {{"id", jstr(x, "id")}, {"code", jstr(x, "code")}, {"date", display_date(jstr(x, "date"), date)},
                        {"sha256", jstr(x, "sha256")}, {"agency", jstr(x, "agency")}, {"made", jstr(x, "made")},
                        {"filed", filed}, {NULL, NULL}};
        page_write(f, "report-row.html", v);
    }
    fclose(f);
    json_decref(all);
    page_var v[] = {{"rows", rows}, {NULL, NULL}};
    char *body = body_of("reports.html", v);
    free(rows);
    return send_page(c, MHD_HTTP_OK, "", body, NULL);
}

/* Drafts not printed within a day are dropped: the state folder does not
 * grow with abandoned forms. */
static void drop_old_drafts(void)
{
    char dir[4096], path[4200];
    state_path(dir, sizeof dir, "drafts", NULL, NULL);
    DIR *d = opendir(dir);
    struct dirent *e;
    time_t limit = time(NULL) - DRAFT_SECONDS;
    struct stat st;
    while (d && (e = readdir(d)))
        if (valid_id(e->d_name)) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (stat(path, &st) == 0 && st.st_mtime < limit)
                remove_tree(path);
        }
    if (d)
        closedir(d);
}

int web_draft_dir(request *r)
{
    char id[ID_HEX + 1], dir[4096];
    drop_old_drafts();
    random_hex(id, ID_HEX / 2);
    state_path(dir, sizeof dir, "drafts/", id, NULL);
    if (mkdir(dir, 0700) < 0)
        return -1;
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    return 0;
}

enum MHD_Result web_handle(struct MHD_Connection *c, const char *method, const char *url, request *r)
{
    int get = !strcmp(method, "GET"), post = !strcmp(method, "POST");
    if (get && !strcmp(url, "/"))
        return new_page(c);
    if (get && !strcmp(url, "/static/style.css"))
        return respond_static(c, "style.css", "text/css; charset=utf-8");
    if (post && (!strcmp(url, "/check") || !strcmp(url, "/print"))) {
        if (!csrf_ok(c, r))
            return error_page(c, MHD_HTTP_FORBIDDEN, "csrf", bc_message("the form has expired; open it again"));
        return url[1] == 'c' ? check_page(c, r) : print_report(c, r);
    }
    if (get && !strcmp(url, "/reports"))
        return reports_page(c);
    const char *id = !strncmp(url, "/reports/", 9) ? url + 9 : NULL;
    char want[ID_HEX + 1] = "";
    if (post && id && strlen(id) == ID_HEX + 8 && !strcmp(id + ID_HEX, "/archive")) {
        snprintf(want, sizeof want, "%.*s", ID_HEX, id);
        if (!csrf_ok(c, r))
            return error_page(c, MHD_HTTP_FORBIDDEN, "csrf", bc_message("the form has expired; open it again"));
        if (valid_id(want))
            return archive_page(c, want);
    }
    if (get && id && strlen(id) >= ID_HEX) {
        snprintf(want, sizeof want, "%.*s", ID_HEX, id);
        const char *rest = id + ID_HEX;
        if (valid_id(want) && !*rest)
            return result_page(c, want);
        if (valid_id(want) && !strcmp(rest, "/cong-van.zip")) {
            char zip[4096], disp[128];
            state_path(zip, sizeof zip, "reports/", want, ".zip");
            snprintf(disp, sizeof disp, "attachment; filename=\"cong-van-%.8s.zip\"", want);
            return respond_file(c, zip, "application/zip", disp);
        }
        if (valid_id(want) && (!strcmp(rest, ".pdf") || !strcmp(rest, "/tai-ve.pdf"))) {
            char pdf[4096], disp[128];
            state_path(pdf, sizeof pdf, "reports/", want, ".pdf");
            snprintf(disp, sizeof disp, "%s; filename=\"bao-cao-%.8s.pdf\"", rest[1] == 't' ? "attachment" : "inline",
                     want);
            return respond_file(c, pdf, "application/pdf", disp);
        }
    }
    return error_page(c, MHD_HTTP_NOT_FOUND, "not-found", bc_message("no such page"));
}
