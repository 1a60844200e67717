/* render_report.c — a report (and optionally one unit's notice) rendered
 * through the public API of libbaocao. Build it against an installed baocao:
 *
 *     cc render_report.c $(pkg-config --cflags --libs baocao) -o render_report
 *     ./render_report samples/huyen-dien-bien-2023-07/report.json report.pdf
 *     ./render_report report.json notice.pdf "UBND xã Hua Thanh"
 */
#include <baocao.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s REPORT.json OUT.pdf [UNIT]\n", argv[0]);
        return 2;
    }
    bc_options o = {.notices = argc == 4};
    bc_error err;
    bc_report *r;
    if (bc_set_language("vi", NULL, &err) < 0 || bc_report_open(&r, argv[1], &o, &err) < 0) {
        fprintf(stderr, "[%s] %s\n", err.key, err.message);
        return 1;
    }
    for (size_t i = 0; i < bc_report_warning_count(r); i++)
        fprintf(stderr, "warning: %s\n", bc_report_warning(r, i));
    int rc = argc == 4 ? bc_render_notice(r, argv[3], argv[2], &o, &err) : bc_render_report(r, argv[2], &o, &err);
    if (rc < 0)
        fprintf(stderr, "[%s] %s (file %s, line %d, unit %s, indicator %s)\n", err.key, err.message, err.file,
                err.line, err.unit, err.indicator);
    else
        printf("%s: %zu units, baocao %s, data in %s\n", argv[2], bc_report_unit_count(r), bc_version(),
               bc_data_dir());
    bc_report_close(r);
    return rc < 0;
}
