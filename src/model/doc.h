/* doc.h — the document tree: what a report says, with no positions.
 *
 * The report (or template) stage builds a doc out of blocks; the layout
 * stage (layout.h) turns it into positioned lines on A4 pages per
 * NĐ 30/2020/NĐ-CP. All strings are UTF-8 NFC and owned by the doc.
 *
 * Invariants: the builders fill meta before the first block, and nothing
 * after them reads anything but the doc; in a table, every row's cells
 * cover exactly ncols grid slots (colspans, minus slots taken by rowspans
 * from above), and header_rows <= nrows; a run's text is never empty. */
#ifndef BAOCAO_DOC_H
#define BAOCAO_DOC_H

#include <stddef.h>
#include "issuer.h"

/* Run style bits; BOLD|ITALIC is bold italic. */
enum { STYLE_PLAIN = 0, STYLE_BOLD = 1, STYLE_ITALIC = 2 };

typedef struct doc_run {
    char *text;
    unsigned style;
} doc_run;

/* A sequence of styled runs: the content of a paragraph or a cell. */
typedef struct doc_inlines {
    doc_run *runs;
    size_t n, cap;
} doc_inlines;

typedef enum doc_align { ALIGN_JUSTIFY = 0, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } doc_align;

typedef enum doc_block_kind {
    BLOCK_HEADER,     /* agency / Quốc hiệu / Số / place and date (boxes 1–4, 5b) */
    BLOCK_TITLE,      /* tên loại + trích yếu, centred, rule under (box 5a) */
    BLOCK_ADDRESSEE,  /* "Kính gửi:" with one or several recipients (box 9a) */
    BLOCK_PARAGRAPH,  /* body text; see doc_para for alignment and indent */
    BLOCK_HEADING,    /* "1. Kết quả …" (level 1 bold), "1.1. …" (level 2 bold italic) */
    BLOCK_LIST_ITEM,  /* "- …" (level 1) or "+ …" (level 2), body style */
    BLOCK_CLOSING,    /* Nơi nhận (left) beside the signature block (right) */
    BLOCK_TABLE,
    BLOCK_SECTION     /* new page; may switch orientation and restart page numbers */
} doc_block_kind;

typedef struct doc_header {
    char *parent;          /* parent agency, regular upper case; NULL if none */
    char **agency;         /* issuing agency lines, bold upper case */
    size_t nagency;
    char *number;          /* whole line: "Số: 1004/BC-UBND" */
    char *place_date;      /* whole line: "Mường Lay, ngày 10 tháng 12 năm 2024" */
    char **vv;             /* công văn trích yếu lines under Số ("V/v …"); NULL if none */
    size_t nvv;
} doc_header;

typedef struct doc_title {
    char *type;            /* "BÁO CÁO" */
    char *subject;         /* trích yếu; wrapped and centred by layout */
} doc_title;

typedef struct doc_addressee {
    char **to;             /* one entry: same line as "Kính gửi:"; several: "- …;" lines */
    size_t nto;
} doc_addressee;

typedef struct doc_para {
    doc_inlines text;
    doc_align align;
    int indent;            /* 1: first-line indent (body default); 0: none */
    double size;           /* font size in pt; 0 = body size */
    double space_before;   /* extra pt above; the body's paragraph spacing always applies */
    int keep_with_next;    /* do not end a page after this block */
} doc_para;

typedef struct doc_heading {
    doc_inlines text;      /* including its number: "1.1. Các cơ quan …" */
    int level;             /* 1 or 2 */
} doc_heading;

typedef struct doc_item {
    doc_inlines text;      /* without the bullet */
    int level;             /* 1: "- ", 2: "+ " */
} doc_item;

typedef struct doc_closing {
    char **recipients;     /* "Nơi nhận" entries, already punctuated ("- Như trên;") */
    size_t nrecipients;
    char **authority;      /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH" */
    size_t nauthority;
    char *signer;          /* "Hoàng Văn Quyền" */
} doc_closing;

typedef enum doc_row_kind { ROW_HEADER, ROW_BODY, ROW_SECTION } doc_row_kind;

typedef struct doc_cell {
    doc_inlines text;
    int colspan, rowspan;  /* >= 1 */
    doc_align align;
} doc_cell;

