/* test_layout.c — NĐ 30 layout, checked on positions (no PDF involved). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "check.h"
#include "layout.h"
#include "sbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static fontset fs;
static page_setup ps;
#define LEFT MM_TO_PT(30)
#define RIGHT (595.276 - MM_TO_PT(15))
#define TW (RIGHT - LEFT)
#define NEAR(a, b, tol) (fabs((a) - (b)) <= (tol))

static double item_w(const litem *it) { return fontset_width(&fs, it->face, it->size, it->text, strlen(it->text)); }
static double item_end(const litem *it) { return it->x + item_w(it); }

/* First text item whose text is s (exact), or contains s (sub); its page in *page. */
static const litem *find_in(const layout *lo, const char *s, int sub, int *page)
{
    for (size_t p = 0; p < lo->npages; p++)
        for (size_t i = 0; i < lo->pages[p].n; i++) {
            const litem *it = &lo->pages[p].items[i];
            if (it->kind == ITEM_TEXT && (sub ? strstr(it->text, s) != NULL : strcmp(it->text, s) == 0)) {
                if (page)
                    *page = (int)p;
                return it;
            }
        }
    return NULL;
}
static const litem *find(const layout *lo, const char *s, int *page) { return find_in(lo, s, 0, page); }
static const litem *find_sub(const layout *lo, const char *s, int *page) { return find_in(lo, s, 1, page); }

static int run(const doc *d, layout *lo)
{
    diag dg = {0};
    int r = layout_document(d, &fs, &ps, lo, &dg);
    if (r < 0)
        fprintf(stderr, "layout: %s\n", dg.msg);
    return r;
}

static const char *const SENTENCE =
    "Thực hiện chấm điểm đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện "
    "thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử";

/* A paragraph of about `lines` body lines, tagged so tests can find it. */
static void add_text_para(doc *d, int tag, int lines)
{
    sbuf b = {0};
    sbuf_printf(&b, "P%02d", tag);
    for (int i = 0; i < lines * 16 - 5; i++)
        sbuf_printf(&b, " %s", i % 3 == 2 ? "đánh" : i % 3 ? "giá" : "chất");
    sbuf_printf(&b, " Q%02d.", tag);
    doc_inlines_add(&doc_add_para(d, ALIGN_JUSTIFY, 1)->text, b.s, STYLE_PLAIN);
    sbuf_free(&b);
}

