/* main.c — the baocao command line. A thin front end: parse arguments,
 * call the library, print its messages, map failures to exit codes
 * (0 ok, 1 invalid input, 2 usage). */
#include "archive.h"
#include "baocao.h"
#include "batch.h"
#include "diag.h"
#include "layout.h"
#include "pipeline.h"
#include "render.h"
#include "sbuf.h"
#include "table.h"

#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_CONFLICT = 3 };

static const char USAGE[] =
    "usage: baocao COMMAND [OPTIONS] FILE\n"
    "\n"
    "Turns scored unit data into official Vietnamese reports (NĐ 30/2020/NĐ-CP).\n"
    "\n"
    "commands:\n"
    "  score REPORT.json [--csv]    print the computed appendix table\n"
    "  check REPORT.json            validate the report and its scores (exit 0 or 1)\n"
    "  render REPORT.json -o OUT.pdf  render the report as an NĐ 30 PDF (PDF/A-1b)\n"
    "  batch REPORT.json -o DIR     the report and one notice per unit (its \"notices\"),\n"
    "                               with DIR/manifest.json; exit 1 if any unit failed\n"
    "  facts REPORT.json            print the data its templates get, as JSON\n"
    "  archive PDF_OR_DIR... --to URL  file PDFs with their sidecars into a document\n"
    "                   management system: YEAR/agency/SO-KY-HIEU.pdf under URL\n"
    "\n"
    "render options:\n"
    "  -o FILE          the PDF to write (written to a temporary file, then renamed)\n"
    "  --font SPEC      a font family known to fontconfig, or a .ttf file (regular face);\n"
    "                   default Times New Roman if installed, else the shipped Tinos\n"
    "  --pdfa 1b|2b     PDF/A level (default 1b); --no-pdfa for plain PDF 1.4\n"
    "  --blank-number   leave số and day blank for the e-office system to stamp\n"
    "  --print-fields   print the signature field rectangles (page, x, y, w, h in mm)\n"
    "  --unit NAME      render that unit's notice (as batch does) instead of the report\n"
    "  --no-sidecar     do not write the archive metadata OUT.meta.json next to the PDF\n"
    "\n"
    "batch options (and --font, --pdfa, --no-pdfa, --blank-number, --no-sidecar):\n"
    "  -o DIR           the directory to write into (created if missing)\n"
    "  --jobs N         documents made in parallel (default: the number of processors)\n"
    "\n"
    "archive options:\n"
    "  --to URL         http(s)://… a WebDAV collection, or file:///DIR a local archive\n"
    "  --to-dir DIR     the same as --to file://DIR\n"
    "                   WebDAV credentials: $BAOCAO_DAV_USER and $BAOCAO_DAV_PASSWORD, else\n"
    "                   ~/.netrc; $BAOCAO_DAV_CAINFO: a CA bundle (TLS is always verified)\n"
    "\n"
    "options:\n"
    "  --data-dir DIR   where templates/ and fonts/ are (default: $BAOCAO_DATADIR, else\n"
    "                   share/baocao of the installation, else the source tree)\n"
    "  --encoding NAME  of CSV score files: utf-8, cp1258 (windows-1258), tcvn3, viscii\n"
    "                   (default: detected)\n"
    "  --verbose        say how each score file was read (encoding, delimiter, sheet)\n"
    "  --lang vi|en     language of the messages (default: $BAOCAO_LANG, else vi);\n"
    "                   errors keep their English key in brackets: [score-above-max]\n"
    "  --quiet          no warnings\n"
    "  -h, --help       this text\n"
    "  --version        the version\n"
    "\n"
    "exit status: 0 ok, 1 invalid input or failed delivery, 2 usage error,\n"
    "             3 archive conflict (a different file already filed under that name)\n";

