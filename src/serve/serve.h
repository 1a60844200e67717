/* serve.h — `baocao serve`: the web page for people and the HTTP API for
 * programs (issue 18), on libmicrohttpd. A stage after app/ that sees only
 * the public API (include/baocao.h): it is a client of the library like
 * any other program.
 *
 * Invariants: every request works in its own temporary folder, created by
 * the server under a name it chose and removed when the request ends
 * (also when the client goes away mid-upload); a string from the client is
 * never a path: uploaded parts are stored under fixed names by their role
 * (scores, previous, …), the reports kept in the state folder under ids the
 * server made. */
#ifndef BAOCAO_SERVE_H
#define BAOCAO_SERVE_H

/* argv[0] is "serve". Returns the process exit status. */
int serve_main(int argc, char **argv);

#endif
