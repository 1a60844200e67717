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

#endif
