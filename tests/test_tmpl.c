/* test_tmpl.c — the template engine: formatters, sections, partials,
 * markup to doc blocks, verbatim data and located errors. Templates are
 * written to a fresh temporary directory with two search directories,
 * report/ (searched first) and templates/. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */
#include "check.h"
#include "sbuf.h"
#include "tmpl.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[] = "/tmp/test_tmpl.XXXXXX";
static char report_dir[64], templates_dir[64];
static const char *search[] = {report_dir, templates_dir, NULL};

/* Writes dir/name.tpl (name may have one subdirectory). */
static void put(const char *dir, const char *name, const char *text)
{
    sbuf p = {0};
    sbuf_printf(&p, "%s/%s.tpl", dir, name);
    char *slash = strrchr(p.s, '/');
    *slash = 0;
    mkdir(p.s, 0700);
    *slash = '/';
    FILE *f = fopen(p.s, "wb");
    fputs(text, f);
    fclose(f);
    sbuf_free(&p);
}

/* One line per block: "P: …" (justified, indented), "P center: …", "H1: …",
 * "I2: …"; bold runs in <b>, italic in <i>, bold italic in <bi>. */
static void dump_inlines(sbuf *b, const doc_inlines *in)
{
    static const char *const TAG[] = {"", "b", "i", "bi"};
    for (size_t i = 0; i < in->n; i++)
        if (in->runs[i].style)
            sbuf_printf(b, "<%s>%s</%s>", TAG[in->runs[i].style], in->runs[i].text, TAG[in->runs[i].style]);
        else
            sbuf_puts(b, in->runs[i].text);
}

static void dump(sbuf *b, const doc *d)
{
    static const char *const ALIGN[] = {"", " left", " center", " right"};
    for (size_t i = 0; i < d->n; i++) {
        const doc_block *k = &d->blocks[i];
        if (i)
            sbuf_putc(b, '\n');
        if (k->kind == BLOCK_PARAGRAPH) {
            sbuf_printf(b, "P%s%s: ", ALIGN[k->u.para.align],
                        k->u.para.indent || k->u.para.align != ALIGN_JUSTIFY ? "" : " noindent");
            dump_inlines(b, &k->u.para.text);
        } else if (k->kind == BLOCK_HEADING) {
            sbuf_printf(b, "H%d: ", k->u.heading.level);
            dump_inlines(b, &k->u.heading.text);
        } else if (k->kind == BLOCK_LIST_ITEM) {
            sbuf_printf(b, "I%d: ", k->u.item.level);
            dump_inlines(b, &k->u.item.text);
        } else {
            sbuf_puts(b, "?");
        }
    }
}

/* Removes every "<root>/" so that messages compare without the temp dir. */
static void strip_root(char *s)
{
    size_t n = strlen(root);
    char *p;
    while ((p = strstr(s, root)) != NULL && p[n] == '/')
        memmove(p, p + n + 1, strlen(p + n + 1) + 1);
}

/* Renders templates/<name>.tpl; the dump, or "ERROR: <message>". */
static char result[4096];
static const char *render(const char *name, const value *data)
{
    doc d = {0};
    diag dg = {0};
    sbuf b = {0};
    if (tmpl_render(name, search, data, &d, &dg) < 0)
        sbuf_printf(&b, "ERROR: %s", dg.msg);
    else
        dump(&b, &d);
    snprintf(result, sizeof result, "%s", sbuf_str(&b));
    strip_root(result);
    sbuf_free(&b);
    doc_free(&d);
    return result;
}

/* Writes text as templates/t.tpl and renders it. */
static const char *run(const char *text, const value *data)
{
    put(templates_dir, "t", text);
    return render("t", data);
}

/* Renders text into a doc already holding one block; the block count after. */
static size_t blocks_after_one(const char *text, const value *data, diag *dg)
{
    doc d = {0};
    doc_add_para(&d, ALIGN_CENTER, 0);
    put(templates_dir, "t", text);
    tmpl_render("t", search, data, &d, dg);
    size_t n = d.n;
    doc_free(&d);
    return n;
}

static value *num(const char *s)
{
    dec v = 0;
    dec_parse(s, strlen(s), '.', &v);
    return value_number(v);
}