typedef struct doc_row {
    doc_cell *cells;       /* cells laid out left to right, skipping grid slots
                              already covered by a rowspan from above (as in HTML) */
    size_t n, cap;
    doc_row_kind kind;     /* a ROW_SECTION row has one cell spanning the rest */
} doc_row;

typedef struct doc_table {
    size_t ncols;
    double *widths;        /* relative column widths, scaled to the text width */
    doc_row *rows;
    size_t nrows, cap;
    size_t header_rows;    /* the first rows, repeated at the top of every page */
    double size;           /* font size in pt (e.g. 11) */
} doc_table;

typedef struct doc_section {
    int landscape;
    int restart_numbering; /* page numbers start again at 1 (each phụ lục) */
} doc_section;

typedef struct doc_block {
    doc_block_kind kind;
    union {
        doc_header header;
        doc_title title;
        doc_addressee addressee;
        doc_para para;
        doc_heading heading;
        doc_item item;
        doc_closing closing;
        doc_table table;
        doc_section section;
    } u;
} doc_block;

/* What the document is, for everything past the builders: the header and
 * closing blocks are made from it, and the renderers take the PDF/A Info,
 * the XMP and the archive sidecar from it; nothing after the builder looks
 * at the input. number and date are as given; whether they print is decided
 * by doc_meta_issue() alone. */
typedef struct doc_meta {
    char *type;            /* tên loại "BÁO CÁO"; "" for a công văn (trích yếu under Số) */
    char *type_code;       /* "BC"; "" for a công văn; NULL if not given */
    char *subject;         /* trích yếu */
    char *number;          /* "405"; "" when none is given yet */
    char *notation;        /* "BC-UBND" */
    date date;             /* issue date as given: the PDF's CreationDate */
    int blank;             /* số and day/month left for the e-office system to stamp */
    issuer issuer;         /* agency lines, names, place, signer (owned copy) */
    char **addressees;     /* Kính gửi, as given (may be empty) */
    size_t naddressees;
    char **recipients;     /* Nơi nhận, as given */
    size_t nrecipients;
    /* Set by the builders from the shared template texts (van-ban.tpl), for
     * the renderers, which hold no wording: */
    char *title;           /* the PDF Info /Title: "BÁO CÁO …", "Công văn V/v …" */
    char *type_name;       /* tên loại in the archive record: "BÁO CÁO", "Công văn" */
    char *language;        /* the archive record's language: "Tiếng Việt" */
    char **filed_to;       /* the addressees and recipients the archive record names
                              ("Lưu: VT", "Như trên" left out) */
    size_t nfiled_to;
} doc_meta;

/* The số and date the document prints and files: number "" and day 0 (the
 * month kept) when they are left blank — asked for, or no số given: a blank
 * số never sits beside a filled day. The one place that decides blanks. */
typedef struct doc_issue {
    const char *number;
    date date;
} doc_issue;
doc_issue doc_meta_issue(const doc_meta *m);

/* Copies of the issuer and of the two lists into m (the rest is the caller's). */
void doc_meta_set_people(doc_meta *m, const issuer *is, char *const *addressees, size_t naddressees,
                         char *const *recipients, size_t nrecipients);

void doc_meta_free(doc_meta *m);

/* Số ký hiệu as metadata: "405/BC-UBND", "/BC-UBND" when blank. malloc'd. */
char *doc_meta_code(const doc_meta *m);

typedef struct doc {
    doc_meta meta;
    doc_block *blocks;
    size_t n, cap;
} doc;

/* Building. Every function copies the strings it is given. */
void doc_inlines_add(doc_inlines *in, const char *text, unsigned style);
doc_block *doc_add(doc *d, doc_block_kind kind);   /* zeroed block, appended */
doc_para *doc_add_para(doc *d, doc_align align, int indent);
doc_inlines *doc_add_heading(doc *d, int level);
doc_inlines *doc_add_item(doc *d, int level);
doc_table *doc_add_table(doc *d, size_t ncols, const double *widths, double size);
doc_row *doc_table_row(doc_table *t, doc_row_kind kind);
doc_cell *doc_row_cell(doc_row *r, const char *text, unsigned style, int colspan, int rowspan,
                       doc_align align);
void doc_add_section(doc *d, int landscape, int restart_numbering);
char **doc_strv(const char *const *v, size_t n);   /* deep copy of a string vector */

/* Plain text of an inline sequence (runs concatenated), malloc'd. */
char *doc_inlines_text(const doc_inlines *in);

void doc_free(doc *d);

#endif
