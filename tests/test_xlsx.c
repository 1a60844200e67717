/* test_xlsx.c — the XLSX reader on workbooks written here with libzip: the
 * cell kinds LibreOffice's own fixtures (tests/data/xlsx) do not show —
 * inline strings, rich-text shared strings with a phonetic run, booleans,
 * error values, sparse references, prefixed element names, an absolute part
 * target — and the limits and broken containers. */
#define _GNU_SOURCE /* memmem, mkdtemp */
#include "check.h"
#include "csv.h"
#include "sbuf.h"
#include "xlsx.h"

#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

static char tmpdir[256];

static const char WORKBOOK[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><x:sheets>"
    "<x:sheet name=\"Ghi chú\" sheetId=\"1\" r:id=\"rId7\"/>"
    "<x:sheet name=\"Bảng 1\" sheetId=\"2\" r:id=\"rId9\"/></x:sheets></x:workbook>";
static const char RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId7\" Target=\"worksheets/notes.xml\"/>"
    "<Relationship Id=\"rId9\" Target=\"/xl/worksheets/s1.xml\"/></Relationships>";
static const char NOTES[] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>"
                            "<t>xem Bảng 1</t></is></c></row></sheetData></worksheet>";

/* Writes a workbook with the parts given as name/text pairs (NULL-ended). */
static const char *book(const char *name, ...)
{
    static char path[320];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    unlink(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        exit(2);
    va_list ap;
    va_start(ap, name);
    for (const char *part; (part = va_arg(ap, const char *));) {
        const char *text = va_arg(ap, const char *);
        zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
        if (!s || zip_file_add(z, part, s, ZIP_FL_ENC_UTF_8) < 0)
            exit(2);
    }
    va_end(ap);
    if (zip_close(z) < 0)
        exit(2);
    return path;
}

static void test_cells(void)
{
    /* "Chỉ số" in two runs, its tones decomposed (NFD), and a phonetic run. */
    const char *strings = "<sst><si><r><t>Chi\xCC\x89 </t></r><r><t>so\xCC\x82\xCC\x81</t></r>"
                          "<rPh><t>ignored</t></rPh></si><si><t>  padded  </t></si></sst>";
    const char *sheet =
        "<worksheet><sheetData>"
        "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>Xã A</t></is></c>"
        "<c r=\"D2\"><v>9.4100000000000001</v></c><c r=\"E2\" t=\"b\"><v>1</v></c>"
        "<c r=\"F2\" t=\"s\"><v>0</v></c><c r=\"G2\" t=\"e\"><v>#DIV/0!</v></c>"
        "<c r=\"H2\" t=\"str\"><f>A1&amp;\"\"</f><v></v></c><c r=\"I2\" s=\"3\"/></row>"
        "<row r=\"5\"><c r=\"A5\"><v>8.6250000000000002</v></c><c r=\"B5\" t=\"s\"><v>1</v></c>"
        "<c r=\"C5\"><v>-1E-3</v></c><c r=\"D5\"><v>1234567</v></c></row>"
        "<row r=\"6\"><c r=\"A6\" s=\"1\"/></row>"
        "</sheetData></worksheet>";
    const char *path = book("cells.xlsx", "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels",
                            RELS, "xl/sharedStrings.xml", strings, "xl/worksheets/s1.xml", sheet,
                            "xl/worksheets/notes.xml", NOTES, NULL);
    csv c;
    diag d = {0};
    int rc = xlsx_read_file(&c, path, "Bảng 1", &d);
    if (rc < 0)
        fprintf(stderr, "[%s] %s\n", d.key, d.msg);
    CHECK_INT(rc, 0);
    if (rc < 0)
        return;
    CHECK_STR(c.sheet, "Bảng 1");
    CHECK_INT(c.n, 2);   /* row 6 has only a styled empty cell */
    CHECK_INT(c.rows[0].line, 2);
    CHECK_INT(c.rows[0].n, 7);   /* up to G2: the empty H2 and I2 are trailing */
    const char *want0[] = {"", "Xã A", "", "9.41", "1", "Chỉ số", "#DIV/0!"};
    for (size_t k = 0; k < 7 && k < c.rows[0].n; k++)
        CHECK_STR(csv_field(&c.rows[0], k), want0[k]);
    CHECK_INT(c.decimal, 0);   /* row 1 is the header; 8.625 and -0.001 prove nothing */
    CHECK_INT(c.rows[1].line, 5);
    const char *want1[] = {"8.625", "padded", "-0.001", "1234567"};
    for (size_t k = 0; k < 4 && k < c.rows[1].n; k++)
        CHECK_STR(csv_field(&c.rows[1], k), want1[k]);
    char where[128];
    csv_where(&c, &c.rows[0], 3, where, sizeof where);
    CHECK(strstr(where, "cells.xlsx:Bảng 1!D2") != NULL);
    csv_where(&c, &c.rows[1], 27, where, sizeof where);
    CHECK(strstr(where, "!AB5") != NULL);
    csv_free(&c);

    /* The first sheet by default; an unknown one is named. */
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), 0);
    CHECK_STR(c.sheet, "Ghi chú");
    csv_free(&c);
    CHECK_INT(xlsx_read_file(&c, path, "Bảng 2", &d), -1);
    CHECK_STR(d.key, "xlsx-sheet");
}