static value *strings(const char *const *s, size_t n)
{
    value *l = value_list();
    for (size_t i = 0; i < n; i++)
        value_list_push(l, value_string(s[i]));
    return l;
}

/* {{x | <pipes>}} with x set to v (taken over). */
static const char *fmt(const char *pipes, value *v)
{
    value *data = value_map();
    value_map_set(data, "x", v);
    char text[256];
    snprintf(text, sizeof text, "{{x%s%s}}", *pipes ? " | " : "", pipes);
    run(text, data);
    value_free(data);
    /* A one-paragraph result without the "P: " tag reads better in the checks. */
    return strncmp(result, "P: ", 3) == 0 ? result + 3 : result;
}

/* {{x | pipes}} with x the number `in`, or the text `in`: what it prints. */
typedef struct format_case {
    const char *pipes, *in, *want;
} format_case;

static const format_case NUMBER_FORMATS[] = {
    {"", "84.69", "84,69"},   /* a bare number prints as num */
    {"num", "3863", "3.863"},
    {"num", "99.64", "99,64"},
    {"num", "8.70", "8,7"},
    {"num", "100", "100"},
    {"num", "0", "0"},
    {"num", "-0.5", "-0,5"},
    {"num", "8.625", "8,63"},
    {"num", "8.624", "8,62"},
    {"num", "-8.625", "-8,63"},
    {"num", "-0.004", "0"},
    {"num", "1234567.891", "1.234.567,89"},
    {"fixed2", "83.4", "83,40"},
    {"fixed2", "100", "100,00"},
    {"fixed2", "0", "0,00"},
    {"fixed2", "9.995", "10,00"},
    {"fixed2", "-1.005", "-1,01"},
    {"pad2", "3", "03"},
    {"pad2", "1", "01"},
    {"pad2", "0", "00"},
    {"pad2", "23", "23"},
    {"pad2", "123", "123"},
    {"pad2", "2.5", "ERROR: templates/t.tpl:1:7: formatter \"pad2\": expects a whole number, got 2,5"},
    {"pct", "70.63", "70,63%"},
    {"pct", "100", "100%"},
    {"pct", "0", "0%"},
    {"pct", "29.165", "29,17%"},
    {"pct", "-5.25", "-5,25%"},
    {"signed_pct", "5.45", "+5,45%"},
    {"signed_pct", "-3.09", "-3,09%"},
    {"signed_pct", "0", "0%"},
    {"signed_pct", "0.004", "0%"},
    {"signed_pct", "-0.004", "0%"},
    {"signed_pct", "0.005", "+0,01%"},
    {"signed_pct", "100", "+100%"},
    {"change \"điểm\" \"giữ nguyên\" \"tăng\" \"giảm\"", "3.8", "tăng 3,8 điểm"},
    {"change \"điểm\" \"giữ nguyên\" \"tăng\" \"giảm\"", "-0.3", "giảm 0,3 điểm"},
    {"change \"điểm\" \"giữ nguyên\" \"tăng\" \"giảm\"", "0", "giữ nguyên"},
    {"change \"điểm\" \"giữ nguyên\" \"tăng\" \"giảm\"", "0.001", "giữ nguyên"},
    {"change \"điểm\" \"giữ nguyên\" \"tăng\" \"giảm\"", "-0.005", "giảm 0,01 điểm"},
    {"change \"điểm\" \"giữ nguyên\" \"tăng\" \"giảm\"", "4.06", "tăng 4,06 điểm"},
    {"change \"bậc\" \"giữ nguyên thứ hạng\" \"tăng\" \"giảm\"", "14", "tăng 14 bậc"},
    {"change \"\" \"\" \"up\" \"down\"", "-2", "down 2"},
    {"change \"bậc\" \"giữ nguyên thứ hạng\" \"tăng\" \"giảm\"", "0", "giữ nguyên thứ hạng"},
    /* The words are the template's: a formatter has none of its own. */
    {"change \"điểm\"", "1", "ERROR: templates/t.tpl:1:7: formatter \"change\" needs 4 quoted arguments (its words)"},
    {"join", "1", "ERROR: templates/t.tpl:1:7: formatter \"join\" needs 1 quoted argument (its words)"},
    {"change \"a\" \"b\" \"c\" \"d\" \"e\"", "0", "ERROR: templates/t.tpl:1:30: formatter \"change\" takes at most 4 arguments"},
    {"num \"x\"", "0", "ERROR: templates/t.tpl:1:11: formatter \"num\" takes at most 0 arguments"},
    {"change \"bậc", "0", "ERROR: templates/t.tpl:1:14: a quoted argument is not closed"},
    /* Kinds are checked along chains too: each formatter takes the text of the one before. */
    {"mm_yyyy", "2024", "ERROR: templates/t.tpl:1:7: formatter \"mm_yyyy\": expects text, got a number"},
    {"pad2 | upper", "7", "07"},
    {"num | num", "7", "ERROR: templates/t.tpl:1:13: formatter \"num\": expects a number, got text"},
    {"upper", "7", "ERROR: templates/t.tpl:1:7: formatter \"upper\": expects text, got a number"},
    {"nmu", "7", "ERROR: templates/t.tpl:1:7: unknown formatter \"nmu\""},
    {"num upper", "7", "ERROR: templates/t.tpl:1:11: unexpected \"upper\" in a tag; formatters follow \"|\""},
};

