/* fuzz_xlsx.c — a workbook built around the input: the bytes before the
 * first NUL are the worksheet XML, the rest xl/sharedStrings.xml. The
 * parts are stored uncompressed (zip_source_buffer) so that every input
 * reaches the XML handlers of xlsx.c, not just libzip's header checks. */
#include "fuzz.h"
#include "xlsx.h"

#include <zip.h>

static const char workbook[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";

static void add(zip_t *z, const char *name, const void *data, size_t size)
{
    zip_source_t *s = zip_source_buffer(z, data, size, 0);
    zip_int64_t i = s ? zip_file_add(z, name, s, ZIP_FL_OVERWRITE) : -1;
    if (i < 0 || zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) < 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t sheet = nul ? (size_t)(nul - data) : size;
    const char *path = fuzz_path("fuzz.xlsx");
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        abort();
    add(z, "xl/workbook.xml", workbook, sizeof workbook - 1);
    add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
    add(z, "xl/worksheets/sheet1.xml", data, sheet);
    if (nul)
        add(z, "xl/sharedStrings.xml", nul + 1, size - sheet - 1);
    if (zip_close(z) < 0)
        abort();
    csv c;
    diag d = {0};
    if (xlsx_read_file(&c, path, NULL, &d) == 0)
        csv_free(&c);
    return 0;
}
