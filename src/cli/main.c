/* main.c — the baocao command line. A thin front end: parse arguments,
 * call the library, print its messages, map failures to exit codes
 * (0 ok, 1 invalid input, 2 usage). */
#define _POSIX_C_SOURCE 200809L /* readlink */
#include "archive.h"
#include "baocao.h"
#include "batch.h"
#include "diag.h"
#include "layout.h"
#include "pipeline.h"
#include "render.h"
#include "review.h"
#include "sbuf.h"
#include "table.h"
#include "value.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_CONFLICT = 3 };

static const char USAGE[] =
    "usage: baocao COMMAND [OPTIONS] REPORT\n"
    "\n"
    "Turns scored unit data into official Vietnamese reports (NĐ 30/2020/NĐ-CP).\n"
    "REPORT is a report.json, or the folder that holds it.\n"
    "\n"
    "commands (baocao help COMMAND, or baocao COMMAND --help, for its options):\n"
    "  score    print the computed appendix table (or CSV for a spreadsheet)\n"
    "  check    review the report before printing: errors and warnings\n"
    "  render   render the report, or one unit's notice, as an NĐ 30 PDF (PDF/A-1b)\n"
    "  batch    the report and one notice per unit, with a manifest\n"
    "  facts    print the data its templates get, as JSON\n"
    "  archive  file PDFs with their sidecars into a document management system\n"
    "  serve    the web page and the HTTP API (baocao serve --help)\n"
    "\n"
    "exit status: 0 ok, 1 invalid input or failed delivery, 2 usage error,\n"
    "             3 archive conflict (a different file already filed under that name)\n";

static const char COMMON[] =
    "\n"
    "options of every command:\n"
    "  --data-dir DIR   where templates/ and fonts/ are (default: $BAOCAO_DATADIR, else\n"
    "                   share/baocao of the installation, else the source tree)\n"
    "  --lang vi|en     language of the messages (default: $BAOCAO_LANG, else vi);\n"
    "                   errors keep their English key in brackets: [score-above-max]\n"
    "  --quiet          no warnings\n"
    "  -h, --help       this text\n";

static const char INPUT[] =
    "  --encoding NAME  of CSV score files: utf-8, cp1258 (windows-1258), tcvn3, viscii\n"
    "                   (default: detected)\n"
    "  --verbose        say how each score file was read (encoding, delimiter, sheet,\n"
    "                   columns read past)\n"
    "  --strict         units of last period not matched this period are errors\n";

static const char PDF_OPTIONS[] =
    "  --font SPEC      a font family known to fontconfig, or a .ttf file (regular face);\n"
    "                   default Times New Roman if installed, else the shipped Tinos\n"
    "  --pdfa 1b|2b     PDF/A level (default 1b); --no-pdfa for plain PDF 1.4\n"
    "  --blank-number   leave số and day blank for the e-office system to stamp\n"
    "  --no-sidecar     do not write the archive metadata OUT.meta.json next to the PDF\n";

static const struct command_help {
    const char *name, *synopsis, *options;
    int input, pdf;        /* takes INPUT / PDF_OPTIONS */
} COMMANDS[] = {
    {"score", "score REPORT [--csv | --excel]\n  print the computed appendix table\n",
     "  --csv            RFC 4180 CSV with a decimal point, for programs\n"
     "  --excel          CSV that Excel opens as is: UTF-8 with BOM, \";\", decimal comma\n", 1, 0},
    {"check", "check REPORT [--json]\n"
     "  review the report before printing: every error render or batch would refuse\n"
     "  and warnings (period words, dates, the previous period's file, totals, sharp\n"
     "  changes, units missing or new, names typed twice); exit 1 when there are errors\n",
     "  --json           the findings as JSON, for programs\n", 1, 0},
    {"render", "render REPORT -o OUT.pdf\n  render the report (or --unit NAME's notice) as an NĐ 30 PDF, or DOCX\n",
     "  -o FILE          the PDF (or .docx) to write (to a temporary file, then renamed)\n"
     "  --format pdf|docx  the format (default: by FILE's name, .docx a DOCX, else PDF)\n"
     "  --unit NAME      render that unit's notice (as batch does) instead of the report\n"
     "  --print-fields   print the signature field rectangles (page, x, y, w, h in mm)\n", 1, 1},
    {"batch", "batch REPORT -o DIR\n"
     "  the report and one notice per unit (its \"notices\"), with DIR/manifest.json;\n"
     "  exit 1 if any unit failed\n",
     "  -o DIR           the directory to write into (created if missing)\n"
     "  --jobs N         documents made in parallel (default: the number of processors)\n"
     "  --format LIST    pdf, docx or pdf,docx: the formats of each document (default pdf)\n", 1, 1},
    {"facts", "facts REPORT\n  print the data its templates get, as JSON\n", "", 1, 0},
    {"archive", "archive PDF_OR_DIR... --to URL\n"
     "  file PDFs with their sidecars into a document management system:\n"
     "  YEAR/agency/SO-KY-HIEU.pdf under URL\n",
     "  --to URL         http(s)://… a WebDAV collection, or file:///DIR a local archive\n"
     "  --to-dir DIR     the same as --to file://DIR\n"
     "                   WebDAV credentials: $BAOCAO_DAV_USER and $BAOCAO_DAV_PASSWORD, else\n"
     "                   ~/.netrc; $BAOCAO_DAV_CAINFO: a CA bundle (TLS is always verified)\n", 0, 0},
};