static const format_case TEXT_FORMATS[] = {
    {"mm_yyyy", "2023-02-29", "ERROR: templates/t.tpl:1:7: formatter \"mm_yyyy\": \"2023-02-29\" is not a date "
                           "(YYYY-MM or YYYY-MM-DD)"},
    {"mm_yyyy", "2024-13-01", "ERROR: templates/t.tpl:1:7: formatter \"mm_yyyy\": \"2024-13-01\" is not a date "
                           "(YYYY-MM or YYYY-MM-DD)"},
    {"mm_yyyy", "2024-1-5", "ERROR: templates/t.tpl:1:7: formatter \"mm_yyyy\": \"2024-1-5\" is not a date "
                           "(YYYY-MM or YYYY-MM-DD)"},
    {"mm_yyyy", "2024-01-05x", "ERROR: templates/t.tpl:1:7: formatter \"mm_yyyy\": \"2024-01-05x\" is not a date "
                           "(YYYY-MM or YYYY-MM-DD)"},
    {"mm_yyyy", "", "ERROR: templates/t.tpl:1:7: formatter \"mm_yyyy\": \"\" is not a date "
                           "(YYYY-MM or YYYY-MM-DD)"},
    {"mm_yyyy", "2024-00", "ERROR: templates/t.tpl:1:7: formatter \"mm_yyyy\": \"2024-00\" is not a date "
                           "(YYYY-MM or YYYY-MM-DD)"},
    {"mm_yyyy", "2024-02-29", "02/2024"},
    {"mm_yyyy", "2024-02", "02/2024"},
    {"mm_yyyy", "2023-11-30", "11/2023"},
    {"upper", "Ủy ban nhân dân", "ỦY BAN NHÂN DÂN"},
    {"upper", "thị xã Mường Lay, đường", "THỊ XÃ MƯỜNG LAY, ĐƯỜNG"},
    {"lower_first", "Xuất sắc", "xuất sắc"},
    {"lower_first", "Ủy ban", "ủy ban"},
    {"lower_first", "Đạt", "đạt"},
    {"lower_first | upper", "Khá", "KHÁ"},
    {"upper_first", "tăng 4,06 điểm", "Tăng 4,06 điểm"},
    {"upper_first", "đạt", "Đạt"},
};

static void test_formats(void)
{
    for (size_t i = 0; i < sizeof NUMBER_FORMATS / sizeof *NUMBER_FORMATS; i++)
        CHECK_STR(fmt(NUMBER_FORMATS[i].pipes, num(NUMBER_FORMATS[i].in)), NUMBER_FORMATS[i].want);
    for (size_t i = 0; i < sizeof TEXT_FORMATS / sizeof *TEXT_FORMATS; i++)
        CHECK_STR(fmt(TEXT_FORMATS[i].pipes, value_string(TEXT_FORMATS[i].in)), TEXT_FORMATS[i].want);
}