typedef struct options {
    const char *command, *file, *data_dir, *out, *font, *unit, *to, *lang;
    char **files;          /* archive: every PDF or directory given */
    size_t nfiles;
    int csv, quiet, print_fields, blank_number, no_sidecar, jobs;
    pdfa_level pdfa;
    input_opts input;
} options;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "baocao: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see baocao --help)\n");
    return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            printf("baocao %s\n", BAOCAO_VERSION);
            exit(0);
        } else if (!strcmp(a, "--csv")) {
            o->csv = 1;
        } else if (!strcmp(a, "--verbose")) {
            o->input.verbose = 1;
        } else if (!strcmp(a, "--encoding")) {
            if (++i == argc || encoding_from_name(argv[i], &o->input.encoding) < 0)
                return usage_error("%s takes utf-8, cp1258, tcvn3 or viscii", a);
        } else if (!strcmp(a, "--quiet")) {
            o->quiet = 1;
        } else if (!strcmp(a, "--no-pdfa")) {
            o->pdfa = PDFA_NONE;
        } else if (!strcmp(a, "--print-fields")) {
            o->print_fields = 1;
        } else if (!strcmp(a, "--blank-number")) {
            o->blank_number = 1;
        } else if (!strcmp(a, "--no-sidecar")) {
            o->no_sidecar = 1;
        } else if (!strcmp(a, "--pdfa")) {
            if (++i == argc || (strcmp(argv[i], "1b") && strcmp(argv[i], "2b")))
                return usage_error("%s takes 1b or 2b", a);
            o->pdfa = !strcmp(argv[i], "1b") ? PDFA_1B : PDFA_2B;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--font")) {
            if (++i == argc)
                return usage_error("%s needs a value", a);
            *(!strcmp(a, "--font") ? &o->font : &o->out) = argv[i];
        } else if (!strcmp(a, "--unit")) {
            if (++i == argc)
                return usage_error("%s needs a unit name", a);
            o->unit = argv[i];
        } else if (!strcmp(a, "--jobs")) {
            char *end;
            if (++i == argc || (o->jobs = (int)strtol(argv[i], &end, 10)) < 1 || *end || o->jobs > 256)
                return usage_error("%s takes a number from 1 to 256", a);
        } else if (!strcmp(a, "--to") || !strcmp(a, "--to-dir")) {
            if (++i == argc)
                return usage_error("%s needs a destination", a);
            o->to = argv[i];
        } else if (!strcmp(a, "--lang")) {
            if (++i == argc)
                return usage_error("%s needs a language (vi or en)", a);
            o->lang = argv[i];
        } else if (!strcmp(a, "--data-dir")) {
            if (++i == argc)
                return usage_error("%s needs a directory", a);
            o->data_dir = argv[i];
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option %s", a);
        } else if (!o->command) {
            o->command = a;
        } else if (!strcmp(o->command, "archive")) {
            o->files[o->nfiles++] = argv[i];
        } else if (!o->file) {
            o->file = a;
        } else {
            return usage_error("unexpected argument %s", a);
        }
    }
    if (!o->command)
        return usage_error("%s", "no command given");
    if (strcmp(o->command, "score") && strcmp(o->command, "check") && strcmp(o->command, "render") &&
        strcmp(o->command, "facts") && strcmp(o->command, "archive") && strcmp(o->command, "batch"))
        return usage_error("unknown command %s", o->command);
    if (!o->data_dir)
        o->data_dir = bc_data_dir();
    if (!o->lang)
        o->lang = getenv("BAOCAO_LANG");
    if (!o->lang || !*o->lang)
        o->lang = "vi";
    if (!strcmp(o->command, "archive"))
        return !o->to ? usage_error("%s", "archive needs --to URL or --to-dir DIR")
               : !o->nfiles ? usage_error("%s", "archive needs PDF files or directories") : 0;
    if (!strcmp(o->command, "render") && !o->out)
        return usage_error("%s", "render needs -o OUT.pdf");
    if (!strcmp(o->command, "batch") && !o->out)
        return usage_error("%s", "batch needs -o DIR");
    if (!o->file)
        return usage_error("%s needs a REPORT.json", o->command);
    return 0;
}

static int fail(const diag *d)
{
    if (d->key[0])
        fprintf(stderr, "baocao: %s [%s]: %s\n", diag_text("error"), d->key, d->msg);
    else
        fprintf(stderr, "baocao: %s: %s\n", diag_text("error"), d->msg);
    return EXIT_INPUT;
}

/* Messages in o->lang: English is the source's own, any other language a
 * catalog templates/messages/<lang>.txt. */
static int load_messages(const options *o)
{
    bc_error err;
    if (bc_set_language(o->lang, o->data_dir, &err) == 0)
        return 0;
    if (!strcmp(err.key, "lang-unknown"))
        return usage_error("unknown language %s (vi or en)", o->lang);
    fprintf(stderr, "baocao: %s [%s]: %s\n", diag_text("error"), err.key, err.message);
    return EXIT_INPUT;
}

static void print_rect(const char *name, const lrect *r)
{
    if (r->page < 0)
        return;
    printf("%s page %d x %.1f y %.1f w %.1f h %.1f mm\n", name, r->page + 1, PT_TO_MM(r->x),
           PT_TO_MM(r->y), PT_TO_MM(r->w), PT_TO_MM(r->h));
}

/* The library hands its warnings over; printing them is the front end's. */
static void warn(void *ctx, const char *msg)
{
    (void)ctx;
    diag_warn("%s", msg);
}

