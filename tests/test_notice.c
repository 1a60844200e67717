/* test_notice.c — notice facts computed from the dinh-hoa-2024-02 sample
 * (seed 001's Bình Thành) and the batch's file names. */
#include "batch.h"
#include "check.h"
#include "diag.h"
#include "input.h"
#include "notice.h"
#include "pipeline.h"

#include <stdlib.h>

static void test_stems(void)
{
    static const char *const cases[][2] = {
        {"Xã Bình Thành", "xa-binh-thanh"},
        {"Thị trấn Chợ Chu", "thi-tran-cho-chu"},
        {"Xã Đồng Thịnh", "xa-dong-thinh"},
        {"UBND huyện Định Hóa", "ubnd-huyen-dinh-hoa"},
        {"../../etc/passwd", "etc-passwd"},
        {"a/b\\c\x01\x7f d", "a-b-c-d"},
        {"..", "don-vi"},
        {"", "don-vi"},
        {"Phòng Lao động - Thương binh và Xã hội", "phong-lao-dong-thuong-binh-va-xa-hoi"},
        {"ỦY BAN NHÂN DÂN XÃ LAM VỸ", "uy-ban-nhan-dan-xa-lam-vy"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = batch_file_stem(cases[i][0]);
        CHECK_STR(s, cases[i][1]);
        free(s);
    }
    char long_name[400];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    char *s = batch_file_stem(long_name);
    CHECK(strlen(s) <= 80);
    free(s);
}

static dec num(const value *f, const char *path)
{
    const value *v = value_get(f, path);
    if (!v || v->kind != VALUE_NUMBER) {
        fprintf(stderr, "%s: not a number\n", path);
        return -1;
    }
    return v->u.number;
}

/* Index of the statistics row with this appendix and stt after row `from`. */
static size_t stat_index(const unit_notice *un, const char *app, const char *stt, size_t from)
{
    for (size_t i = from; i < un->nstats; i++)
        if (!strcmp(un->stats[i].appendix, app) && !strcmp(un->stats[i].stt, stt))
            return i;
    return (size_t)-1;
}

static void test_binh_thanh_facts(void)
{
    pipeline p;
    diag d = {0};
    CHECK_INT(pipeline_load(&p, SOURCE_DIR "/samples/dinh-hoa-2024-02/report.json", SOURCE_DIR, NULL, 1, &d), 0);
    const dataset *ds = &p.ds;
    const notice_set *nsp = &p.ns;
    size_t bt = 0;
    while (bt < ds->nunits && strcmp(ds->units[bt].name, "Xã Bình Thành"))
        bt++;
    CHECK(bt < ds->nunits);
    if (bt == ds->nunits)
        return;
    CHECK(nsp->units[bt].error == NULL);

    /* The notice carries its own metadata: the unit issues it (seed 001). */
    doc tree;
    report_opts ro = {0};
    CHECK_INT(pipeline_build(&p, (long)bt, &ro, &tree, &d), 0);
    CHECK_STR(tree.meta.issuer.lines[1], "XÃ BÌNH THÀNH");
    CHECK_STR(tree.meta.issuer.signer.name, "Ma Khánh Sơn");
    CHECK_STR(tree.meta.addressees[2], "14 xóm");
    value *f = notice_facts(ds, &tree.meta, &p.sc, nsp, bt);
    CHECK_INT(num(f, "score.now"), DEC_INT(86) + 20000);
    CHECK_INT(num(f, "score.delta"), DEC_INT(4) + 60000);
    CHECK_INT(num(f, "rank.now"), DEC_INT(8));
    CHECK_INT(num(f, "rank.change"), DEC_INT(14));
    CHECK_INT(num(f, "rank.count"), DEC_INT(23));
    CHECK_INT(num(f, "total_item"), DEC_INT(7));
    CHECK_INT(num(f, "indicators.2.delta"), -300000);               /* DVCTT giảm 0,3 */
    CHECK_INT(value_get(f, "below_max")->u.list.n, 3);            /* 11,8/18, 6,9/12, 20,1/22 */
    CHECK_INT(num(f, "snapshots.now.day"), DEC_INT(29));          /* 2024 is a leap year */

    /* 1.2 a): 3863 of 5454 = 70,83% (the original printed 70,63), 68 of
     * 104 = 65,38%, change -5,45 points (printed "-525%"). */
    size_t i = stat_index(&nsp->units[bt], "I", "a)", stat_index(&nsp->units[bt], "I", "1.2", 0));
    char path[64];
    snprintf(path, sizeof path, "statistics.%zu.prev.rate", i);
    CHECK_INT(num(f, path), DEC_INT(70) + 830000);
    snprintf(path, sizeof path, "statistics.%zu.now.rate", i);
    CHECK_INT(num(f, path), DEC_INT(65) + 380000);
    snprintf(path, sizeof path, "statistics.%zu.change", i);
    CHECK_INT(num(f, path), -(DEC_INT(5) + 450000));
    /* 3.1: +0,10 (printed -0,13). */
    snprintf(path, sizeof path, "statistics.%zu.change", stat_index(&nsp->units[bt], "I", "3.1", 0));
    CHECK_INT(num(f, path), 100000);
    value_free(f);
    doc_free(&tree);
    pipeline_free(&p);
}

int main(void)
{
    test_stems();
    test_binh_thanh_facts();
    CHECK_DONE();
}
