/* facts.c — the value tree a report's templates read. */
#include "facts.h"
#include "sbuf.h"

#include <stdio.h>
#include <string.h>

/* Small setters: a map entry from a C value; NULL strings become null so
 * that templates can test for them. */
static void set_str(value *m, const char *key, const char *s)
{
    value_map_set(m, key, s ? value_string(s) : value_null());
}

static void set_int(value *m, const char *key, long n)
{
    value_map_set(m, key, value_number(DEC_INT(n)));
}

static void set_strv(value *m, const char *key, char *const *v, size_t n)
{
    value *l = value_map_set(m, key, value_list());
    for (size_t i = 0; i < n; i++)
        value_list_push(l, value_string(v[i]));
}

/* "2024-03" (day 0) or "2024-03-05": the form the date formatters read. */
static void set_date(value *m, const char *key, int y, int mo, int d)
{
    char buf[32];
    if (d)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    else
        snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
    set_str(m, key, buf);
}

value *facts_common(const dataset *ds)
{
    value *f = value_map();
    char code[128];

    value *doc = value_map_set(f, "document", value_map());
    set_str(doc, "type", ds->doc_type);
    set_str(doc, "type_code", ds->type_code);
    set_str(doc, "number", ds->number);
    set_str(doc, "notation", ds->notation);
    dataset_code(ds, code, sizeof code);
    set_str(doc, "code", code);
    set_str(doc, "place", ds->place);
    set_date(doc, "date", ds->date.year, ds->date.month, ds->date.day ? ds->date.day : 1);
    set_str(doc, "subject", ds->subject);

    value *ag = value_map_set(f, "agency", value_map());
    set_str(ag, "name", ds->agency_name);
    set_str(ag, "full_name", ds->agency_full);
    set_str(ag, "locality", ds->locality);
    set_str(ag, "parent", ds->parent_agency);

    value *per = value_map_set(f, "period", value_map());
    set_int(per, "month", ds->period_month);
    set_int(per, "year", ds->period_year);
    set_date(per, "date", ds->period_year, ds->period_month, 0);
    int pm = ds->period_month == 1 ? 12 : ds->period_month - 1;
    set_date(per, "previous", ds->period_month == 1 ? ds->period_year - 1 : ds->period_year, pm, 0);

    value *sg = value_map_set(f, "signer", value_map());
    set_str(sg, "name", ds->signer.name);
    set_str(sg, "position", ds->signer.position);

    value *sch = value_map_set(f, "scheme", value_map());
    set_str(sch, "title", ds->scheme.title);
    set_str(sch, "legal_basis", ds->scheme.legal_basis);
    set_str(sch, "na_note", ds->scheme.na_note);
    set_int(f, "scale", ds->scale);
    set_strv(f, "addressees", ds->addressees, ds->naddressees);
    return f;
}

value *facts_report(const dataset *ds, const scoring *sc)
{
    (void)sc;
    return facts_common(ds);
}
