/* records.h — the JSON shapes the input stage shares between its files
 * (report_json.c, notice_input.c). Private to input/. */
#ifndef BAOCAO_RECORDS_H
#define BAOCAO_RECORDS_H

/* Only input/'s own files see this header (src/CMakeLists.txt defines
 * BAOCAO_STAGE_INPUT for them alone), whatever path reaches it. */
#ifndef BAOCAO_STAGE_INPUT
#error "a private header of src/input/"
#endif

#include "dataset.h"
#include "jsonin.h"
#include "notices.h"

/* An issuer (issuer.h), the one shape shared by report.json and a notices
 * units file: the agency in `names` (parent, <lines_key>, name, full_name,
 * locality; full_name defaults to name, locality to ""), place_obj.place and
 * the signer object sig (authority, name, position). `where` and `place_where`
 * locate names and place_obj in messages. On failure *is is freed. */
int input_issuer(issuer *is, json_t *names, const char *file, const char *where, const char *lines_key,
                  json_t *place_obj, const char *place_where, json_t *sig, diag *d);

/* The "notices" object o of report.json (NULL: absent, an error) for the
 * units of ds, with the files it names (notice_input.c). A problem in one
 * unit's data is stored in that unit's `error`; only problems of the whole
 * set fail. */
int input_notices(notice_set *ns, const dataset *ds, json_t *o, diag *d);

/* Units by name in a small open-addressing table (unitindex.c), so that
 * matching names stays linear in the rows read: scores against earlier
 * rows and the previous period, statistics and units.json against the
 * units. unit_index_find returns the unit of that name or -1, and in *at
 * the slot where it is or would go (the caller stores a new unit's index
 * there). unit_index_of fills one for units[0..n). */
typedef struct unit_index {
    long *slot;            /* unit index, -1 = free */
    size_t cap;
} unit_index;

void unit_index_init(unit_index *x, size_t expect);
void unit_index_of(unit_index *x, const unit *units, size_t n);
long unit_index_find(const unit_index *x, const unit *units, const char *name, size_t *at);
void unit_index_free(unit_index *x);

#endif
