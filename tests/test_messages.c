/* test_messages.c — every message the program can print is translated.
 *
 * Scans every src/ .c file for the calls that take an English format or fragment
 * (diag_set, diag_prefix, diag_tell, tmpl_error, jsonin's type_error,
 * findings_add, main's usage_error and diag_text), joins their string literals as the compiler would, and checks
 * that the shipped catalog templates/messages/vi.txt loads (conversions
 * match) and has each one, and that it has no entry the source no longer
 * uses. Then checks the loader's refusals and diag's translation itself. */
#define _POSIX_C_SOURCE 200809L /* opendir */
#include "check.h"
#include "diag.h"
#include "sbuf.h"
#include "text.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

/* Name and index of the format argument of each translated call. */
static const struct { const char *name; int arg; } CALLS[] = {
    {"diag_set", 2}, {"diag_prefix", 1}, {"diag_tell", 3}, {"tmpl_error", 4},
    {"type_error", 3}, {"diag_text", 0}, {"sheet_error", 2}, {"findings_add", 3}, {"usage_error", 0},
    {"bc_message", 0}, {"usage", 0}, {"set_error", 2}, {"respond_fail", 3},
};

static char **found;   /* every format seen */
static size_t nfound, capfound;

/* Reads the literal(s) starting at s[*i] (after spaces), unescaped, into b;
 * 0 when the argument is not a string literal. */
static int literal(const char *s, size_t *i, sbuf *b)
{
    int any = 0;
    for (;;) {
        size_t k = *i;
        while (s[k] == ' ' || s[k] == '\n' || s[k] == '\t')
            k++;
        if (s[k] != '"')
            return any;
        for (k++; s[k] && s[k] != '"'; k++) {
            if (s[k] == '\\') {
                k++;
                sbuf_putc(b, s[k] == 'n' ? '\n' : s[k] == 't' ? '\t' : s[k]);
            } else {
                sbuf_putc(b, s[k]);
            }
        }
        *i = k + 1;
        any = 1;
    }
}

/* Skips to the start of argument n of the call whose "(" is at s[i]. */
static size_t skip_args(const char *s, size_t i, int n)
{
    int depth = 0;
    for (i++; s[i] && n > 0; i++) {
        if (s[i] == '"' || s[i] == '\'') {
            char q = s[i];
            for (i++; s[i] && s[i] != q; i++)
                i += s[i] == '\\';
        } else if (s[i] == '(' || s[i] == '[') {
            depth++;
        } else if (s[i] == ')' || s[i] == ']') {
            if (depth-- == 0)
                return i;
        } else if (s[i] == ',' && depth == 0) {
            n--;
        }
    }
    return i;
}

static int is_ident(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

static void scan(const char *file, const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '/' && s[i + 1] == '*') {               /* comments may name the calls */
            const char *e = strstr(s + i + 2, "*/");
            i = e ? (size_t)(e - s) + 1 : strlen(s) - 1;
            continue;
        }
        if (s[i] == '"' || s[i] == '\'') {                 /* so may strings; '"' is no string */
            char q = s[i];
            for (i++; s[i] && s[i] != q; i++)
                i += s[i] == '\\';
            continue;
        }
        if (i > 0 && is_ident(s[i - 1]))
            continue;
        for (size_t c = 0; c < sizeof CALLS / sizeof *CALLS; c++) {
            size_t n = strlen(CALLS[c].name);
            if (strncmp(s + i, CALLS[c].name, n) || s[i + n] != '(')
                continue;
            /* A definition has a type before the name ("int diag_set("). */
            size_t k = i;
            while (k > 0 && s[k - 1] == ' ')
                k--;
            if (k > 0 && (is_ident(s[k - 1]) || s[k - 1] == '*') &&
                !(k >= 6 && !strncmp(s + k - 6, "return", 6)))
                continue;
            size_t a = skip_args(s, i + n, CALLS[c].arg);
            sbuf b = {0};
            if (literal(s, &a, &b)) {
                grow(&found, &capfound, nfound + 1, sizeof *found);
                found[nfound++] = sbuf_take(&b);
                if (!diag_catalog_has(found[nfound - 1]))
                    fprintf(stderr, "%s: not in templates/messages/vi.txt: en: %s\n", file, found[nfound - 1]);
                CHECK(diag_catalog_has(found[nfound - 1]));
            } else {
                /* Only the functions that pass their own format on. */
                const char *arg = s + a + strspn(s + a, " ");
                int forwards = !strncmp(arg, "fmt)", 4) || !strncmp(arg, "want)", 5) ||
                               !strncmp(arg, "fmt,", 4) || !strncmp(arg, "english)", 8);
                if (!forwards)
                    fprintf(stderr, "%s: %s with a format that is not a literal: %.40s\n", file, CALLS[c].name, s + i);
                CHECK(forwards);
            }
            sbuf_free(&b);
        }
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sbuf b = {0};
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        sbuf_add(&b, chunk, k);
    fclose(f);
    return sbuf_take(&b);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
}

