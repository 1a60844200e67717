/* bundle.h — a batch folder as one ZIP file (bc_batch's as_zip): the
 * manifest's PDFs and sidecars and manifest.json itself, for a program or a
 * browser that wants one download. */
#ifndef BAOCAO_BUNDLE_H
#define BAOCAO_BUNDLE_H

#include "diag.h"

/* Writes the files dir/manifest.json lists, with their sidecars, and
 * manifest.json last, into the ZIP at zip (through a temporary beside it,
 * renamed when complete). Deterministic: entries in manifest order, every
 * time stamp 1980-01-01, deflate. Error key "write". */
int bundle_zip(const char *dir, const char *zip, diag *d);

/* Removes dir and everything under it (a batch folder made for a ZIP). */
void bundle_remove_dir(const char *dir);

#endif
