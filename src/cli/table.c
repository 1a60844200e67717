/* table.c — printing the computed table. */
#include "table.h"
#include "baocao.h"
#include "numfmt.h"
#include "sbuf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Display width in code points (Vietnamese letters are one column each). */
static size_t width(const char *s)
{
    size_t w = 0, n = strlen(s), i = 0;
    uint32_t cp;
    while (i < n) {
        int k = utf8_next(s + i, n - i, &cp);
        i += k > 0 ? (size_t)k : 1;
        w++;
    }
    return w;
}

static void csv_field(sbuf *b, const char *s, char sep)
{
    if (strchr(s, sep) || strpbrk(s, "\"\n\r")) {
        sbuf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"')
                sbuf_putc(b, '"');
            sbuf_putc(b, *s);
        }
        sbuf_putc(b, '"');
    } else {
        sbuf_puts(b, s);
    }
}

/* Cells of one row as strings (malloc'd), in column order. */
static void row_cells(const dataset *ds, const scoring *sc, size_t u, table_format fmt, char **cells)
{
    const scheme *s = &ds->scheme;
    const unit *un = &ds->units[u];
    const unit_score *us = &sc->units[u];
    char dsep = fmt == TABLE_CSV ? '.' : ',', tsep = fmt == TABLE_TEXT ? '.' : 0;
    char buf[64];
    size_t k = 0;
    cells[k++] = xstrdup(ds->sections[un->section].id);
    cells[k++] = xstrdup(un->name);
    for (size_t i = 0; i < s->nindicators; i++) {
        const score_cell *c = &un->cells[i];
        if (c->state == CELL_VALUE) {
            dec_format(buf, sizeof buf, c->value, 0, 6, dsep, tsep);
            cells[k++] = xstrdup(buf);
        } else {
            cells[k++] = xstrdup(c->state == CELL_NA ? "-" : c->state == CELL_NO_FILES ? s->no_files_marker : "");
        }
    }
    if (us->now.scored) {
        dec_format(buf, sizeof buf, us->now.achieved, 0, 6, dsep, tsep);
        cells[k++] = xstrdup(buf);
        dec_format(buf, sizeof buf, us->now.max, 0, 6, dsep, tsep);
        cells[k++] = xstrdup(buf);
        dec_format(buf, sizeof buf, us->now.converted, s->places, s->places, dsep, tsep);
        cells[k++] = xstrdup(buf);
        cells[k++] = xstrdup(us->now.rating >= 0 ? s->ratings[us->now.rating].name : "");
        snprintf(buf, sizeof buf, "%d", us->now.rank);
        cells[k++] = xstrdup(buf);
    } else {
        cells[k++] = xstrdup("");
        cells[k++] = xstrdup("");
        cells[k++] = xstrdup("");
        /* A status is named by its id, as the scores file writes it. */
        const char *status = NULL;
        for (size_t i = 0; i < s->nstatuses && un->status != STATUS_SCORED; i++)
            if (s->statuses[i].kind == un->status && s->statuses[i].in_table == un->status_in_table)
                status = s->statuses[i].id;
        cells[k++] = xstrdup(fmt != TABLE_TEXT ? "" : status ? status : bc_message("not scored"));
        cells[k++] = xstrdup("");
    }
}

void table_print(FILE *out, const dataset *ds, const scoring *sc, table_format fmt)
{
    const scheme *s = &ds->scheme;
    size_t ncols = s->nindicators + 7, nrows = ds->nunits + 1;
    char **grid = xcalloc(ncols * nrows, sizeof *grid);
    size_t k = 0;
    grid[k++] = xstrdup("section");
    grid[k++] = xstrdup("unit");
    for (size_t i = 0; i < s->nindicators; i++)
        grid[k++] = xstrdup(s->indicators[i].id);
    const char *tail[] = {"achieved", "max", "converted", "rating", "rank"};
    for (size_t i = 0; i < 5; i++)
        grid[k++] = xstrdup(tail[i]);
    for (size_t r = 0; r < ds->nunits; r++)
        row_cells(ds, sc, sc->order[r], fmt, grid + (r + 1) * ncols);

    size_t *w = xcalloc(ncols, sizeof *w);
    for (size_t r = 0; r < nrows; r++)
        for (size_t c = 0; c < ncols; c++)
            if (width(grid[r * ncols + c]) > w[c])
                w[c] = width(grid[r * ncols + c]);
    sbuf b = {0};
    char sep = fmt == TABLE_EXCEL ? ';' : ',';
    if (fmt == TABLE_EXCEL)
        sbuf_puts(&b, "\xEF\xBB\xBF");
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < ncols; c++) {
            const char *cell = grid[r * ncols + c];
            if (fmt != TABLE_TEXT) {
                if (c)
                    sbuf_putc(&b, sep);
                csv_field(&b, cell, sep);
                continue;
            }
            /* Names left-aligned, numbers right-aligned. */
            size_t pad = w[c] - width(cell);
            if (c)
                sbuf_puts(&b, "  ");
            if (c == 1 || c == ncols - 2) {
                sbuf_puts(&b, cell);
                if (c != ncols - 1)
                    for (size_t p = 0; p < pad; p++)
                        sbuf_putc(&b, ' ');
            } else {
                for (size_t p = 0; p < pad; p++)
                    sbuf_putc(&b, ' ');
                sbuf_puts(&b, cell);
            }
        }
        sbuf_puts(&b, fmt == TABLE_EXCEL ? "\r\n" : "\n");
    }
    fputs(sbuf_str(&b), out);
    sbuf_free(&b);
    for (size_t i = 0; i < ncols * nrows; i++)
        free(grid[i]);
    free(grid);
    free(w);
}