static void test_merged(void)
{
    const char *sheet = "<worksheet><sheetData>"
                        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nhóm</t></is></c>"
                        "<c r=\"B1\" t=\"inlineStr\"><is><t>Số hóa</t></is></c></row>"
                        "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>Chỉ số 1</t></is></c></row>"
                        "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>4,81</t></is></c></row>"
                        "</sheetData><mergeCells><mergeCell ref=\"A1:A2\"/>"
                        "<mergeCell ref=\"B1:D1\"/></mergeCells></worksheet>";
    const char *path = book("merged.xlsx", "xl/workbook.xml", WORKBOOK,
                            "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/s1.xml", sheet,
                            "xl/worksheets/notes.xml", NOTES, NULL);
    csv c;
    diag d = {0};
    CHECK_INT(xlsx_read_file(&c, path, "Bảng 1", &d), 0);
    CHECK_INT(c.n, 3);
    if (c.n != 3)
        return;
    CHECK_INT(c.decimal, ',');   /* a number typed as text, "4,81" */
    CHECK_INT(c.rows[0].n, 4);
    CHECK_STR(csv_field(&c.rows[0], 3), "Số hóa");
    CHECK_STR(csv_field(&c.rows[1], 0), "Nhóm");
    CHECK_STR(csv_field(&c.rows[1], 1), "Chỉ số 1");
    csv_free(&c);
}

static void test_broken(void)
{
    csv c;
    diag d = {0};
    const char *path = book("plain.xlsx", "readme.txt", "not a workbook", NULL);
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), -1);
    CHECK_STR(d.key, "xlsx-format");
    CHECK(strstr(d.msg, "no part xl/workbook.xml") != NULL);

    path = book("badxml.xlsx", "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels", RELS,
                "xl/worksheets/notes.xml", "<worksheet><sheetData>\n<row></sheetData>", NULL);
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), -1);
    CHECK_STR(d.key, "xlsx-format");
    CHECK(strstr(d.msg, "xl/worksheets/notes.xml:2: mismatched tag") != NULL);

    /* A sheet that inflates past the limit (a zip bomb) stops early. */
    size_t n = (64u << 20) + 100;
    char *big = xmalloc(n + 1);
    memset(big, ' ', n);
    memcpy(big, "<worksheet>", 11);
    big[n] = 0;
    path = book("bomb.xlsx", "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels", RELS,
                "xl/worksheets/notes.xml", big, NULL);
    free(big);
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), -1);
    CHECK_STR(d.key, "xlsx-too-large");

    path = book("badref.xlsx", "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels", RELS,
                "xl/worksheets/notes.xml",
                "<worksheet><sheetData><row r=\"3\"><c r=\"B3\"><v>1</v></c><c r=\"A3\"><v>2</v>"
                "</c></row></sheetData></worksheet>", NULL);
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), -1);
    CHECK_STR(d.key, "xlsx-format");
    CHECK(strstr(d.msg, "badref.xlsx:Ghi chú: cell reference \"A3\" in row 3 is out of order") != NULL);
}