static void test_lists(void)
{
    const char *abc[] = {"UBND xã A", "UBND xã B", "UBND xã C"};
    CHECK_STR(fmt("join \"và\"", strings(abc, 1)), "UBND xã A");
    CHECK_STR(fmt("join \"và\"", strings(abc, 2)), "UBND xã A và UBND xã B");
    CHECK_STR(fmt("join \"và\"", strings(abc, 3)), "UBND xã A, UBND xã B và UBND xã C");
    CHECK_STR(fmt("join \"hoặc\"", strings(abc, 3)), "UBND xã A, UBND xã B hoặc UBND xã C");
    CHECK_STR(fmt("join_comma", strings(abc, 3)), "UBND xã A, UBND xã B, UBND xã C");
    CHECK_STR(fmt("join \"và\"", strings(abc, 0)), "");
    value *mixed = strings(abc, 1);
    value_list_push(mixed, num("2.5"));
    CHECK_STR(fmt("join \"và\"", mixed), "UBND xã A và 2,5");
    mixed = strings(abc, 1);
    value_list_push(mixed, value_map());
    CHECK_STR(fmt("join_comma", mixed),
              "ERROR: templates/t.tpl:1:7: formatter \"join_comma\": item 2 is a map, not text or a number");

    CHECK_STR(fmt("join \"và\" | upper", strings(abc, 2)), "UBND XÃ A VÀ UBND XÃ B");
}

static value *units_data(void)
{
    value *data = value_map();
    value_map_set(data, "district", value_string("thị xã Mường Lay"));
    value_map_set(data, "ok", value_bool(1));
    value_map_set(data, "no", value_bool(0));
    value_map_set(data, "zero", num("0"));
    value_map_set(data, "empty", value_string(""));
    value_map_set(data, "nothing", value_null());
    value_map_set(data, "none", value_list());
    value *units = value_map_set(data, "units", value_list());
    const char *names[] = {"Na Lay", "Lay Nưa", "Sông Đà"};
    const char *scores[] = {"97.34", "97.23", "100"};
    for (int i = 0; i < 3; i++) {
        value *u = value_list_push(units, value_map());
        value_map_set(u, "name", value_string(names[i]));
        value_map_set(u, "score", num(scores[i]));
        value *ind = value_map_set(u, "low", value_list());
        for (int k = 0; k < i; k++)
            value_list_push(ind, num(k ? "1.01" : "0.18"));
    }
    value *unit = value_map_set(data, "unit", value_map());
    value_map_set(unit, "name", value_string("Bộ phận Tiếp nhận và Trả kết quả thị xã"));
    return data;
}

