/* notices.c — freeing the notices' data. */
#include "notices.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

void notice_set_free(notice_set *ns)
{
    for (size_t u = 0; u < ns->n; u++) {
        unit_notice *un = &ns->units[u];
        issuer_free(&un->issuer);
        free(un->number);
        strv_free(un->addressees, un->naddressees);
        free(un->stats);
        free(un->error);
    }
    free(ns->units);
    strv_free(ns->texts, ns->ntexts);
    free(ns->template_name), free(ns->subject), free(ns->notation), free(ns->number);
    strv_free(ns->recipients, ns->nrecipients);
    strv_free(ns->addressees, ns->naddressees);
    memset(ns, 0, sizeof *ns);
}
