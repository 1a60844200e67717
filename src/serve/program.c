/* program.c — baocao-serve, the program `baocao serve` runs: its messages
 * in the language of $BAOCAO_LANG (vi by default), then serve_main. */
#include "baocao.h"
#include "serve.h"

#include <stdlib.h>

int main(int argc, char **argv)
{
    const char *lang = getenv("BAOCAO_LANG");
    bc_set_language(lang && *lang ? lang : "vi", NULL, NULL);   /* English if the catalog is missing */
    return serve_main(argc, argv);
}