static void test_sections(void)
{
    value *data = units_data();
    CHECK_STR(run("{{#units}}{{@number}}. {{name}}{{^@last}}; {{/@last}}{{/units}}", data),
              "P: 1. Na Lay; 2. Lay Nưa; 3. Sông Đà");
    CHECK_STR(run("{{#units}}{{@index}}/{{@count}}{{#@first}}!{{/@first}} {{/units}}", data),
              "P: 0/3! 1/3 2/3");
    /* Outer context from inside a loop; nested loops with their own metadata. */
    CHECK_STR(run("{{#units}}{{name}} ({{district}}) {{/units}}", data),
              "P: Na Lay (thị xã Mường Lay) Lay Nưa (thị xã Mường Lay) Sông Đà (thị xã Mường Lay)");
    CHECK_STR(run("{{#units}}{{name}}:{{#low}} {{@number}}={{.}}{{/low}}{{^low}} -{{/low}}; {{/units}}", data),
              "P: Na Lay: -; Lay Nưa: 1=0,18; Sông Đà: 1=0,18 2=1,01;");
    CHECK_STR(run("{{#unit}}{{name}}, {{district}}{{/unit}}", data),
              "P: Bộ phận Tiếp nhận và Trả kết quả thị xã, thị xã Mường Lay");
    CHECK_STR(run("{{units.1.name}} {{units.2.score | fixed2}}", data), "P: Lay Nưa 100,00");
    CHECK_STR(run("{{#district}}[{{.}}]{{/district}}", data), "P: [thị xã Mường Lay]");
    /* Truth: false, 0, "", null and [] are false; a map is true. */
    CHECK_STR(run("{{#ok}}a{{/ok}}{{#no}}b{{/no}}{{#zero}}c{{/zero}}{{#empty}}d{{/empty}}"
                  "{{#nothing}}e{{/nothing}}{{#none}}f{{/none}}{{#unit}}g{{/unit}}", data), "P: ag");
    CHECK_STR(run("{{^ok}}a{{/ok}}{{^no}}b{{/no}}{{^zero}}c{{/zero}}{{^empty}}d{{/empty}}"
                  "{{^nothing}}e{{/nothing}}{{^none}}f{{/none}}{{^unit}}g{{/unit}}", data), "P: bcdef");
    /* Nothing rendered, nothing added. */
    CHECK_STR(run("{{#none}}- {{.}}{{/none}}", data), "");

    /* Standalone tag lines vanish, so they neither add text nor split paragraphs. */
    CHECK_STR(run("Đối với UBND các xã, phường:\n"
                  "{{#units}}\n"
                  "  {{! one item per unit }}\n"
                  "- UBND {{name}} đạt {{score}} điểm.\n"
                  "{{/units}}\n"
                  "\n"
                  "{{#ok}}\n"
                  "Dòng một\n"
                  "{{/ok}}\n"
                  "{{! a comment\n"
                  "    over two lines }}\n"
                  "dòng hai.\n", data),
              "P: Đối với UBND các xã, phường:\n"
              "I1: UBND Na Lay đạt 97,34 điểm.\n"
              "I1: UBND Lay Nưa đạt 97,23 điểm.\n"
              "I1: UBND Sông Đà đạt 100 điểm.\n"
              "P: Dòng một dòng hai.");
    CHECK_STR(run("a{{! inline comment }}b {{#ok}} c {{/ok}}", data), "P: ab c");
    value_free(data);
}

/* Seed 003 §1.1, from data shaped as the report stage will shape it. */
static void test_seed_wording(void)
{
    value *data = value_map();
    value_map_set(data, "scored", num("5"));
    value_map_set(data, "total", num("10"));
    value *classes = value_map_set(data, "classes", value_list());
    const char *xs[] = {"Các phòng: Lao động - Thương binh và Xã hội", "Kinh tế và Hạ tầng"};
    const char *tot[] = {"Phòng Tư pháp"};
    const char *tb[] = {"Phòng Nội vụ", "Trung tâm Quản lý Đất đai huyện"};
    const struct { const char *label; const char *const *names; size_t n; } C[] = {
        {"Xuất sắc", xs, 2}, {"Tốt", tot, 1}, {"Trung bình", tb, 2}};
    for (size_t i = 0; i < 3; i++) {
        value *c = value_list_push(classes, value_map());
        value_map_set(c, "label", value_string(C[i].label));
        value_map_set(c, "count", num(C[i].n == 1 ? "1" : "2"));
        value_map_set(c, "names", strings(C[i].names, C[i].n));
    }
    CHECK_STR(run("## 1.1. Các cơ quan chuyên môn thuộc UBND huyện\n"
                  "Thực hiện chấm điểm đánh giá {{scored}}/{{total}} cơ quan, đơn vị, trong đó:\n"
                  "{{#classes}}\n"
                  "- {{count | pad2}} đơn vị xếp loại {{label}}: {{names | join_comma}}.\n"
                  "{{/classes}}\n"
                  "\n"
                  "::center *(Chi tiết tại Phụ lục kèm theo)*\n", data),
              "H2: 1.1. Các cơ quan chuyên môn thuộc UBND huyện\n"
              "P: Thực hiện chấm điểm đánh giá 5/10 cơ quan, đơn vị, trong đó:\n"
              "I1: 02 đơn vị xếp loại Xuất sắc: Các phòng: Lao động - Thương binh và Xã hội, Kinh tế và Hạ tầng.\n"
              "I1: 01 đơn vị xếp loại Tốt: Phòng Tư pháp.\n"
              "I1: 02 đơn vị xếp loại Trung bình: Phòng Nội vụ, Trung tâm Quản lý Đất đai huyện.\n"
              "P center: <i>(Chi tiết tại Phụ lục kèm theo)</i>");
    value_free(data);
}