static int render(const options *o)
{
    render_opts ro;
    render_opts_default(&ro, o->data_dir);
    ro.warn = warn;
    ro.font = o->font;
    ro.pdfa = o->pdfa;
    ro.report.blank_number = o->blank_number;
    ro.unit = o->unit;
    ro.input = o->input;
    ro.sidecar = !o->no_sidecar;
    render_result res;
    diag d = {0};
    if (render_file(o->file, o->out, &ro, &res, &d) < 0)
        return fail(&d);
    if (o->print_fields) {
        print_rect("ChuKyNguoiKy", &res.signature);
        print_rect("DauCoQuan", &res.seal);
    }
    return 0;
}

static int batch(const options *o)
{
    batch_opts bo = {.out_dir = o->out, .jobs = o->jobs, .progress = !o->quiet && isatty(2)};
    render_opts_default(&bo.render, o->data_dir);
    bo.render.warn = warn;
    bo.render.font = o->font;
    bo.render.pdfa = o->pdfa;
    bo.render.report.blank_number = o->blank_number;
    bo.render.input = o->input;
    bo.render.sidecar = !o->no_sidecar;
    batch_result res;
    diag d = {0};
    if (batch_run(o->file, &bo, &res, &d) < 0)
        return fail(&d);
    for (size_t i = 0; i < res.nfailures; i++)
        fprintf(stderr, "baocao: %s: %s: %s\n", diag_text("error"), res.failures[i].unit, res.failures[i].message);
    if (!o->quiet)
        fprintf(stderr, "baocao: %zu PDFs and manifest.json in %s%s\n", res.written, o->out,
                res.nfailures ? ", some units failed" : "");
    int rc = res.nfailures ? EXIT_INPUT : 0;
    batch_result_free(&res);
    return rc;
}

/* --to-dir DIR is --to DIR: archive_files takes a plain path as local. */
static int archive(const options *o)
{
    archive_stats st;
    diag d = {0};
    int rc = archive_files(o->files, o->nfiles, o->to, o->quiet ? NULL : stdout, &st, &d);
    if (!o->quiet)
        fprintf(stderr, "baocao: archive: %d stored, %d skipped, %d conflicts\n", st.stored,
                st.skipped, st.conflicts);
    if (rc < 0)
        return fail(&d);
    return rc == ARCHIVE_CONFLICT ? EXIT_CONFLICT : 0;
}

/* score, facts, check: the data the documents are made from. */
static int inspect(const options *o)
{
    diag d = {0};
    pipeline p;
    if (pipeline_load(&p, o->file, o->data_dir, &o->input, 0, &d) < 0)
        return fail(&d);
    for (size_t i = 0; i < p.sc.nwarnings; i++)
        warn(NULL, p.sc.warnings[i]);
    if (!strcmp(o->command, "score")) {
        table_print(stdout, &p.ds, &p.sc, o->csv);
    } else if (!strcmp(o->command, "facts")) {
        report_opts ro = {.blank_number = o->blank_number, .templates = NULL};
        value *f = pipeline_facts(&p, &ro);
        sbuf b = {0};
        value_write_json(f, &b);
        fputs(sbuf_str(&b), stdout);
        sbuf_free(&b);
        value_free(f);
    } else {
        printf("%s: ok (%zu units, scheme %s)\n", o->file, p.ds.nunits, p.ds.scheme.id);
    }
    pipeline_free(&p);
    return 0;
}

static int run(int argc, char **argv)
{
    char **files = xcalloc((size_t)argc, sizeof *files);  /* archive: room for every argument */
    options o = {.pdfa = PDFA_1B, .files = files};
    int rc = parse_args(argc, argv, &o);
    if (rc == 0) {
        diag_quiet_warnings(o.quiet);
        rc = load_messages(&o);
        atexit(diag_catalog_free);
    }
    if (rc == 0 && !strcmp(o.command, "archive"))
        rc = archive(&o);
    free(files);
    if (rc || !strcmp(o.command, "archive"))
        return rc;
    if (!strcmp(o.command, "render"))
        return render(&o);
    if (!strcmp(o.command, "batch"))
        return batch(&o);

    return inspect(&o);
}

int main(int argc, char **argv)
{
    /* Out of memory anywhere below ends the run with a message, exit 1. */
    alloc_guard g;
    alloc_enter(&g);
    if (setjmp(g.jump)) {
        diag d = {0};
        diag_oom(&d);
        return fail(&d);
    }
    int rc = run(argc, argv);
    alloc_leave(&g);
    return rc;
}
