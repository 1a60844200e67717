/* archive_meta.c — the NĐ 30 Phụ lục VI record of a rendered document:
 * sidecar JSON (written and read back) and the XMP properties. The one
 * place that knows the archive keys. */
#include "archive_meta.h"
#include "fileio.h"
#include "jsonin.h"
#include "sbuf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The record, as strings; NULL where the generator cannot know the value. */
typedef struct record {
    const char *type_name, *code_number, *code_notation, *organ_name, *subject;
    const char *position, *full_name;
    char issued_date[16];  /* DD/MM/YYYY, as archive systems exchange it; "" if blank */
} record;

static void record_of(record *r, const doc_meta *m)
{
    doc_issue is = doc_meta_issue(m);
    memset(r, 0, sizeof *r);
    r->type_name = m->type_name;
    r->code_number = *is.number ? is.number : NULL;
    r->code_notation = m->notation;
    r->organ_name = m->issuer.full_name;
    r->subject = m->subject;
    r->full_name = m->issuer.signer.name;
    r->position = signer_position(&m->issuer.signer);
    if (is.date.day > 0 && is.date.month > 0)
        snprintf(r->issued_date, sizeof r->issued_date, "%02d/%02d/%04d", is.date.day, is.date.month,
                 is.date.year);
}

void archive_meta_xmp(archive_xmp *x, const doc_meta *m, int pages)
{
    record r;
    record_of(&r, m);
    memcpy(x->date, r.issued_date, sizeof x->date);
    snprintf(x->pages, sizeof x->pages, "%d", pages);
    const pdf_xmp_prop props[ARCHIVE_XMP_NPROPS] = {
        {"TypeName", r.type_name, 0, "Tên loại văn bản"},
        {"CodeNumber", r.code_number, 0, "Số của văn bản"},
        {"CodeNotation", r.code_notation, 0, "Ký hiệu của văn bản"},
        {"IssuedDate", x->date[0] ? x->date : NULL, 0, "Ngày, tháng, năm văn bản (DD/MM/YYYY)"},
        {"OrganName", r.organ_name, 0, "Tên cơ quan ban hành"},
        {"Language", m->language, 0, "Ngôn ngữ"},
        {"PageAmount", x->pages, 1, "Số trang của văn bản"},
        {"SignerPosition", r.position, 0, "Chức vụ người ký"},
        {"SignerFullName", r.full_name, 0, "Họ tên người ký"},
    };
    memcpy(x->props, props, sizeof props);
    x->schema = (pdf_xmp_schema){ARCHIVE_XMP_URI, ARCHIVE_XMP_PREFIX,
                                 "NĐ 30/2020/NĐ-CP Phụ lục VI: văn bản đi", x->props,
                                 ARCHIVE_XMP_NPROPS};
}