/* The sheet's nesting: a row inside a row (well-formed XML) used to write
 * past the row's cells; a cell outside a row and a value outside a cell are
 * refused too, each with the place. */
static void test_nesting(void)
{
    static const struct {
        const char *name, *sheet, *msg;
    } cases[] = {
        {"rowinrow", NULL, "rowinrow.xlsx:Ghi chú: a row inside row 1"},
        {"celloutside", "<c r=\"A1\"><v>1</v></c>", "celloutside.xlsx:Ghi chú: a cell outside a row"},
        {"cellincell", "<row r=\"1\"><c r=\"B1\"><c r=\"C1\"><v>1</v></c></c></row>",
         "cellincell.xlsx:Ghi chú!B1: a cell inside a cell"},
        {"control", "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>X\xc2\x85</t></is></c></row>",
         "control.xlsx:Ghi chú!B3: a control character (U+0085)"},
        {"valueoutside", "<row r=\"4\"><v>1</v></row>", "valueoutside.xlsx:Ghi chú: a value outside a cell, in row 4"},
    };
    /* 33 cells, then a row of 40 inside: the 40 went on after the 33. */
    sbuf rows = {0};
    sbuf_puts(&rows, "<row r=\"1\">");
    for (int k = 0; k < 73; k++)
        sbuf_printf(&rows, "%s<c><v>%d</v></c>", k == 33 ? "<row r=\"2\">" : "", k);
    sbuf_puts(&rows, "</row></row>");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char name[64], sheet[4096];
        snprintf(name, sizeof name, "%s.xlsx", cases[i].name);
        snprintf(sheet, sizeof sheet, "<worksheet><sheetData>%s</sheetData></worksheet>",
                 cases[i].sheet ? cases[i].sheet : sbuf_str(&rows));
        const char *path = book(name, "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels",
                                RELS, "xl/worksheets/notes.xml", sheet, NULL);
        csv c;
        diag d = {0};
        CHECK_INT(xlsx_read_file(&c, path, NULL, &d), -1);
        CHECK_STR(d.key, strstr(cases[i].msg, "control") ? "input-control" : "xlsx-format");
        if (!strstr(d.msg, cases[i].msg))
            fprintf(stderr, "got: %s\n", d.msg);
        CHECK(strstr(d.msg, cases[i].msg) != NULL);
        unlink(path);
    }
    sbuf_free(&rows);
}

/* A sparse row holds only the cells that exist; merges fill rows that exist,
 * a later range over an earlier one. */
static void test_sparse(void)
{
    const char *sheet = "<worksheet><sheetData>"
                        "<row r=\"1\"><c r=\"A1\"><v>7</v></c><c r=\"FAN1\"><v>9</v></c></row>"
                        "<row r=\"3\"><c r=\"B3\"><v>5</v></c></row>"
                        "</sheetData><mergeCells><mergeCell ref=\"A1:C1048576\"/>"
                        "<mergeCell ref=\"FAN1:FAN3\"/></mergeCells></worksheet>";
    const char *path = book("sparse.xlsx", "xl/workbook.xml", WORKBOOK,
                            "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/notes.xml", sheet,
                            NULL);
    csv c;
    diag d = {0};
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), 0);
    CHECK_INT(c.n, 2);
    if (c.n != 2)
        return;
    CHECK_INT(c.rows[0].n, 4096);
    CHECK_INT(c.rows[0].count, 4);   /* A1:C1 from the merge, and FAN1 */
    CHECK_STR(csv_field(&c.rows[0], 2), "7");
    CHECK_STR(csv_field(&c.rows[0], 3), "");
    CHECK_STR(csv_field(&c.rows[0], 4095), "9");
    CHECK_INT(c.rows[1].count, 4);   /* B3 overwritten by the merge */
    CHECK_STR(csv_field(&c.rows[1], 1), "7");
    CHECK_STR(csv_field(&c.rows[1], 4095), "9");
    csv_free(&c);
    unlink(path);
}