static void test_partials(void)
{
    value *data = units_data();
    put(templates_dir, "intro", "Mặc định cho {{district}}.");
    put(templates_dir, "sentences/unit", "UBND {{name}}");
    CHECK_STR(run("{{> intro}}\n\n{{#units}}\n- {{> sentences/unit}}\n{{/units}}", data),
              "P: Mặc định cho thị xã Mường Lay.\nI1: UBND Na Lay\nI1: UBND Lay Nưa\nI1: UBND Sông Đà");
    /* The report's own directory comes first: it overrides any partial. */
    put(report_dir, "intro", "Riêng của báo cáo.");
    CHECK_STR(run("{{> intro}}", data), "P: Riêng của báo cáo.");
    CHECK_STR(run("x\n{{> nope}}", data),
              "ERROR: templates/t.tpl:2:1: partial \"nope\" not found: no nope.tpl in report, templates");
    CHECK_STR(render("missing", data), "ERROR: template \"missing\" not found: no missing.tpl in report, templates");
    CHECK_STR(run("{{> ../etc}}", data), "ERROR: templates/t.tpl:1:5: \"../etc\" is not a partial name (letters, "
              "digits, _ and -, with / for subdirectories)");
    put(templates_dir, "loop", "a {{> loop}}");
    CHECK_STR(run("{{> loop}}", data),
              "ERROR: templates/loop.tpl:1:3: partials nested deeper than 32 (does \"loop\" include itself?)");
    /* p0 includes p1 twice, p1 p2 twice, … 30 deep and no text: 2^30
     * expansions within the nesting limit and without output. The work
     * (nodes expanded) is bounded too. */
    for (int i = 0; i < 30; i++) {
        char name[16], text[64];
        snprintf(name, sizeof name, "p%d", i);
        snprintf(text, sizeof text, i < 29 ? "{{> p%d}}{{> p%d}}" : "", i + 1, i + 1);
        put(templates_dir, name, text);
    }
    CHECK_STR(run("{{> p0}}", data), "ERROR: templates/p26.tpl:1:10: the template expands more than "
              "4194304 tags and text runs (partials that include each other?)");
    /* Loops count too: 20 loops over 3 units around nothing, 3^20 passes. */
    sbuf loops = {0};
    for (int i = 0; i < 20; i++)
        sbuf_puts(&loops, "{{#units}}");
    for (int i = 0; i < 20; i++)
        sbuf_puts(&loops, "{{/units}}");
    const char *got = run(sbuf_str(&loops), data);
    CHECK(strstr(got, "the template expands more than 4194304") != NULL);
    sbuf_free(&loops);
    /* Errors inside a partial name the partial's file. */
    put(templates_dir, "bad", "\n  {{unit.nmae}}");
    CHECK_STR(run("{{> bad}}", data), "ERROR: templates/bad.tpl:2:3: unknown variable \"unit.nmae\"");
    put(templates_dir, "badmark", "Xã *Lay Nưa");
    CHECK_STR(run("{{#units}}{{name}} {{> badmark}}{{/units}}", data),
              "ERROR: templates/badmark.tpl:1:4: \"*\" is not closed before the end of the paragraph");
    value_free(data);
}

