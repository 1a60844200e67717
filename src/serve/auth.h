/* auth.h — who may use the server when it listens beyond loopback.
 *
 * --auth-file: one "user:pbkdf2-sha256:ITERATIONS:SALT_HEX:HASH_HEX" per
 * line (`baocao serve --hash-password USER` writes one from a password on
 * stdin), checked as HTTP Basic; --token-file: one bearer token per line
 * (at least 32 characters), checked as "Authorization: Bearer". Comparison
 * in constant time; blank lines and lines starting with # are skipped. */
#ifndef BAOCAO_SERVE_AUTH_H
#define BAOCAO_SERVE_AUTH_H

#include <stdio.h>

typedef struct auth {
    char **users;   /* "user:pbkdf2-sha256:…" lines */
    size_t nusers;
    char **tokens;
    size_t ntokens;
} auth;

/* Reads the files (either may be NULL); -1 with a message in err. */
int auth_load(auth *a, const char *auth_file, const char *token_file, char *err, size_t n);
void auth_free(auth *a);
int auth_enabled(const auth *a);

/* Whether an Authorization header value (NULL: none) is accepted. */
int auth_check(const auth *a, const char *header);

/* Prints the auth-file line for user with the password read from in. */
int auth_hash_password(const char *user, FILE *in, FILE *out);

#endif
