/* auth.c — Basic and bearer authentication (auth.h). */
#define _POSIX_C_SOURCE 200809L
#include "auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

enum { ITERATIONS = 100000, SALT_BYTES = 16, HASH_BYTES = 32, MIN_TOKEN = 32, MAX_LINES = 1000 };

static void strip(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = 0;
}

static int read_lines(const char *path, char ***out, size_t *n, char *err, size_t errn)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errn, "%s", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    *out = calloc(MAX_LINES, sizeof **out);
    while (*out && *n < MAX_LINES && getline(&line, &cap, f) > 0) {
        strip(line);
        if (*line && *line != '#')
            (*out)[(*n)++] = strdup(line);
    }
    free(line);
    fclose(f);
    return *out ? 0 : -1;
}

int auth_load(auth *a, const char *auth_file, const char *token_file, char *err, size_t n)
{
    memset(a, 0, sizeof *a);
    if ((auth_file && read_lines(auth_file, &a->users, &a->nusers, err, n) < 0) ||
        (token_file && read_lines(token_file, &a->tokens, &a->ntokens, err, n) < 0))
        return auth_free(a), -1;
    for (size_t i = 0; i < a->ntokens; i++)
        if (strlen(a->tokens[i]) < MIN_TOKEN) {
            snprintf(err, n, "%s", token_file);
            return auth_free(a), -1;
        }
    if ((auth_file && !a->nusers) || (token_file && !a->ntokens)) {
        snprintf(err, n, "%s", auth_file && !a->nusers ? auth_file : token_file);
        return auth_free(a), -1;
    }
    return 0;
}

static void free_lines(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void auth_free(auth *a)
{
    free_lines(a->users, a->nusers);
    free_lines(a->tokens, a->ntokens);
    memset(a, 0, sizeof *a);
}

int auth_enabled(const auth *a) { return a->nusers || a->ntokens; }

static int equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}

static void hex(const unsigned char *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
}

static int unhex(const char *s, unsigned char *out, size_t n)
{
    if (strlen(s) != 2 * n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (unsigned char)v;
    }
    return 0;
}

static void derive(const char *password, const unsigned char *salt, int iterations, char out[2 * HASH_BYTES + 1])
{
    unsigned char h[HASH_BYTES];
    PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, SALT_BYTES, iterations, EVP_sha256(), HASH_BYTES, h);
    hex(h, HASH_BYTES, out);
}

/* "user:password" against the line "user:pbkdf2-sha256:ITER:SALT:HASH". */
static int user_matches(const char *line, const char *user, const char *password)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", line);
    char *save, *name = strtok_r(copy, ":", &save), *kind = strtok_r(NULL, ":", &save),
               *iter = strtok_r(NULL, ":", &save), *salt = strtok_r(NULL, ":", &save),
               *hash = strtok_r(NULL, ":", &save);
    unsigned char s[SALT_BYTES];
    if (!hash || strcmp(kind, "pbkdf2-sha256") || atoi(iter) < 1000 || unhex(salt, s, SALT_BYTES) < 0 ||
        !equal(name, user))
        return 0;
    char got[2 * HASH_BYTES + 1];
    derive(password, s, atoi(iter), got);
    return equal(got, hash);
}

static int basic(const auth *a, const char *b64)
{
    unsigned char plain[768];
    size_t n = strlen(b64);
    if (n == 0 || n > 1000)
        return 0;
    int k = EVP_DecodeBlock(plain, (const unsigned char *)b64, (int)n);
    if (k <= 0)
        return 0;
    while (k > 0 && b64[n - 1] == '=' && (n--, 1))
        k--;   /* EVP_DecodeBlock counts the padding */
    plain[k] = 0;
    char *colon = strchr((char *)plain, ':');
    if (!colon || memchr(plain, 0, (size_t)k))
        return 0;
    *colon = 0;
    int ok = 0;
    for (size_t i = 0; i < a->nusers && !ok; i++)
        ok = user_matches(a->users[i], (char *)plain, colon + 1);
    OPENSSL_cleanse(plain, sizeof plain);
    return ok;
}

int auth_check(const auth *a, const char *header)
{
    if (!auth_enabled(a))
        return 1;
    if (!header)
        return 0;
    if (a->ntokens && !strncmp(header, "Bearer ", 7)) {
        int ok = 0;
        for (size_t i = 0; i < a->ntokens; i++)
            ok |= equal(header + 7, a->tokens[i]);
        return ok;
    }
    return a->nusers && !strncmp(header, "Basic ", 6) && basic(a, header + 6);
}

int auth_hash_password(const char *user, FILE *in, FILE *out)
{
    char *password = NULL;
    size_t cap = 0;
    unsigned char salt[SALT_BYTES];
    if (!*user || strchr(user, ':') || getline(&password, &cap, in) <= 0 || RAND_bytes(salt, SALT_BYTES) != 1) {
        free(password);
        return -1;
    }
    strip(password);
    char saltx[2 * SALT_BYTES + 1], hash[2 * HASH_BYTES + 1];
    hex(salt, SALT_BYTES, saltx);
    derive(password, salt, ITERATIONS, hash);
    OPENSSL_cleanse(password, cap);
    free(password);
    fprintf(out, "%s:pbkdf2-sha256:%d:%s:%s\n", user, ITERATIONS, saltx, hash);
    return 0;
}