static void test_markup(void)
{
    value *data = value_map();
    value_map_set(data, "d", num("3.8"));
    value_map_set(data, "m", value_string("2024-01"));
    value_map_set(data, "x", num("11.8"));
    CHECK_STR(run("# 1. Kết quả đánh giá, xếp loại\n"
                  "## 1.1. Các cơ quan chuyên môn\n"
                  "Thực hiện chấm điểm\n"
                  "   đánh giá   5/10 cơ quan:\n"
                  "- 02 đơn vị xếp loại\n"
                  "  Xuất sắc.\n"
                  "+ cụ thể\n"
                  "-\n"
                  "\n\n"
                  "::center (Chi tiết tại Phụ lục kèm theo)\n"
                  "::noindent\n"
                  "Không thụt\n"
                  "\n"
                  "::left trái\n"
                  "::right phải\n"
                  "\n"
                  "#không phải tiêu đề, -5% không phải mục\n", data),
              "H1: 1. Kết quả đánh giá, xếp loại\n"
              "H2: 1.1. Các cơ quan chuyên môn\n"
              "P: Thực hiện chấm điểm đánh giá 5/10 cơ quan:\n"
              "I1: 02 đơn vị xếp loại Xuất sắc.\n"
              "I2: cụ thể\n"
              "P center: (Chi tiết tại Phụ lục kèm theo)\n"
              "P noindent: Không thụt\n"
              "P left: trái\n"
              "P right: phải\n"
              "P: #không phải tiêu đề, -5% không phải mục");
    /* Seed 001: a bold tail with values inside; the space before it stays plain. */
    CHECK_STR(run("1.1. Điểm số trục nội dung Công khai minh bạch đạt **{{x}}/18 điểm, {{d | change \"điểm\" \"giữ nguyên\" \"tăng\" \"giảm\"}} so với "
                  "tháng {{m | mm_yyyy}}.**", data),
              "P: 1.1. Điểm số trục nội dung Công khai minh bạch đạt "
              "<b>11,8/18 điểm, tăng 3,8 điểm so với tháng 01/2024.</b>");
    CHECK_STR(run("**đậm *đậm nghiêng* đậm** *nghiêng*, ***cả hai***", data),
              "P: <b>đậm </b><bi>đậm nghiêng</bi><b> đậm</b> <i>nghiêng</i>, <bi>cả hai</bi>");
    CHECK_STR(run("**dòng một\ndòng hai**", data), "P: <b>dòng một dòng hai</b>");
    CHECK_STR(run("\\*không nghiêng\\* a\\\\b c\\d\n\n\\- không phải mục\n\n\\# không phải tiêu đề", data),
              "P: *không nghiêng* a\\b c\\d\nP: - không phải mục\nP: # không phải tiêu đề");
    /* Templates are read as NFC: a decomposed é comes out composed. */
    CHECK_STR(run("Ke\xcc\x81 ", data), "P: K\xc3\xa9");

    /* Blocks are appended after what out already holds. */
    CHECK_INT(blocks_after_one("a\n\nb", data, NULL), 3);
    value_free(data);
}

static void test_verbatim_data(void)
{
    const char *evil[] = {"{{x}}", "*Xã*", "**đậm**", "# a", "- b", "+ c", "::center", "a\\b", "\\*",
                          "{{> intro}}", "{{#x}}y{{/x}}", "A\n\nB"};
    const char *want[] = {"{{x}}", "*Xã*", "**đậm**", "# a", "- b", "+ c", "::center", "a\\b", "\\*",
                          "{{> intro}}", "{{#x}}y{{/x}}", "A B"};
    for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
        value *data = value_map();
        value_map_set(data, "name", value_string(evil[i]));
        value_map_set(data, "names", strings(evil, i + 1));
        run("{{name}}\n\n**{{name}}**", data);
        char want_text[128];
        snprintf(want_text, sizeof want_text, "P: %s\nP: <b>%s</b>", want[i], want[i]);
        CHECK_STR(result, want_text);
        run("{{names | join_comma | upper}}", data);
        CHECK(strncmp(result, "P: {{X}}", 8) == 0 && !strstr(result, "<"));
        value_free(data);
    }
}

#define NOT_A_NAME " is not a variable name (names are letters, digits and _, joined by \".\"; or ., @index, " \
                   "@number, @first, @last, @count)"
#define NOT_PRINTABLE "; only text and numbers print (a list prints with | join, anything else in a section)"

