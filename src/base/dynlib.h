/* dynlib.h — a shared library opened on first use (dlopen) instead of
 * linked: for dependencies that one kind of output alone needs (libcurl to
 * deliver, libxml2 to write DOCX), so that every other run neither loads
 * nor relocates them and their own dependencies.
 *
 * Thread-safe: any number of threads may call dynlib_open on one dynlib;
 * the first loads it, the others wait and see the same outcome. A library
 * once opened stays for the life of the process. */
#ifndef BAOCAO_DYNLIB_H
#define BAOCAO_DYNLIB_H

#include <stddef.h>

typedef struct dynlib {
    const char *soname;          /* "libxml2.so.2" */
    const char *const *names;    /* the symbols, in the order of slots */
    size_t n;
    void **slots;                /* n function pointers (a struct of them) */
    int tried;
    char error[256];             /* why it could not be used; "" once loaded */
} dynlib;

/* Loads l on the first call. Returns 0 when every symbol was found, else -1
 * with l->error set (on every later call too). */
int dynlib_open(dynlib *l);

#endif
