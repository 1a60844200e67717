/* fuzz_tmpl.c — a template parsed and rendered against a small fixed data
 * tree that has every kind of value; {{> t}} includes the input itself. */
#include "fuzz.h"
#include "tmpl.h"

static value *unit_value(const char *name, dec score)
{
    value *u = value_map();
    value_map_set(u, "name", value_string(name));
    value_map_set(u, "score", value_number(score));
    value_map_set(u, "date", value_string("2023-07-31"));
    return u;
}

static value *data_tree(void)
{
    value *v = value_map();
    value_map_set(v, "title", value_string("Báo cáo *kết quả* {{x}}"));
    value_map_set(v, "n", value_number(0));
    value_map_set(v, "yes", value_bool(1));
    value_map_set(v, "none", value_null());
    value_map_set(v, "empty", value_list());
    value *units = value_map_set(v, "units", value_list());
    value_list_push(units, unit_value("UBND xã Thanh Nưa", 84690000));
    value_list_push(units, unit_value("Phòng Nội vụ", -1500000));
    value_map_set(v, "unit", unit_value("UBND xã Núa Ngam", 100000000));
    value *names = value_map_set(v, "names", value_list());
    value_list_push(names, value_string("a"));
    value_list_push(names, value_string("b"));
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static value *tree;
    static const char *search[2];
    if (!tree) {
        tree = data_tree();
        search[0] = strdup(fuzz_path(""));
    }
    fuzz_put("t.tpl", data, size);
    doc out = {0};
    diag d = {0};
    tmpl_render("t", search, tree, &out, &d);
    doc_free(&out);
    return 0;
}