/* Template (templates/t.tpl) and the error it gives, after "templates/t.tpl:". */
static const struct {
    const char *text, *error;
} ERRORS[] = {
    {"Xin chào\n  {{unit.nmae}}", "2:3: unknown variable \"unit.nmae\""},
    /* Columns count characters, not bytes. */
    {"Ủy ban {{unti}}", "1:8: unknown variable \"unti\""},
    /* Once "name" is found (in the item), the rest must follow from it. */
    {"{{#units}}{{name.first}}{{/units}}", "1:11: unknown variable \"name.first\""},
    {"{{#unitz}}x{{/unitz}}", "1:1: unknown variable \"unitz\""},
    {"{{^unitz}}x{{/unitz}}", "1:1: unknown variable \"unitz\""},
    {"{{@index}}", "1:1: \"@index\" is only defined inside a loop over a list"},
    {"{{ a-b }}", "1:4: \"a-b\"" NOT_A_NAME},
    {"{{@idx}}", "1:3: \"@idx\"" NOT_A_NAME},
    {"{{a..b}}", "1:3: \"a..b\"" NOT_A_NAME},
    {"{{}}", "1:3: \"\"" NOT_A_NAME},
    {"{{units}}", "1:1: \"units\" is a list" NOT_PRINTABLE},
    {"{{nothing}}", "1:1: \"nothing\" is null" NOT_PRINTABLE},
    {"{{ok}}", "1:1: \"ok\" is a true/false value" NOT_PRINTABLE},
    {"a\n{{#units}}\nabc", "2:1: section \"units\" is not closed by \"{{/units}}\""},
    {"{{#a}}\n  {{^b}}x{{/a}}", "2:10: \"{{/a}}\" does not close \"{{^b}}\" opened at 2:3"},
    {"x {{/a}}", "1:3: \"{{/a}}\" closes no open section"},
    {"abc {{x", "1:5: \"{{\" is not closed by \"}}\""},
    {"{{#units | num}}{{/units}}", "1:10: unexpected \"| num\" in a tag (only variables take formatters)"},
    {"{{> intro extra}}", "1:11: unexpected \"extra\" in a tag"},
    /* Markup errors point into the template, past any data rendered before them. */
    {"A **b\n\nC", "1:3: \"**\" is not closed before the end of the paragraph"},
    {"{{#units}}{{name}}, {{/units}}**x", "1:31: \"**\" is not closed before the end of the paragraph"},
    {"# a *b\nc*", "1:5: \"*\" is not closed before the end of the heading"},
    {"x\n\n  ::centre y", "3:3: unknown paragraph style \"::centre\" (known: ::center, ::left, ::right, ::noindent)"},
    {"ab\n c\xff", "2:3: invalid UTF-8"},
};

static void test_errors(void)
{
    value *data = units_data();
    for (size_t i = 0; i < sizeof ERRORS / sizeof *ERRORS; i++) {
        char want[512];
        snprintf(want, sizeof want, "ERROR: templates/t.tpl:%s", ERRORS[i].error);
        CHECK_STR(run(ERRORS[i].text, data), want);
    }

    /* Limits and encoding. */
    sbuf deep = {0};
    for (int i = 0; i <= 64; i++)
        sbuf_puts(&deep, "{{#ok}}");
    CHECK_STR(run(deep.s, data), "ERROR: templates/t.tpl:1:449: sections nested deeper than 64");
    sbuf_free(&deep);
    sbuf big = {0};
    for (int i = 0; i < 1 << 14; i++)
        sbuf_puts(&big, "Dòng văn bản dài dùng để thử giới hạn kích thước tệp mẫu, thêm chữ.\n");
    CHECK(big.len > 1 << 20);
    CHECK(strstr(run(big.s, data), "ERROR: templates/t.tpl: the template has ") == result);
    CHECK(strstr(result, "bytes; at most 1048576 (1 MiB) are allowed") != NULL);
    sbuf_free(&big);
    /* A 100 MB template (sparse) is refused by its size, before it is read. */
    char huge[96];
    snprintf(huge, sizeof huge, "%s/t.tpl", templates_dir);
    CHECK(truncate(huge, 100 << 20) == 0);
    CHECK(strstr(render("t", data), "the template has 104857600 bytes; at most 1048576") != NULL);

    /* On error, out is left as it was. */
    diag dg = {0};
    CHECK_INT(blocks_after_one("a\n\nb {{nope}}", data, &dg), 1);
    CHECK_STR(dg.key, "tmpl-unknown");
    value_free(data);
}

int main(void)
{
    if (!mkdtemp(root))
        return 1;
    snprintf(report_dir, sizeof report_dir, "%s/report", root);
    snprintf(templates_dir, sizeof templates_dir, "%s/templates", root);
    mkdir(report_dir, 0700);
    mkdir(templates_dir, 0700);
    test_formats();
    test_lists();
    test_sections();
    test_seed_wording();
    test_partials();
    test_markup();
    test_verbatim_data();
    test_errors();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