/* A sheet name longer than Excel allows would not fit the places of
 * messages (csv_where). */
static void test_sheet_name(void)
{
    const char *wb = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"Bảng điểm các đơn vị tháng 7 năm 2023\" "
                     "sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>";
    const char *path = book("longname.xlsx", "xl/workbook.xml", wb, "xl/_rels/workbook.xml.rels",
                            RELS, "xl/worksheets/notes.xml", NOTES, NULL);
    csv c;
    diag d = {0};
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), -1);
    CHECK_STR(d.key, "xlsx-format");
    CHECK(strstr(d.msg, "longname.xlsx: a sheet name is longer than 31 characters") != NULL);
    unlink(path);
}

/* Corrupt deflate data is reported with libzip's cause, not a stale errno
 * ("No such file"). */
static void test_corrupt(void)
{
    static char sheet[8192];
    size_t len = 0;
    len += (size_t)snprintf(sheet, sizeof sheet, "<worksheet><sheetData>");
    for (int i = 1; i <= 100; i++)
        len += (size_t)snprintf(sheet + len, sizeof sheet - len,
                                "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c></row>", i, i, i * 7919);
    snprintf(sheet + len, sizeof sheet - len, "</sheetData></worksheet>");
    const char *path = book("corrupt.xlsx", "xl/workbook.xml", WORKBOOK,
                            "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/notes.xml", sheet,
                            NULL);
    /* Overwrite the middle of the sheet's compressed data. */
    FILE *f = fopen(path, "r+b");
    static char zip[65536];
    size_t n = f ? fread(zip, 1, sizeof zip, f) : 0;
    const char *name = "xl/worksheets/notes.xml";
    char *at = memmem(zip, n, name, strlen(name));
    CHECK(at != NULL && at - zip >= 30);
    if (!f || !at)
        return;
    unsigned extra = (unsigned char)at[-2] | (unsigned)(unsigned char)at[-1] << 8;
    long data = (long)(at - zip) + (long)strlen(name) + extra;
    fseek(f, data + 40, SEEK_SET);
    fwrite("\xff\xff\xff\xff\xff\xff\xff\xff", 1, 8, f);
    fclose(f);
    csv c;
    diag d = {0};
    CHECK_INT(xlsx_read_file(&c, path, NULL, &d), -1);
    CHECK_STR(d.key, "xlsx-format");
    fprintf(stderr, "corrupt: %s\n", d.msg);
    CHECK(strstr(d.msg, "xl/worksheets/notes.xml: cannot decompress: ") != NULL);
    CHECK(strstr(d.msg, "No such file") == NULL);
    CHECK(strstr(d.msg, "rror") != NULL);   /* "Zlib error", "CRC error" */
    unlink(path);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_xlsx.XXXXXX");
    if (!mkdtemp(tmpdir))
        return 2;
    test_cells();
    test_merged();
    test_broken();
    test_nesting();
    test_sparse();
    test_corrupt();
    test_sheet_name();
    const char *names[] = {"cells", "merged", "plain", "badxml", "bomb", "badref"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char p[320];
        snprintf(p, sizeof p, "%s/%s.xlsx", tmpdir, names[i]);
        unlink(p);
    }
    rmdir(tmpdir);
    CHECK_DONE();
}