char *archive_meta_path(const char *pdf_path)
{
    size_t n = strlen(pdf_path);
    if (n > 4 && !strcmp(pdf_path + n - 4, ".pdf"))
        n -= 4;
    char *s = xmalloc(n + sizeof ".meta.json");
    memcpy(s, pdf_path, n);
    strcpy(s + n, ".meta.json");
    return s;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The builder left out the entries that are not recipients of their own
 * (the copy kept, "Như trên": doc_meta.filed_to). */
static json_t *recipients(const doc_meta *m)
{
    json_t *to = json_array();
    for (size_t i = 0; i < m->nfiled_to; i++)
        json_array_append_new(to, json_pack("{s:n,s:s}", "OrganId", "OrganName", m->filed_to[i]));
    return to;
}

/* Keys in insertion order, 2-space indent, UTF-8, final newline. malloc'd. */
static char *json_text(const json_t *o)
{
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    sbuf b = {0};
    sbuf_puts(&b, text);
    sbuf_putc(&b, '\n');
    free(text);
    return sbuf_take(&b);
}

static int write_json(const char *path, const json_t *o, diag *d)
{
    char *text = json_text(o);
    int rc = file_write_atomic(path, text, strlen(text), d);
    free(text);
    return rc;
}

char *archive_meta_signed(const char *path, size_t bytes, const char *sha, const char *subject, diag *d)
{
    json_t *root = jsonin_load(path, d), *file = root ? json_object_get(root, "File") : NULL;
    if (!json_is_object(file)) {
        if (root)
            diag_set(d, "sidecar-read", "%s: File.SHA256 and File.Size must be a SHA-256 and a size", path);
        json_decref(root);
        return NULL;
    }
    json_object_set_new(root, "UnsignedFile", json_pack("{s:O,s:O}", "Size", json_object_get(file, "Size"),
                                                        "SHA256", json_object_get(file, "SHA256")));
    json_object_set_new(file, "Size", json_integer((json_int_t)bytes));
    json_object_set_new(file, "SHA256", json_string(sha));
    json_object_set_new(root, "Signed", json_true());
    json_object_set_new(root, "Signer", subject ? json_string(subject) : json_null());
    char *text = json_text(root);
    json_decref(root);
    return text;
}

char *archive_meta_json(const char *pdf_path, const doc_meta *m, const pdf_result *pr)
{
    record r;
    char sha[65];
    record_of(&r, m);
    hex_encode(pr->sha256, sizeof pr->sha256, sha);
    const char *base = strrchr(pdf_path, '/');
    base = base ? base + 1 : pdf_path;

    /* Keys in the order of the Phụ lục VI table; null where the Hệ thống or
     * the văn thư fills them (mã hồ sơ, số thứ tự, mã định danh, độ khẩn…). */
    json_t *o = json_object();
    json_object_set_new(o, "FileCode",
                        json_pack("{s:n,s:n,s:n}", "OrganId", "FileCatalog", "FileNotation"));
    json_object_set_new(o, "DocOrdinal", json_null());
    json_object_set_new(o, "TypeName", str_or_null(r.type_name));
    json_object_set_new(o, "CodeNumber", str_or_null(r.code_number));
    json_object_set_new(o, "CodeNotation", str_or_null(r.code_notation));
    json_object_set_new(o, "IssuedDate", str_or_null(r.issued_date[0] ? r.issued_date : NULL));
    json_object_set_new(o, "OrganName", str_or_null(r.organ_name));
    json_object_set_new(o, "Subject", str_or_null(r.subject));
    json_object_set_new(o, "Language", json_string(m->language));
    json_object_set_new(o, "PageAmount", json_integer(pr->pages));
    json_object_set_new(o, "Description", json_null());
    json_object_set_new(o, "SignerInfo", json_pack("{s:o,s:o}", "Position", str_or_null(r.position),
                                                   "FullName", str_or_null(r.full_name)));
    json_object_set_new(o, "To", recipients(m));
    json_object_set_new(o, "Priority", json_null());
    json_object_set_new(o, "IssuedAmount", json_null());
    json_object_set_new(o, "DueDate", json_null());
    json_object_set_new(o, "File", json_pack("{s:s,s:I,s:s}", "Name", base, "Size",
                                             (json_int_t)pr->bytes, "SHA256", sha));

    char *text = json_text(o);
    json_decref(o);
    return text;
}

int archive_meta_write(const char *pdf_path, const doc_meta *m, const pdf_result *pr, diag *d)
{
    char *path = archive_meta_path(pdf_path), *text = archive_meta_json(pdf_path, m, pr);
    int rc = file_write_atomic(path, text, strlen(text), d);
    free(text);
    free(path);
    return rc;
}

void archive_doc_free(archive_doc *a)
{
    free(a->code_number);
    free(a->code_notation);
    free(a->organ_name);
    memset(a, 0, sizeof *a);
}

int archive_meta_read(const char *path, archive_doc *a, diag *d)
{
    memset(a, 0, sizeof *a);
    json_t *root = jsonin_load(path, d), *file = NULL;
    if (!root)
        return -1;
    char *issued = NULL, *sha = NULL;
    json_int_t size = -1;
    int rc = -1;
    file = json_object_get(root, "File");
    if (jsonin_str(root, path, "", "CodeNumber", 0, &a->code_number, d) < 0 ||
        jsonin_str(root, path, "", "IssuedDate", 0, &issued, d) < 0 ||
        jsonin_str(root, path, "", "CodeNotation", 1, &a->code_notation, d) < 0 ||
        jsonin_str(root, path, "", "OrganName", 1, &a->organ_name, d) < 0 ||
        jsonin_str(file, path, "File", "SHA256", 1, &sha, d) < 0)
        goto out;
    size = json_integer_value(json_object_get(file, "Size"));
    if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64 || size <= 0) {
        diag_set(d, "sidecar-read", "%s: File.SHA256 and File.Size must be a SHA-256 and a size",
                 path);
        goto out;
    }
    if (issued && (strlen(issued) != 10 || sscanf(issued + 6, "%4d", &a->year) != 1)) {
        diag_set(d, "sidecar-read", "%s: IssuedDate: expected DD/MM/YYYY, got \"%s\"", path, issued);
        goto out;
    }
    memcpy(a->sha256, sha, 65);
    a->bytes = (size_t)size;
    rc = 0;
out:
    if (rc < 0)
        archive_doc_free(a);
    free(issued);
    free(sha);
    json_decref(root);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "Path"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "Path"));
    return strcmp(x ? x : "", y ? y : "");
}

int archive_manifest_add(const char *path, const archive_entry *e, size_t n, diag *d)
{
    json_t *docs = json_object();   /* Path -> entry */
    FILE *f = fopen(path, "rb");
    if (f) {
        fclose(f);
        json_t *old = jsonin_load(path, d), *list = NULL;
        if (!old || jsonin_array(old, path, "", "Documents", 1, &list, d) < 0) {
            json_decref(old);
            json_decref(docs);
            return -1;
        }
        size_t i;
        json_t *v;
        json_array_foreach(list, i, v) {
            const char *p = json_string_value(json_object_get(v, "Path"));
            if (p)
                json_object_set(docs, p, v);
        }
        json_decref(old);
    }
    for (size_t i = 0; i < n; i++)
        json_object_set_new(docs, e[i].path,
                            json_pack("{s:s,s:s,s:I,s:s,s:b,s:s?,s:s}", "Path", e[i].path, "Metadata",
                                      e[i].metadata, "Size", (json_int_t)e[i].bytes, "SHA256",
                                      e[i].sha256, "Signed", e[i].is_signed, "Signer", e[i].signer,
                                      "UnsignedSHA256", e[i].unsigned_sha256));
    size_t count = json_object_size(docs), k = 0;
    json_t **sorted = xcalloc(count + 1, sizeof *sorted), *v;
    const char *key;
    json_object_foreach(docs, key, v) sorted[k++] = v;
    qsort(sorted, count, sizeof *sorted, by_path);
    json_t *list = json_array();
    for (k = 0; k < count; k++)
        json_array_append(list, sorted[k]);
    json_t *root = json_pack("{s:o}", "Documents", list);
    int rc = write_json(path, root, d);
    free(sorted);
    json_decref(root);
    json_decref(docs);
    return rc;
}
