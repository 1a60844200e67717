/* baocao.h — the public C API of libbaocao: official Vietnamese reports
 * (BÁO CÁO) and per-unit notices (công văn) as PDF/A per NĐ 30/2020/NĐ-CP,
 * from a report.json, its score files and a scheme.
 *
 *     bc_error err;
 *     bc_report *r;
 *     if (bc_report_open(&r, "report.json", NULL, &err) < 0 ||
 *         bc_render_report(r, "report.pdf", NULL, &err) < 0)
 *         fprintf(stderr, "[%s] %s\n", err.key, err.message);
 *     bc_report_close(r);
 *
 * Conventions. Every function that can fail returns 0, or -1 with *err
 * filled (err may be NULL); nothing is printed (warnings go to
 * bc_options.notify) and nothing aborts: running out of memory in any bc_
 * function is the error "out-of-memory" (what the failed call held is not
 * recovered). Strings are UTF-8. Names are prefixed bc_ / BC_; the
 * library exports nothing else. Build with `pkg-config --cflags --libs baocao`.
 *
 * Threads. Each function says whether it may run on several threads at once.
 * bc_set_language changes process-wide state: call it first, alone.
 *
 * Cancelling. A call given bc_options.cancelled asks it, at bounded
 * intervals, whether to stop: between the stages (load and score, review,
 * facts, templates, phụ lục, layout, writing), every 1,024 lines of a CSV
 * file, before each page of a layout and of a PDF, before each document of
 * bc_batch (on each of its threads) and of bc_check, while bc_batch's ZIP
 * is compressed, and before each file of bc_archive. Once it returns non-zero the call stops at the next of these
 * points and returns -1 with the error "cancelled", leaving no output
 * behind: no PDF, DOCX or sidecar; bc_batch commits nothing (its folder
 * keeps its previous files and manifest, or is removed if the call created
 * it; no ZIP); bc_check returns no findings; bc_archive leaves the files
 * already filed, listed in the archive's manifest, as after any error. The
 * longest stretches without a question are building one document's facts
 * and decoding one input file (0.2 s of processor for a report of 30,000
 * units: bench/cancel.sh). cancelled may be called from several of the
 * library's threads at once (bc_batch), so it must be thread-safe, and
 * should be cheap. */
#ifndef BAOCAO_H
#define BAOCAO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define BC_API __attribute__((visibility("default")))
#else
#define BC_API
#endif

#define BC_VERSION "0.1.0"

/* An error: a stable key for programs ("score-above-max", "json-date",
 * "out-of-memory"; the keys are listed with their messages in
 * <datadir>/templates/messages/vi.txt), the message for people (English, or
 * the language of bc_set_language), and where, when the library knows it:
 * the input file (report.json, a scheme, a scores CSV/XLSX, a template),
 * its line (1-based: the JSON or template line, the CSV line, the
 * worksheet row), its column (1-based: the JSON or template column, the
 * CSV field or worksheet column), the unit and the indicator. Fields that
 * do not apply are "" / 0. Over-long texts are cut at a character boundary
 * and end with "…". Warnings and notes (bc_notify_fn) have the same shape. */
typedef struct bc_error {
    char key[48];
    char message[1024];
    char file[512];
    int line;
    int column;
    char unit[256];
    char indicator[128];
} bc_error;

/* Told what does not stop a call (the library prints nothing): the
 * warnings of the pre-print review (BC_WARNING), and notes (BC_NOTE) such as
 * how each scores file was read (key "scores-read") or a column read past.
 * Called on the calling thread, during the call. */
typedef enum bc_severity { BC_ERROR = 0, BC_WARNING, BC_NOTE } bc_severity;
typedef void bc_notify_fn(void *ctx, bc_severity severity, const bc_error *what);

typedef enum bc_pdfa { BC_PDFA_1B = 0, BC_PDFA_2B, BC_PDFA_NONE } bc_pdfa;

/* What bc_render_report and bc_render_notice write: by default decided by
 * the file's name (.docx: an editable DOCX laid out like the PDF, with no
 * sidecar; anything else: the PDF). */
typedef enum bc_format { BC_FORMAT_AUTO = 0, BC_FORMAT_PDF, BC_FORMAT_DOCX } bc_format;

/* Options; a NULL pointer or a zeroed struct means the defaults. */
typedef struct bc_options {
    const char *data_dir;  /* templates/ and fonts/; NULL: bc_data_dir() */
    const char *font;      /* a fontconfig family or a .ttf; NULL: Times New Roman, else the shipped Tinos */
    bc_pdfa pdfa;          /* PDF/A-1b by default */
    int blank_number;      /* leave số and day/month blank for the e-office system to stamp */
    int no_sidecar;        /* do not write the archive metadata X.meta.json next to a PDF */
    int notices;           /* bc_report_open: read the "notices" object too (needed by bc_render_notice) */
    bc_notify_fn *notify;  /* bc_report_open: its warnings and notes; NULL: not told */
    void *notify_ctx;
    bc_format format;      /* PDF or DOCX; BC_FORMAT_AUTO: by the output's name */
    int jobs;              /* bc_batch: documents made in parallel; <= 0: one per processor */
    int (*cancelled)(void *ctx);  /* non-zero: stop (see Cancelling above); NULL: never */
    void *cancel_ctx;
} bc_options;

/* A report.json loaded and scored: opaque, read-only once open. */
typedef struct bc_report bc_report;

/* The library's version, "0.1.0". Thread-safe. */
BC_API const char *bc_version(void);

/* Where the data (templates/, fonts/) are found by default: $BAOCAO_DATADIR
 * if set, else <prefix>/share/baocao beside the installed library (found at
 * run time, so an installed tree may move), else the source tree the library
 * was built from. Thread-safe (the result lives as long as the process). */