static const struct command_help *command_of(const char *name)
{
    for (size_t i = 0; name && i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (!strcmp(COMMANDS[i].name, name))
            return &COMMANDS[i];
    return NULL;
}

/* `baocao help [COMMAND]`, `baocao COMMAND --help`: that command's options only. */
static int help(const char *name)
{
    const struct command_help *c = command_of(name);
    if (!c) {
        fputs(USAGE, stdout);
        fputs(COMMON, stdout);
        printf("  --version        the version\n");
        return 0;
    }
    printf("usage: baocao %s\n%s options:\n%s", c->synopsis, c->name, c->options);
    if (c->input)
        fputs(INPUT, stdout);
    if (c->pdf)
        fputs(PDF_OPTIONS, stdout);
    fputs(COMMON, stdout);
    return 0;
}

typedef struct options {
    const char *command, *file, *data_dir, *out, *font, *unit, *to, *lang;
    char **files;          /* archive: every PDF or directory given */
    size_t nfiles;
    int csv, excel, json, help, quiet, verbose, print_fields, blank_number, no_sidecar, jobs, strict;
    unsigned formats;      /* FORMAT_PDF | FORMAT_DOCX; 0: not given */
    pdfa_level pdfa;
    input_opts input;
} options;

/* Messages are loaded only once the arguments are read: a usage error
 * found earlier is kept and printed (translated) afterwards. */
static const char *pending_fmt, *pending_arg;

static int usage_error(const char *fmt, const char *arg)
{
    pending_fmt = fmt, pending_arg = arg;
    return EXIT_USAGE;
}

static int print_usage_error(const char *fmt, const char *english)
{
    fprintf(stderr, "baocao: ");
    fprintf(stderr, diag_text(fmt), diag_text(english));   /* fixed texts were given in English */
    fprintf(stderr, "\n%s\n", diag_text("(see baocao --help)"));
    return EXIT_USAGE;
}

/* "pdf", "docx", "pdf,docx" into format bits; -1 on anything else. */
static int parse_formats(const char *list, unsigned *out)
{
    *out = 0;
    for (const char *p = list;;) {
        size_t n = strcspn(p, ",");
        if (n == 3 && !strncmp(p, "pdf", 3))
            *out |= FORMAT_PDF;
        else if (n == 4 && !strncmp(p, "docx", 4))
            *out |= FORMAT_DOCX;
        else
            return -1;
        if (!p[n])
            return 0;
        p += n + 1;
    }
}

static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            o->help = 1;
        } else if (!strcmp(a, "--version")) {
            printf("baocao %s\n", BAOCAO_VERSION);
            exit(0);
        } else if (!strcmp(a, "--csv")) {
            o->csv = 1;
        } else if (!strcmp(a, "--excel")) {
            o->excel = 1;
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--strict")) {
            o->strict = 1;
        } else if (!strcmp(a, "--verbose")) {
            o->verbose = 1;
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
        } else if (!strcmp(a, "--format")) {
            if (++i == argc || parse_formats(argv[i], &o->formats) < 0)
                return usage_error("%s takes pdf, docx or pdf,docx", a);
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
    if (o->help || (o->command && !strcmp(o->command, "help")))
        return 0;
    if (!o->command)
        return usage_error("%s", diag_text("no command given"));
    if (!command_of(o->command))
        return usage_error("unknown command %s", o->command);
    if (!strcmp(o->command, "archive"))
        return !o->to ? usage_error("%s", diag_text("archive needs --to URL or --to-dir DIR"))
               : !o->nfiles ? usage_error("%s", diag_text("archive needs PDF files or directories")) : 0;
    if (!strcmp(o->command, "render") && !o->out)
        return usage_error("%s", diag_text("render needs -o OUT.pdf"));
    if (!strcmp(o->command, "render") && o->formats == (FORMAT_PDF | FORMAT_DOCX))
        return usage_error("%s", diag_text("render writes one file: --format pdf or --format docx"));
    if (!strcmp(o->command, "batch") && !o->out)
        return usage_error("%s", diag_text("batch needs -o DIR"));
    if (o->csv && o->excel)
        return usage_error("%s", diag_text("--csv and --excel: choose one"));
    if (!o->file)
        return usage_error("%s needs a REPORT.json", o->command);
    return 0;
}

