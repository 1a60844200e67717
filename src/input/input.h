/* input.h — reading a report: report.json (metadata, sections) plus the
 * scores CSV of this period and optionally of the previous one. The only
 * stage that knows about JSON and CSV.
 *
 * Invariants of input/: a loaded dataset holds UTF-8 text without control
 * characters (the readers refuse them); every error it returns names the file (and, where
 * known, line, column, unit and indicator: diag_locate); nothing past
 * input/ sees a json_t or a csv row; private/ headers stay in input/. */
#ifndef BAOCAO_INPUT_H
#define BAOCAO_INPUT_H

#include "dataset.h"
#include "diag.h"
#include "encoding.h"
#include "notices.h"

typedef struct input_opts {
    text_encoding encoding;  /* of the CSV files; ENC_AUTO = detect */
} input_opts;

/* Loads report.json at path, its scheme from data_dir/templates/schemes,
 * and the score files it names (relative to its own directory); io may be
 * NULL (detect encodings, quietly). Every error names the file and line,
 * and where it applies the unit and indicator. */
int dataset_load(dataset *ds, const char *path, const char *data_dir, const input_opts *io,
                 diag *d);

/* dataset_load, and with ns also the "notices" object of the same file
 * (notices.h): the file is parsed once. On failure nothing is left to free. */
int input_load(dataset *ds, notice_set *ns, const char *path, const char *data_dir, const input_opts *io,
               diag *d);

/* Reads a scores CSV or XLSX (by its extension; the worksheet ds->sheet or
 * the first) into ds->units (previous == 0) or into the units' prev cells
 * (previous == 1), its messages naming it name. ds->scheme and ds->sections
 * must be set. */
int scores_read(dataset *ds, const char *path, const char *name, int previous, const input_opts *io, diag *d);

/* Loads a scheme from a JSON file. Errors name the file, line:column and
 * the offending key. */
int scheme_load_file(scheme *s, const char *path, diag *d);

/* Loads scheme `id` from dir/<id>.json (id must be a plain file name). */
int scheme_load_id(scheme *s, const char *dir, const char *id, diag *d);

/* "2024-12-10" -> date (validated, leap years included); -1 if not a date. */
int input_date(const char *s, date *out);

/* rel resolved against dir (rel as is when absolute or dir is ""), malloc'd. */
char *input_path(const char *dir, const char *rel);

#endif