static void add_header(doc *d, int cong_van)
{
    doc_header *h = &doc_add(d, BLOCK_HEADER)->u.header;
    const char *agency[] = {"ỦY BAN NHÂN DÂN", "THỊ XÃ MƯỜNG LAY"};
    const char *vv[] = {"V/v kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp tháng 02 năm 2024"};
    h->national = strdup("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    h->motto = strdup("Độc lập - Tự do - Hạnh phúc");
    h->agency = doc_strv(agency, 2);
    h->nagency = 2;
    h->number = strdup("Số: 1004/BC-UBND");
    h->place_date = strdup("Mường Lay, ngày 10 tháng 12 năm 2024");
    if (cong_van) {
        h->vv = doc_strv(vv, 1);
        h->nvv = 1;
    }
}

static void add_closing(doc *d)
{
    doc_closing *c = &doc_add(d, BLOCK_CLOSING)->u.closing;
    const char *rec[] = {"- UBND tỉnh Điện Biên;", "- Lưu: VT, VP."};
    const char *auth[] = {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"};
    c->label = strdup("Nơi nhận:");
    c->recipients = doc_strv(rec, 2);
    c->nrecipients = 2;
    c->authority = doc_strv(auth, 3);
    c->nauthority = 3;
    c->signer = strdup("Hoàng Văn Quyền");
}

/* Horizontal rules on page p whose ends are (x0, x1) within 0.01 pt. */
static int count_hrules(const layout *lo, int p, double x0, double x1, double ylo, double yhi)
{
    int n = 0;
    for (size_t i = 0; i < lo->pages[p].n; i++) {
        const litem *it = &lo->pages[p].items[i];
        if (it->kind == ITEM_RULE && NEAR(it->y, it->y2, 1e-9) && NEAR(it->x, x0, 0.01) && NEAR(it->x2, x1, 0.01) &&
            it->y > ylo && it->y < yhi)
            n++;
    }
    return n;
}

static void test_header(void)
{
    doc d = {0};
    add_header(&d, 0);
    layout lo;
    CHECK(run(&d, &lo) == 0);
    const litem *qh = find(&lo, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", NULL);
    const litem *tn = find(&lo, "Độc lập - Tự do - Hạnh phúc", NULL);
    const litem *so = find(&lo, "Số: 1004/BC-UBND", NULL);
    const litem *dt = find(&lo, "Mường Lay, ngày 10 tháng 12 năm 2024", NULL);
    const litem *ag = find(&lo, "THỊ XÃ MƯỜNG LAY", NULL);
    CHECK(qh && tn && so && dt && ag);
    if (!(qh && tn && so && dt && ag))
        return;
    double lmid = LEFT + MM_TO_PT(32.5), rmid = LEFT + MM_TO_PT(115);
    CHECK(NEAR(qh->x + item_w(qh) / 2, rmid, 0.01));
    CHECK(qh->face == FACE_BOLD && qh->size == 13);
    CHECK(NEAR(tn->x + item_w(tn) / 2, rmid, 0.01));
    CHECK(NEAR(ag->x + item_w(ag) / 2, lmid, 0.01) && ag->face == FACE_BOLD);
    CHECK(qh->y == find(&lo, "ỦY BAN NHÂN DÂN", NULL)->y);  /* both columns start at one top */
    CHECK(so->y == dt->y);                                  /* one shared baseline */
    CHECK(NEAR(so->x + item_w(so) / 2, lmid, 0.01) && so->size == 13 && so->face == FACE_REGULAR);
    CHECK(NEAR(dt->x + item_w(dt) / 2, rmid, 0.01) && dt->face == FACE_ITALIC);
    CHECK(qh->y > 841.89 - MM_TO_PT(20) - 14 && qh->y < 841.89 - MM_TO_PT(20));
    /* Tiêu ngữ rule exactly as long as the text; agency rule 1/3–1/2. */
    int tn_rule = 0, ag_rule = 0;
    for (size_t i = 0; i < lo.pages[0].n; i++) {
        const litem *r = &lo.pages[0].items[i];
        if (r->kind != ITEM_RULE)
            continue;
        CHECK(r->width == 0.5 && r->y == r->y2);
        double len = r->x2 - r->x, mid = (r->x + r->x2) / 2;
        if (NEAR(mid, rmid, 0.01) && NEAR(len, item_w(tn), 0.01) && r->y < tn->y - 2.8 && r->y > tn->y - 7)
            tn_rule++;
        if (NEAR(mid, lmid, 0.01) && len >= item_w(ag) / 3 && len <= item_w(ag) / 2 && r->y < ag->y - 2.8 &&
            r->y > so->y + 9)
            ag_rule++;
    }
    CHECK_INT(tn_rule, 1);
    CHECK_INT(ag_rule, 1);
    CHECK_INT(lo.npages, 1);
    CHECK_INT(lo.pages[0].number, 0);
    layout_free(&lo);
    doc_free(&d);

    /* Công văn: V/v at 12 pt centred under Số, at least 6 pt below it. */
    add_header(&d, 1);
    CHECK(run(&d, &lo) == 0);
    so = find(&lo, "Số: 1004/BC-UBND", NULL);
    const litem *vv = find_sub(&lo, "V/v kết quả", NULL);
    CHECK(vv && vv->size == 12 && vv->y < so->y - 6 - 12);
    CHECK(vv && NEAR(vv->x + item_w(vv) / 2, lmid, 0.01) && item_w(vv) <= MM_TO_PT(65));
    CHECK(find_sub(&lo, "năm 2024", NULL) != NULL);  /* the V/v line wrapped in its column */
    layout_free(&lo);
    doc_free(&d);
}

/* Lines of body text on page p: items of size 14 grouped by baseline. */
typedef struct tline {
    double y, x0, x1;
    int n;
} tline;

static size_t body_lines(const layout *lo, size_t p, tline *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < lo->pages[p].n; i++) {
        const litem *it = &lo->pages[p].items[i];
        if (it->kind != ITEM_TEXT || it->size != 14)
            continue;
        size_t k = 0;
        while (k < n && out[k].y != it->y)
            k++;
        if (k == n) {
            if (n == max)
                continue;
            out[n++] = (tline){it->y, it->x, item_end(it), 0};
        }
        out[k].n++;
        if (it->x < out[k].x0)
            out[k].x0 = it->x;
        if (item_end(it) > out[k].x1)
            out[k].x1 = item_end(it);
    }
    return n;
}

static void test_justify(void)
{
    doc d = {0};
    add_text_para(&d, 1, 6);
    doc_para *p = doc_add_para(&d, ALIGN_JUSTIFY, 1);
    doc_inlines_add(&p->text, "Điểm số trục nội dung Công khai minh bạch đạt ", STYLE_PLAIN);
    doc_inlines_add(&p->text, "11,8/18 điểm, tăng 3,8 điểm", STYLE_BOLD);
    doc_inlines_add(&p->text, " so với tháng 01/2024 (ngày\u00A010 tháng 12) và ", STYLE_PLAIN);
    doc_inlines_add(&p->text, "Việt", STYLE_BOLD);
    doc_inlines_add(&p->text, "Nam ", STYLE_ITALIC);
    doc_inlines_add(&p->text, SENTENCE, STYLE_PLAIN);
    layout lo;
    CHECK(run(&d, &lo) == 0);
    tline ln[80];
    size_t n = body_lines(&lo, 0, ln, 80);
    CHECK(n >= 8);
    size_t last1 = 5;  /* P01 has 6 lines */
    for (size_t i = 0; i < n; i++) {
        int last = i == last1 || i == n - 1;
        if (!last)
            CHECK(NEAR(ln[i].x1, RIGHT, 0.01));
        else
            CHECK(ln[i].x1 < RIGHT - 5);
        int first = i == 0 || i == last1 + 1;
        CHECK(NEAR(ln[i].x0, first ? LEFT + MM_TO_PT(10) : LEFT, 0.01));
        if (i > 0 && i != last1 + 1)
            CHECK(NEAR(ln[i - 1].y - ln[i].y, 14 * 1.2, 1e-9));
    }
    CHECK(ln[last1].y - ln[last1 + 1].y >= 14 * 1.2 + 6 - 1e-9);  /* paragraph spacing */
    /* A bold span: its words are bold items; a word across runs is two
     * pieces that touch; NBSP binds "ngày 10". */
    const litem *b = find(&lo, "11,8/18", NULL);
    CHECK(b && b->face == FACE_BOLD);
    const litem *v = find(&lo, "Việt", NULL), *nam = find(&lo, "Nam", NULL);
    CHECK(v && nam && v->face == FACE_BOLD && nam->face == FACE_ITALIC && v->y == nam->y &&
          NEAR(item_end(v), nam->x, 1e-9));
    CHECK(find(&lo, "(ngày\u00A010", NULL) != NULL);
    layout_free(&lo);
    doc_free(&d);

    /* Left, centre and right alignment: one item per line. */
    const doc_align al[] = {ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT};
    for (int a = 0; a < 3; a++) {
        p = doc_add_para(&d, al[a], 0);
        doc_inlines_add(&p->text, "(Chi tiết tại Phụ lục kèm theo)", STYLE_ITALIC);
    }
    CHECK(run(&d, &lo) == 0);
    CHECK_INT(lo.pages[0].n, 3);
    const litem *it = lo.pages[0].items;
    CHECK(NEAR(it[0].x, LEFT, 1e-9) && NEAR(item_end(&it[1]) + it[1].x, LEFT + RIGHT, 0.01) &&
          NEAR(item_end(&it[2]), RIGHT, 0.01));
    CHECK_STR(it[0].text, "(Chi tiết tại Phụ lục kèm theo)");
    layout_free(&lo);
    doc_free(&d);

    /* A word longer than a line is broken between characters. */
    sbuf s = {0};
    for (int i = 0; i < 120; i++)
        sbuf_puts(&s, "ộ");
    doc_inlines_add(&doc_add_para(&d, ALIGN_JUSTIFY, 1)->text, s.s, STYLE_PLAIN);
    CHECK(run(&d, &lo) == 0);
    sbuf all = {0};
    for (size_t i = 0; i < lo.pages[0].n; i++) {
        CHECK(item_end(&lo.pages[0].items[i]) <= RIGHT + 1e-6);
        sbuf_puts(&all, lo.pages[0].items[i].text);
    }
    CHECK(lo.pages[0].n >= 2);
    CHECK_STR(all.s, s.s);
    sbuf_free(&all);
    sbuf_free(&s);
    layout_free(&lo);
    doc_free(&d);
}

/* Headings, list items: styles and indents as in the seeds. */
static void test_blocks(void)
{
    doc d = {0};
    doc_inlines_add(doc_add_heading(&d, 1), "1. Kết quả đánh giá, xếp loại", STYLE_PLAIN);
    doc_inlines_add(doc_add_heading(&d, 2), "1.1. Các cơ quan chuyên môn thuộc UBND huyện", STYLE_PLAIN);
    doc_inlines_add(doc_add_item(&d, 1),
                    "07 đơn vị xếp loại Tốt: UBND các xã: Mường Nhà, Mường Pồn, Pa Thơm, Pom Lót, Sam Mứn, "
                    "Thanh An, Thanh Yên.",
                    STYLE_PLAIN);
    doc_inlines_add(doc_add_item(&d, 2), "ý kiến", STYLE_PLAIN);
    layout lo;
    CHECK(run(&d, &lo) == 0);
    const litem *h1 = find_sub(&lo, "1. Kết", NULL), *h2 = find_sub(&lo, "1.1. Các", NULL);
    const litem *dash = find(&lo, "-", NULL);
    CHECK(h1 && h1->face == FACE_BOLD && NEAR(h1->x, LEFT + MM_TO_PT(10), 1e-9));
    CHECK(h2 && h2->face == FACE_BOLD_ITALIC);
    CHECK(dash && NEAR(dash->x, LEFT + MM_TO_PT(10), 1e-9) && dash->face == FACE_REGULAR);
    CHECK(find(&lo, "+ ý kiến", NULL) != NULL);
    tline ln[8];
    CHECK_INT(body_lines(&lo, 0, ln, 8), 5);
    CHECK(NEAR(ln[3].x0, LEFT, 1e-9));  /* the continuation line */
    CHECK(NEAR(ln[2].x1, RIGHT, 0.01));  /* list items are justified too */
    layout_free(&lo);
    doc_free(&d);
}

static void test_title_addressee(void)
{
    doc d = {0};
    doc_title *t = &doc_add(&d, BLOCK_TITLE)->u.title;
    t->type = strdup("BÁO CÁO");
    t->subject = strdup("Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành "
                        "chính, dịch vụ công theo thời gian thực trên môi trường điện tử huyện Điện Biên tháng 7 "
                        "năm 2023");
    doc_addressee *a = &doc_add(&d, BLOCK_ADDRESSEE)->u.addressee;
    a->label = strdup("Kính gửi:");
    const char *to[] = {"- Các cơ quan đơn vị đóng trên địa bàn xã;", "- Các bộ phận chuyên môn thuộc UBND xã;",
                        "- 14 xóm."};
    a->to = doc_strv(to, 3);
    a->nto = 3;
    layout lo;
    CHECK(run(&d, &lo) == 0);
    const litem *bc = find(&lo, "BÁO CÁO", NULL);
    CHECK(bc && bc->size == 14 && bc->face == FACE_BOLD && NEAR(bc->x + item_w(bc) / 2, (LEFT + RIGHT) / 2, 0.01));
    double widest = 0, shortest = 1e9, lowest = 1e9;
    int nsub = 0;
    for (size_t i = 0; i < lo.pages[0].n; i++) {
        const litem *it = &lo.pages[0].items[i];
        if (it->kind == ITEM_TEXT && it->face == FACE_BOLD && it != bc) {
            nsub++;
            CHECK(NEAR(it->x + item_w(it) / 2, (LEFT + RIGHT) / 2, 0.01));
            widest = fmax(widest, item_w(it));
            shortest = fmin(shortest, item_w(it));
            lowest = fmin(lowest, it->y);
        }
    }
    CHECK(nsub >= 3 && widest <= 0.75 * TW + 1e-6 && shortest > 0.75 * widest);  /* balanced */
    int rules = 0;
    for (size_t i = 0; i < lo.pages[0].n; i++) {
        const litem *r = &lo.pages[0].items[i];
        if (r->kind == ITEM_RULE && r->y < lowest && r->x2 - r->x >= widest / 3 && r->x2 - r->x <= widest / 2 &&
            NEAR((r->x + r->x2) / 2, (LEFT + RIGHT) / 2, 0.01))
            rules++;
    }
    CHECK_INT(rules, 1);
    /* Kính gửi: dashes start where the text after "Kính gửi: " would. */
    const litem *kg = find(&lo, "Kính gửi:", NULL);
    double lw = fontset_width(&fs, FACE_REGULAR, 14, "Kính gửi: ", strlen("Kính gửi: "));
    const litem *e0 = find(&lo, to[0], NULL), *e2 = find(&lo, to[2], NULL);
    CHECK(kg && e0 && e2 && kg->size == 14 && kg->face == FACE_REGULAR);
    if (kg && e0 && e2) {
        CHECK(NEAR(e0->x, kg->x + lw, 1e-9) && NEAR(e2->x, e0->x, 1e-9) && e0->y < kg->y && e2->y < e0->y);
        double end = fmax(item_end(e0), item_end(find(&lo, to[1], NULL)));
        CHECK(NEAR(kg->x + (end - kg->x) / 2, (LEFT + RIGHT) / 2, 0.01));  /* longest line centred */
    }
    layout_free(&lo);
    doc_free(&d);

    /* A single recipient goes on the Kính gửi line. */
    a = &doc_add(&d, BLOCK_ADDRESSEE)->u.addressee;
    a->label = strdup("Kính gửi:");
    a->to = doc_strv(to, 1);
    a->nto = 1;
    CHECK(run(&d, &lo) == 0);
    CHECK(find(&lo, to[0], NULL)->y == find(&lo, "Kính gửi:", NULL)->y);
    layout_free(&lo);
    doc_free(&d);
}

/* Paragraph tags P<n> .. Q<n> mark a paragraph's first and last words; a
 * paragraph's lines per page must never be 1 where it crosses a page. */
static int check_no_widows(const layout *lo, int npara)
{
    int bad = 0;
    for (int t = 0; t < npara; t++) {
        char p[16], q[16];
        snprintf(p, sizeof p, "P%02d", t);
        snprintf(q, sizeof q, "Q%02d.", t);
        int pp = -1, pq = -1;
        const litem *a = find_sub(lo, p, &pp), *b = find_sub(lo, q, &pq);
        if (!a || !b || pp == pq)
            continue;
        tline ln[80];
        size_t n1 = 0, n2 = 0, n = body_lines(lo, (size_t)pp, ln, 80);
        for (size_t i = 0; i < n; i++)
            n1 += ln[i].y <= a->y;
        n = body_lines(lo, (size_t)pq, ln, 80);
        for (size_t i = 0; i < n; i++)
            n2 += ln[i].y >= b->y;
        bad += n1 < 2 || n2 < 2;
    }
    return bad;
}

static void test_pagination(void)
{
    /* Many paragraphs of 1–5 lines; shifting the start moves every break. */
    int widows = 0, splits = 0, closing_ok = 0, trials = 0;
    for (int shift = 0; shift < 24; shift++) {
        doc d = {0};
        doc_para *sp = doc_add_para(&d, ALIGN_JUSTIFY, 1);
        doc_inlines_add(&sp->text, "Mở đầu.", STYLE_PLAIN);
        sp->space_before = shift * 2.1;
        for (int t = 0; t < 40; t++)
            add_text_para(&d, t, 1 + (t * 7 + shift) % 6);
        add_closing(&d);
        layout lo;
        CHECK(run(&d, &lo) == 0);
        widows += check_no_widows(&lo, 40);
        for (int t = 0; t < 40; t++) {
            char p[16], q[16];
            snprintf(p, sizeof p, "P%02d", t);
            snprintf(q, sizeof q, "Q%02d.", t);
            int pp = -1, pq = -1;
            if (find_sub(&lo, p, &pp) && find_sub(&lo, q, &pq) && pp != pq)
                splits++;
        }
        /* The closing: one page, with at least the last two body lines. */
        int pn = -1, ps1 = -1, pa = -1, pl = -1;
        const litem *name = find(&lo, "Hoàng Văn Quyền", &pn);
        const litem *nn = find(&lo, "Nơi nhận:", &ps1), *au = find(&lo, "TM. ỦY BAN NHÂN DÂN", &pa);
        const litem *last = find_sub(&lo, "Q39.", &pl);
        CHECK(name && nn && au && last);
        if (!(name && nn && au && last))
            continue;
        CHECK(pn == ps1 && pn == pa && nn->y == au->y && name->y < au->y - MM_TO_PT(32));
        tline ln[80];
        size_t n = body_lines(&lo, (size_t)pn, ln, 80), before = 0;
        for (size_t i = 0; i < n; i++)
            before += ln[i].y > au->y && ln[i].y >= last->y;
        CHECK(pl == pn && before >= 2);
        CHECK(lo.signature.page == pn && NEAR(lo.signature.h, MM_TO_PT(32), 0.01));
        CHECK(lo.signature.y + lo.signature.h < au->y && lo.signature.y > name->y);
        CHECK(lo.seal.page == pn && lo.seal.x < lo.signature.x + lo.signature.w / 2);
        closing_ok += pn == (int)lo.npages - 1 && pn > 0;
        trials++;
        layout_free(&lo);
        doc_free(&d);
    }
    printf("%d paragraphs split over pages\n", splits);
    CHECK_INT(widows, 0);
    CHECK(splits > 20);       /* the test did exercise breaks inside paragraphs */
    CHECK(closing_ok == trials);

    /* The closing is pushed to the next page with the last two lines. */
    int moved = 0;
    for (int lines = 20; lines < 44; lines++) {
        doc d = {0};
        add_text_para(&d, 0, lines);
        if (lines % 2)  /* a one-line paragraph last: it goes with a line before */
            doc_inlines_add(&doc_add_para(&d, ALIGN_JUSTIFY, 1)->text, "Trân trọng./.", STYLE_PLAIN);
        add_closing(&d);
        layout lo;
        CHECK(run(&d, &lo) == 0);
        int pn = -1, pl = -1;
        find(&lo, "Nơi nhận:", &pn);
        find_sub(&lo, "Q00.", &pl);
        tline ln[80];
        size_t n = body_lines(&lo, (size_t)pn, ln, 80), on_page = 0;
        for (size_t i = 0; i < n; i++)
            on_page += ln[i].y > find(&lo, "Nơi nhận:", NULL)->y;
        CHECK(pn == pl && on_page >= 2);
        if (on_page < 2)
            fprintf(stderr, "closing after %d lines: %zu body lines on its page\n", lines, on_page);
        moved += pn == 1 && on_page < (size_t)lines;
        layout_free(&lo);
        doc_free(&d);
    }
    CHECK(moved > 0);

    /* A heading at the foot of a page goes over with its paragraph. */
    int kept = 0;
    for (int lines = 36; lines < 44; lines++) {
        doc d = {0};
        add_text_para(&d, 0, lines);
        doc_inlines_add(doc_add_heading(&d, 1), "2. Nhiệm vụ", STYLE_PLAIN);
        add_text_para(&d, 1, 3);
        layout lo;
        CHECK(run(&d, &lo) == 0);
        int ph = -1, pp = -1;
        find_sub(&lo, "Nhiệm", &ph);
        find_sub(&lo, "P01", &pp);
        CHECK(ph == pp);
        kept += ph == 1;
        layout_free(&lo);
        doc_free(&d);
    }
    CHECK(kept > 0);
}

/* A 60-row table with a two-row header (rowspans and a colspan). */
static void add_table(doc *d, int rows)
{
    const double w[] = {1, 6, 2, 2, 2};
    doc_table *t = doc_add_table(d, 5, w, 11);
    t->header_rows = 2;
    doc_row *r = doc_table_row(t, ROW_HEADER);
    doc_row_cell(r, "STT", STYLE_BOLD, 1, 2, ALIGN_CENTER);
    doc_row_cell(r, "Tên đơn vị", STYLE_BOLD, 1, 2, ALIGN_CENTER);
    doc_row_cell(r, "Điểm các chỉ số", STYLE_BOLD, 2, 1, ALIGN_CENTER);
    doc_row_cell(r, "Tổng điểm", STYLE_BOLD, 1, 2, ALIGN_CENTER);
    r = doc_table_row(t, ROW_HEADER);
    doc_row_cell(r, "Chỉ số 1", STYLE_BOLD, 1, 1, ALIGN_CENTER);
    doc_row_cell(r, "Chỉ số 2", STYLE_BOLD, 1, 1, ALIGN_CENTER);
    r = doc_table_row(t, ROW_SECTION);
    doc_row_cell(r, "I", STYLE_BOLD, 1, 1, ALIGN_CENTER);
    doc_row_cell(r, "CÁC CƠ QUAN CHUYÊN MÔN", STYLE_PLAIN, 1, 1, ALIGN_LEFT);
    for (int i = 1; i <= rows; i++) {
        char stt[16], name[64];
        snprintf(stt, sizeof stt, "%d", i);
        snprintf(name, sizeof name, i % 7 ? "UBND xã số %d" : "Phòng Lao động - Thương binh và Xã hội số %d", i);
        r = doc_table_row(t, ROW_BODY);
        doc_row_cell(r, stt, STYLE_PLAIN, 1, 1, ALIGN_CENTER);
        doc_row_cell(r, name, STYLE_PLAIN, 1, 1, ALIGN_LEFT);
        doc_row_cell(r, "4,81", STYLE_PLAIN, 1, 1, ALIGN_CENTER);
        doc_row_cell(r, "30", STYLE_PLAIN, 1, 1, ALIGN_CENTER);
        doc_row_cell(r, "58,69/85", STYLE_PLAIN, 1, 1, ALIGN_CENTER);
    }
}

static void test_table(void)
{
    doc d = {0};
    add_text_para(&d, 0, 30);
    add_table(&d, 60);
    layout lo;
    CHECK(run(&d, &lo) == 0);
    CHECK(lo.npages >= 3);
    double cx[6] = {LEFT};
    const double w[] = {1, 6, 2, 2, 2};
    for (int c = 0; c < 5; c++)
        cx[c + 1] = cx[c] + TW * w[c] / 13;
    for (size_t p = 0; p < lo.npages; p++) {
        int n = 0;
        for (size_t i = 0; i < lo.pages[p].n; i++)
            n += lo.pages[p].items[i].kind == ITEM_TEXT && strcmp(lo.pages[p].items[i].text, "STT") == 0;
        CHECK_INT(n, 1);  /* header on every page the table is on */
        const litem *stt = NULL, *ds = NULL, *cs = NULL;
        for (size_t i = 0; i < lo.pages[p].n; i++) {
            const litem *it = &lo.pages[p].items[i];
            if (it->kind != ITEM_TEXT)
                continue;
            stt = strcmp(it->text, "STT") ? stt : it;
            ds = strcmp(it->text, "Điểm các chỉ số") ? ds : it;
            cs = strcmp(it->text, "Chỉ số 1") ? cs : it;
        }
        CHECK(stt && ds && cs && ds->y > cs->y && stt->y < ds->y && stt->y > cs->y);  /* vertical centring */
        if (!(stt && ds && cs))
            continue;
        CHECK(NEAR(stt->x + item_w(stt) / 2, (cx[0] + cx[1]) / 2, 0.01));
        /* The table's top border, on every page; between header rows a
         * rule under "Điểm các chỉ số" and none through STT. */
        CHECK_INT(count_hrules(&lo, (int)p, cx[0], cx[1], ds->y, 842), 1);
        CHECK_INT(count_hrules(&lo, (int)p, cx[2], cx[4], cs->y, ds->y), 1);
        CHECK_INT(count_hrules(&lo, (int)p, cx[0], cx[1], cs->y, ds->y), 0);
        for (size_t i = 0; i < lo.pages[p].n; i++) {  /* no vertical rule through the colspan */
            const litem *r = &lo.pages[p].items[i];
            if (r->kind == ITEM_RULE && NEAR(r->x, cx[3], 0.01) && r->x == r->x2)
                CHECK(fmax(r->y, r->y2) < ds->y);
        }
    }
    /* Every row on one page; the section row spans the rest, bold. */
    const litem *sec = find(&lo, "CÁC CƠ QUAN CHUYÊN MÔN", NULL);
    CHECK(sec && sec->face == FACE_BOLD && NEAR(sec->x, cx[1] + 2, 1e-9));
    int last_page = 0;
    for (int i = 1; i <= 60; i++) {
        char stt[16], name[64];
        snprintf(stt, sizeof stt, "%d", i);
        snprintf(name, sizeof name, "UBND xã số %d", i);
        int p1 = -1, p2 = p1;
        const litem *a = NULL;
        for (size_t p = 0; p < lo.npages && !a; p++)  /* the STT cell */
            for (size_t k = 0; k < lo.pages[p].n; k++)
                if (lo.pages[p].items[k].kind == ITEM_TEXT && lo.pages[p].items[k].x < cx[1] && strcmp(lo.pages[p].items[k].text, stt) == 0) {
                    a = &lo.pages[p].items[k];
                    p1 = (int)p;
                    break;
                }
        CHECK(a && p1 >= last_page && (i % 7 == 0 || (find(&lo, name, &p2) && p1 == p2)));
        last_page = p1;
    }
    /* Cells stay inside the text box and rows stay above the bottom margin. */
    for (size_t p = 0; p < lo.npages; p++)
        for (size_t i = 0; i < lo.pages[p].n; i++) {
            const litem *it = &lo.pages[p].items[i];
            CHECK(fmin(it->y, it->kind == ITEM_RULE ? it->y2 : it->y) >= MM_TO_PT(20) - 1e-6);
        }
    layout_free(&lo);
    doc_free(&d);
}

/* Sections: orientation and per-section page numbers. */
static void test_sections(void)
{
    doc d = {0};
    for (int t = 0; t < 12; t++)
        add_text_para(&d, t, 8);         /* about 3 pages */
    doc_add_section(&d, 1, 1);
    doc_inlines_add(&doc_add_para(&d, ALIGN_CENTER, 0)->text, "Phụ lục", STYLE_BOLD);
    add_table(&d, 40);                  /* 2 landscape pages */
    doc_add_section(&d, 0, 1);
    add_text_para(&d, 20, 3);
    layout lo;
    CHECK(run(&d, &lo) == 0);
    CHECK(lo.npages >= 6);
    int nport = 0;
    for (size_t p = 0; p < lo.npages && lo.pages[p].width < lo.pages[p].height; p++)
        nport++;
    int nland = 0;
    for (size_t p = (size_t)nport; p < lo.npages && lo.pages[p].width > lo.pages[p].height; p++)
        nland++;
    CHECK(nport >= 3 && nland >= 2 && (size_t)(nport + nland + 1) == lo.npages);
    CHECK(NEAR(lo.pages[nport].width, 841.890, 1e-9) && NEAR(lo.pages[nport].height, 595.276, 1e-9));
    int want[16], k = 0;
    for (int p = 0; p < nport; p++)
        want[k++] = p == 0 ? 0 : p + 1;
    for (int p = 0; p < nland; p++)
        want[k++] = p == 0 ? 0 : p + 1;
    want[k++] = 0;
    for (size_t p = 0; p < lo.npages && p < 16; p++) {
        CHECK_INT(lo.pages[p].number, want[p]);
        const litem *num = NULL;
        char s[8];
        snprintf(s, sizeof s, "%d", want[p]);
        for (size_t i = 0; i < lo.pages[p].n; i++)
            if (lo.pages[p].items[i].size == 13 && strcmp(lo.pages[p].items[i].text, s) == 0)
                num = &lo.pages[p].items[i];
        CHECK(!want[p] == !num);
        if (num) {
            double l = LEFT, r = lo.pages[p].width - MM_TO_PT(15), cap = ttf_cap_height(fs.ttf[0]) * 13 / 1000.0;
            CHECK(NEAR(num->x + item_w(num) / 2, (l + r) / 2, 0.01));
            CHECK(NEAR(num->y + cap, lo.pages[p].height - MM_TO_PT(12.5), 0.01));
        }
    }
    /* Landscape text box: 30 mm binding margin, table scaled to its width. */
    const litem *ph = find(&lo, "Phụ lục", NULL);
    CHECK(ph && NEAR(ph->x + item_w(ph) / 2, (LEFT + 841.890 - MM_TO_PT(15)) / 2, 0.01));
    for (size_t i = 0; i < lo.pages[nport].n; i++) {
        const litem *it = &lo.pages[nport].items[i];
        if (it->kind == ITEM_RULE)
            CHECK(it->x >= LEFT - 1e-6 && it->x2 <= 841.890 - MM_TO_PT(15) + 1e-6);
    }
    layout_free(&lo);
    doc_free(&d);
}

static void test_errors(void)
{
    doc d = {0};
    doc_para *p = doc_add_para(&d, ALIGN_JUSTIFY, 1);
    doc_inlines_add(&p->text, "Tổng hợp kết quả đánh giá chỉ số 中 tháng 12", STYLE_PLAIN);
    layout lo;
    diag dg = {0};
    CHECK(layout_document(&d, &fs, &ps, &lo, &dg) < 0);
    CHECK_STR(dg.key, "missing-glyph");
    CHECK(strstr(dg.msg, "U+4E2D '中'") && strstr(dg.msg, "Tổng hợp kết quả"));
    CHECK(lo.npages == 0 && lo.arena == NULL);
    doc_free(&d);

    page_setup s;
    page_setup_default(&s);
    CHECK(page_setup_check(&s, &dg) == 0);
    CHECK(s.margin_left == 30 && s.body_size == 14 && s.line_pitch == 1.2 && s.indent == 10);
    s.margin_left = 25;
    CHECK(page_setup_check(&s, &dg) < 0);
    CHECK(strstr(dg.msg, "margin_left") && strstr(dg.msg, "30–35"));
    page_setup_default(&s);
    s.indent = 11;
    CHECK(page_setup_check(&s, &dg) < 0 && strstr(dg.msg, "indent"));
    s.indent = 12.7;
    s.line_pitch = 1.6;
    CHECK(page_setup_check(&s, &dg) < 0 && strstr(dg.msg, "line_pitch"));
}

/* Two body pages and a 26-row landscape appendix, laid out twice: the same
 * pages and items each time (layout keeps no state between documents). Its
 * speed is measured in bench/, not asserted here. */
static void test_repeatable(void)
{
    doc d = {0};
    add_header(&d, 0);
    for (int t = 0; t < 12; t++)
        add_text_para(&d, t, 6);
    add_closing(&d);
    doc_add_section(&d, 1, 1);
    add_table(&d, 26);
    layout a, b;
    CHECK(run(&d, &a) == 0);
    CHECK(run(&d, &b) == 0);
    CHECK(a.npages >= 4 && a.npages == b.npages);
    for (size_t p = 0; p < a.npages && p < b.npages; p++) {
        CHECK(a.pages[p].n == b.pages[p].n);
        for (size_t i = 0; i < a.pages[p].n && i < b.pages[p].n; i++) {
            const litem *x = &a.pages[p].items[i], *y = &b.pages[p].items[i];
            CHECK(x->kind == y->kind && x->x == y->x && x->y == y->y && x->face == y->face);
            CHECK((!x->text && !y->text) || (x->text && y->text && !strcmp(x->text, y->text)));
        }
    }
    layout_free(&a);
    layout_free(&b);
    doc_free(&d);
}

int main(void)
{
    diag dg = {0};
    if (fontset_load(&fs, SOURCE_DIR "/fonts/Tinos-Regular.ttf", NULL, &dg) < 0) {
        fprintf(stderr, "%s\n", dg.msg);
        return 1;
    }
    page_setup_default(&ps);
    test_header();
    test_justify();
    test_blocks();
    test_title_addressee();
    test_pagination();
    test_table();
    test_sections();
    test_errors();
    test_repeatable();
    fontset_free(&fs);
    CHECK_DONE();
}