/* Messages print safely: input's control characters spelled U+XXXX, and a
 * message longer than its buffer cut between characters. */
static void test_printable(void)
{
    diag d = {0};
    diag_set(&d, "k", "unit \"%s\"", "Xã\aA \x1b[2J\xc2\x9b");
    CHECK_STR(d.msg, "unit \"XãU+0007A U+001B[2JU+009B\"");
    sbuf long_text = {0};
    for (int i = 0; i < 700; i++)
        sbuf_puts(&long_text, "ệ");
    for (int shift = 0; shift < 3; shift++) {
        diag_set(&d, "k", "%.*s%s", shift, "ab", long_text.s);
        CHECK(utf8_valid(d.msg, strlen(d.msg)));
        CHECK(strlen(d.msg) >= sizeof d.msg - 4);
        diag_prefix(&d, "%s", "\x01");
        CHECK(utf8_valid(d.msg, strlen(d.msg)));
        CHECK(!strncmp(d.msg, "U+0001: ", 8));
    }
    sbuf_free(&long_text);
}

int main(void)
{
    diag d = {0};
    const char *vi = SOURCE_DIR "/templates/messages/vi.txt";
    int loaded = diag_catalog_load(vi, &d);
    if (loaded < 0)
        fprintf(stderr, "%s\n", d.msg);
    CHECK_INT(loaded, 0);

    /* src/<stage>/<file>.c */
    DIR *stages = opendir(SOURCE_DIR "/src");
    struct dirent *st;
    size_t files = 0;
    while (stages && (st = readdir(stages)) != NULL) {
        if (st->d_name[0] == '.')
            continue;
        char stage[4096];
        snprintf(stage, sizeof stage, "%s/src/%s", SOURCE_DIR, st->d_name);
        DIR *dir = opendir(stage);
        struct dirent *e;
        while (dir && (e = readdir(dir)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 3 || strcmp(e->d_name + n - 2, ".c"))
                continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", stage, e->d_name);
            char *text = slurp(path);
            scan(e->d_name, text);
            free(text);
            files++;
        }
        if (dir)
            closedir(dir);
    }
    if (stages)
        closedir(stages);
    CHECK(files > 20);
    CHECK(nfound > 100);

    /* No stale entries: every English line of the catalog is still used. */
    char *cat = slurp(vi);
    for (char *line = cat; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        if (!strncmp(line, "en: ", 4)) {
            size_t k = 0;
            while (k < nfound && strcmp(found[k], line + 4))
                k++;
            if (k == nfound)
                fprintf(stderr, "vi.txt: no longer in the source: %s\n", line);
            CHECK(k < nfound);
        }
        line = nl ? nl + 1 : line + strlen(line);
    }
    free(cat);
    for (size_t k = 0; k < nfound; k++)
        free(found[k]);
    free(found);

    /* Translation at diag_set time; file:line stays as given. */
    diag_set(&d, "score-above-max", "%s: unit \"%s\", indicator %s: %s is above the maximum %s",
             "scores.csv:7", "UBND xã X", "dvctt.cs1", "6", "5");
    CHECK_STR(d.key, "score-above-max");
    CHECK(strncmp(d.msg, "scores.csv:7: ", 14) == 0);
    CHECK(strstr(d.msg, "vượt quá điểm tối đa 5") != NULL);
    diag_set(&d, "x", "a format nobody translated: %d", 3);
    CHECK_STR(d.msg, "a format nobody translated: 3");

    /* Refusals: mismatched conversions, a missing translation, %n. */
    char path[] = "/tmp/test_messages.XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    static const char *const BAD[] = {
        "en: %s:%d: x\nvi: %d:%s: x\n",
        "en: %s has %zu\nvi: %s có %d\n",
        "en: a %s\nvi: một\n",
        "en: a %s\n",
        "en: a\nen: b\n",
        "en: a %s\nvi: một %n\n",
        "en: a %s\nvi: một %1$s\n",
        "en: a\nvi: một\nen: a\nvi: hai\n",
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        write_file(path, BAD[i]);
        CHECK_INT(diag_catalog_load(path, &d), -1);
        CHECK_STR(d.key, "catalog");
        CHECK(!diag_catalog_has("a"));   /* a refused catalog leaves English */
    }
    write_file(path, "# width and flags may differ\nen: %5.2f%% of %-3s\nvi: %.1f%% của %s\n");
    CHECK_INT(diag_catalog_load(path, &d), 0);
    CHECK_STR(diag_text("%5.2f%% of %-3s"), "%.1f%% của %s");
    unlink(path);
    diag_catalog_free();
    CHECK_STR(diag_text("%5.2f%% of %-3s"), "%5.2f%% of %-3s");
    test_printable();
    CHECK_DONE();
}