BC_API const char *bc_data_dir(void);

/* Messages in language `lang` ("en": the built-in English; "vi": the
 * catalog <data_dir>/templates/messages/vi.txt). Not thread-safe: call it
 * before any other bc_ function runs on another thread. */
BC_API int bc_set_language(const char *lang, const char *data_dir, bc_error *err);

/* Loads report.json at `path`, its scheme and score files (relative to its
 * directory), scores it and compiles the templates its documents use.
 * Thread-safe: any number of reports may be opened at once. */
BC_API int bc_report_open(bc_report **out, const char *path, const bc_options *o, bc_error *err);

/* Closes r (NULL is fine). Not while another thread still renders from r. */
BC_API void bc_report_close(bc_report *r);

/* The units of r, in table order; the warnings of its pre-print review (a
 * total given by the source that disagrees with its parts, period words
 * that disagree with the period, units gone since last period, …). The strings live
 * as long as r. Thread-safe. */
BC_API size_t bc_report_unit_count(const bc_report *r);
BC_API const char *bc_report_unit_name(const bc_report *r, size_t i);
BC_API size_t bc_report_warning_count(const bc_report *r);
BC_API const char *bc_report_warning(const bc_report *r, size_t i);

/* Renders the report as a PDF at `pdf` (written to a temporary file and
 * renamed: never a partial file), with its archive sidecar unless
 * o->no_sidecar. Thread-safe: several threads may render from one r at once
 * (to different files). o->data_dir and o->font are those of the open. */
BC_API int bc_render_report(const bc_report *r, const char *pdf, const bc_options *o, bc_error *err);

/* The same for the notice of the unit called `unit` (r opened with
 * o->notices). Thread-safe as bc_render_report. */
BC_API int bc_render_notice(const bc_report *r, const char *unit, const char *pdf, const bc_options *o,
                            bc_error *err);

/* Frees what the functions below return (NULL is fine). */
BC_API void bc_free(void *p);

/* The translation of a fixed English text or format of a front end (in the
 * language of bc_set_language; the text itself without an entry), so that
 * programs built on the library print in the same language. Thread-safe
 * once the language is set. */
BC_API const char *bc_message(const char *english);

/* One finding of `check`: an error (render would refuse), a warning
 * (render goes on) or a note (how a scores file was read), with its stable
 * key and location in e (bc_severity is declared with bc_notify_fn). */

typedef struct bc_finding {
    bc_severity severity;
    bc_error e;
} bc_finding;

/* `check`: everything render and batch would do short of writing — load,
 * score, review, build and lay out the report and, when report.json has
 * "notices", every unit's notice — with every error, warning and note in
 * *findings (*count of them; bc_free it) instead of stopping at the first.
 * Returns the number of errors, or -1 (err set) when it could not run
 * (out of memory). Thread-safe. */
BC_API long bc_check(const char *path, const bc_options *o, bc_finding **findings, size_t *count, bc_error *err);

/* The data the report's templates get (the `facts` command) as UTF-8 JSON
 * in *json (bc_free it), as the report would be built with o. Thread-safe. */
BC_API int bc_facts(const bc_report *r, const bc_options *o, char **json, bc_error *err);

/* The report and one notice per unit (report.json's "notices") into the
 * directory `out` with out/manifest.json, on o->jobs threads; with as_zip,
 * `out` is instead a ZIP file holding the same files (written to a temporary
 * file and renamed: never a partial file). When a unit fails, err names it
 * and -1 is returned: the folder holds the others with their manifest; no
 * ZIP is written. Thread-safe for different outputs. */
BC_API int bc_batch(const char *path, const char *out, int as_zip, const bc_options *o, bc_error *err);

/* The ZIP bc_batch's as_zip writes, made from a batch folder `dir` that
 * bc_batch wrote (its manifest's files, then manifest.json; the same bytes
 * as as_zip gives): for a caller that keeps the folder too. Written to a
 * temporary file and renamed. Thread-safe for different outputs. */
BC_API int bc_batch_zip(const char *dir, const char *zip, bc_error *err);

/* What bc_archive did with one file (a PDF or its sidecar), rel being its
 * place in the archive ("2024/<agency>/96-BC-UBND.pdf"). */
typedef enum bc_filed {
    BC_FILED_STORED = 0,
    BC_FILED_UPDATED,      /* a signed version replaced the unsigned one */
    BC_FILED_SKIPPED,      /* already there, same SHA-256 */
    BC_FILED_CONFLICT      /* other content there under that name: left as it is */
} bc_filed;
typedef void bc_filed_fn(void *ctx, bc_filed what, const char *rel);

/* `archive`: files the PDFs of paths (n of them: a PDF with its sidecar, or
 * a directory: its PDFs) into the document management system at `to` —
 * "http(s)://…" a WebDAV collection (the password from BAOCAO_DAV_USER and
 * BAOCAO_DAV_PASSWORD, the URL's user:password@ or ~/.netrc), "file:///DIR"
 * or a directory. Each file's outcome goes to filed(ctx, …) (NULL: not
 * told), warnings to o->notify, both on the calling thread. Returns 0 when
 * every file is in place, 1 when some were conflicts (the others filed), -1
 * on an error (err set; a second call completes what the first began).
 * Thread-safe for different targets; calls filing into one target must not
 * overlap. */
BC_API int bc_archive(char *const *paths, size_t n, const char *to, bc_filed_fn *filed, void *ctx,
                      const bc_options *o, bc_error *err);

#ifdef __cplusplus
}
#endif

#endif