/* The options every command takes from the environment. */
static void defaults(options *o)
{
    if (!o->data_dir)
        o->data_dir = bc_data_dir();
    if (!o->lang)
        o->lang = getenv("BAOCAO_LANG");
    if (!o->lang || !*o->lang)
        o->lang = "vi";
}

/* A folder given for REPORT means its report.json (kept in buf). */
static void report_path(options *o, char *buf, size_t size)
{
    struct stat st;
    if (o->file && stat(o->file, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t n = strlen(o->file);
        snprintf(buf, size, "%s%sreport.json", o->file, n && o->file[n - 1] == '/' ? "" : "/");
        o->file = buf;
    }
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

static void print_finding(FILE *f, const char *indent, const finding *x)
{
    if (x->d.key[0])
        fprintf(f, "%s[%s]: %s\n", indent, x->d.key, x->d.msg);
    else
        fprintf(f, "%s%s\n", indent, x->d.msg);
}

/* batch's progress bar on stderr. */
static void draw_progress(void *ctx, size_t done, size_t total)
{
    enum { WIDTH = 40 };
    size_t fill = done * WIDTH / total;
    char bar[WIDTH + 1];
    memset(bar, '#', fill);
    memset(bar + fill, '.', WIDTH - fill);
    bar[WIDTH] = 0;
    fprintf(stderr, "\r[%s] %zu/%zu", bar, done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* archive: a line per file on stdout; with --quiet only the conflicts, on stderr. */
static void print_filed(void *ctx, const archive_event *e)
{
    const options *o = ctx;
    if (o->quiet && e->outcome != ARCHIVE_CONFLICTED)
        return;
    FILE *f = o->quiet ? stderr : stdout;
    if (e->outcome == ARCHIVE_CONFLICTED && !*e->there)
        fprintf(f, "conflict %s: a longer file there, %s in %s; left as it is\n", e->rel, e->sha, e->file);
    else if (e->outcome == ARCHIVE_CONFLICTED)
        fprintf(f, "conflict %s: SHA-256 %s there, %s in %s; left as it is\n", e->rel, e->there, e->sha, e->file);
    else
        fprintf(f, "%s %s\n", e->outcome == ARCHIVE_STORED    ? "stored"
                              : e->outcome == ARCHIVE_UPDATED ? "updated (the signed version replaces the unsigned one)"
                                                              : "skipped (same SHA-256)",
                e->rel);
}

/* Whether a finding of severity s is printed: warnings unless --quiet,
 * notes with --verbose. */
static int shown(const options *o, severity s)
{
    return s == SEVERITY_ERROR || (s == SEVERITY_WARNING && !o->quiet) || (s == SEVERITY_NOTE && o->verbose);
}

static const char *severity_word(severity s)
{
    return s == SEVERITY_ERROR ? diag_text("error") : s == SEVERITY_WARNING ? diag_text("warning") : diag_text("note");
}

/* What the library tells while it works (it prints nothing itself):
 * archive's warnings. */
static void print_told(void *ctx, severity s, const diag *d)
{
    if (shown(ctx, s))
        fprintf(stderr, "baocao: %s: %s\n", severity_word(s), d->msg);
}

static void print_one(const finding *x)
{
    fprintf(stderr, "baocao: %s ", severity_word(x->severity));
    print_finding(stderr, "", x);
}

/* The review's warnings, as render and batch print them before their work. */
static void print_warnings(const options *o, const findings *w)
{
    for (size_t i = 0; i < w->n; i++)
        if (shown(o, w->v[i].severity))
            print_one(&w->v[i]);
}

static void render_options(const options *o, render_opts *ro, findings *review)
{
    render_opts_default(ro, o->data_dir);
    ro->font = o->font;
    ro->pdfa = o->pdfa;
    ro->report.blank_number = o->blank_number;
    ro->unit = o->unit;
    ro->input = o->input;
    ro->sidecar = !o->no_sidecar;
    ro->formats = o->formats;
    ro->strict = o->strict;
    ro->review = review;
}

static int render(const options *o)
{
    render_opts ro;
    findings w = {0};
    render_options(o, &ro, &w);
    render_result res;
    diag d = {0};
    int rc = render_file(o->file, o->out, &ro, &res, &d);
    print_warnings(o, &w);
    findings_free(&w);
    if (rc < 0)
        return fail(&d);
    if (o->print_fields) {
        print_rect("ChuKyNguoiKy", &res.signature);
        print_rect("DauCoQuan", &res.seal);
    }
    return 0;
}

static int batch(const options *o)
{
    findings w = {0};
    batch_opts bo = {.out_dir = o->out, .jobs = o->jobs, .progress = !o->quiet && isatty(2) ? draw_progress : NULL};
    render_options(o, &bo.render, &w);
    batch_result res;
    diag d = {0};
    int failed = batch_run(o->file, &bo, &res, &d) < 0;
    print_warnings(o, &w);
    findings_free(&w);
    if (failed)
        return fail(&d);
    for (size_t i = 0; i < res.nfailures; i++)
        fprintf(stderr, "baocao: %s: %s: %s\n", diag_text("error"), res.failures[i].unit, res.failures[i].message);
    if (!o->quiet)
        fprintf(stderr, "baocao: %zu documents and manifest.json in %s%s\n", res.written, o->out,
                res.nfailures ? ", some units failed" : "");
    int rc = res.nfailures ? EXIT_INPUT : 0;
    batch_result_free(&res);
    return rc;
}

static value *findings_json(const findings *f, severity s)
{
    value *l = value_list();
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].severity != s)
            continue;
        value *m = value_list_push(l, value_map());
        value_map_set(m, "key", value_string(f->v[i].d.key));
        value_map_set(m, "message", value_string(f->v[i].d.msg));
    }
    return l;
}

/* `check`: the review grouped by severity, or as JSON; exit 1 on errors. */
static int check(const options *o)
{
    render_opts ro;
    findings f = {0};
    check_result cr;
    render_options(o, &ro, NULL);
    size_t errors = render_check(o->file, &ro, &f, &cr), warnings = findings_count(&f, SEVERITY_WARNING);
    if (o->json) {
        value *j = value_map();
        value_map_set(j, "report", value_string(o->file));
        value_map_set(j, "ok", value_bool(errors == 0));
        value_map_set(j, "errors", findings_json(&f, SEVERITY_ERROR));
        value_map_set(j, "warnings", findings_json(&f, SEVERITY_WARNING));
        value_map_set(j, "notes", findings_json(&f, SEVERITY_NOTE));
        sbuf b = {0};
        value_write_json(j, &b);
        fputs(sbuf_str(&b), stdout);
        sbuf_free(&b);
        value_free(j);
    } else {
        /* Grouped: the errors, the warnings, the notes, each as render prints it. */
        for (int s = SEVERITY_ERROR; s <= SEVERITY_NOTE; s++)
            for (size_t i = 0; i < f.n && shown(o, (severity)s); i++)
                if (f.v[i].severity == (severity)s)
                    print_one(&f.v[i]);
        if (errors)
            fprintf(stderr, diag_text("%s: %zu errors, %zu warnings"), o->file, errors, warnings), fputc('\n', stderr);
        else
            printf(diag_text("%s: ok (%zu units, scheme %s), %zu warnings"), o->file, cr.units, cr.scheme, warnings),
                putchar('\n');
    }
    findings_free(&f);
    return errors ? EXIT_INPUT : 0;
}

/* --to-dir DIR is --to DIR: archive_files takes a plain path as local. */
static int archive(const options *o)
{
    archive_stats st;
    diag d = {0};
    archive_report r = {.filed = print_filed, .warnings = {print_told, (void *)o}, .ctx = (void *)o};
    int rc = archive_files(o->files, o->nfiles, o->to, &r, &st, &d);
    if (!o->quiet)
        fprintf(stderr, "baocao: archive: %d stored, %d updated, %d skipped, %d conflicts\n", st.stored,
                st.updated, st.skipped, st.conflicts);
    if (rc < 0)
        return fail(&d);
    return rc == ARCHIVE_CONFLICT ? EXIT_CONFLICT : 0;
}

/* score, facts: the data the documents are made from, with the review's
 * warnings as render prints them. */
static int inspect(const options *o)
{
    diag d = {0};
    pipeline p;
    if (pipeline_load(&p, o->file, o->data_dir, &o->input, 0, &d) < 0)
        return fail(&d);
    findings w = {0};
    review_dataset(&p.ds, &p.sc, o->strict, &w);
    print_warnings(o, &w);
    size_t errors = findings_count(&w, SEVERITY_ERROR);
    findings_free(&w);
    if (!errors && !strcmp(o->command, "score")) {
        table_print(stdout, &p.ds, &p.sc, o->excel ? TABLE_EXCEL : o->csv ? TABLE_CSV : TABLE_TEXT);
    } else if (!errors) {
        report_opts ro = {.blank_number = o->blank_number, .templates = NULL};
        value *f = pipeline_facts(&p, &ro, &d);
        if (!f) {
            pipeline_free(&p);
            return fail(&d);
        }
        sbuf b = {0};
        value_write_json(f, &b);
        fputs(sbuf_str(&b), stdout);
        sbuf_free(&b);
        value_free(f);
    }
    pipeline_free(&p);
    return errors ? EXIT_INPUT : 0;
}

/* `baocao serve ARGS`: baocao-serve ARGS, from the folder of this program. */
static int run_serve(char **argv)
{
    char self[4096], path[4200];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = 0;
    char *slash = strrchr(self, '/');
    snprintf(path, sizeof path, "%.*s/baocao-serve", slash ? (int)(slash - self) : 1, slash ? self : ".");
    execv(path, argv + 1);
    options o = {0};
    defaults(&o);
    load_messages(&o);
    fprintf(stderr, "baocao: ");
    fprintf(stderr, diag_text("%s: cannot run: %s"), path, strerror(errno));
    fputc('\n', stderr);
    return EXIT_INPUT;
}

static int run(int argc, char **argv)
{
    char **files = xcalloc((size_t)argc, sizeof *files);  /* archive: room for every argument */
    char report[4096];
    options o = {.pdfa = PDFA_1B, .files = files};
    int rc = parse_args(argc, argv, &o);
    defaults(&o);
    int lrc = load_messages(&o);   /* usage errors are printed in the chosen language */
    atexit(diag_catalog_free);
    if (rc == 0)
        rc = lrc;
    if (rc) {
        free(files);
        return rc == EXIT_USAGE ? print_usage_error(pending_fmt, pending_arg) : rc;
    }
    if (o.help || !strcmp(o.command, "help")) {
        free(files);
        return help(o.help ? o.command : o.file);
    }
    report_path(&o, report, sizeof report);
    if (!strcmp(o.command, "archive"))
        rc = archive(&o);
    free(files);
    if (rc || !strcmp(o.command, "archive"))
        return rc;
    if (!strcmp(o.command, "render"))
        return render(&o);
    if (!strcmp(o.command, "batch"))
        return batch(&o);
    if (!strcmp(o.command, "check"))
        return check(&o);

    return inspect(&o);
}

int main(int argc, char **argv)
{
    /* serve is the program baocao-serve beside this one (src/serve/). */
    if (argc > 1 && !strcmp(argv[1], "serve"))
        return run_serve(argv);
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
