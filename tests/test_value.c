/* test_value.c — the value tree templates read. */
#include "check.h"
#include "value.h"

int main(void)
{
    value *root = value_map();
    value *unit = value_map_set(root, "unit", value_map());
    value_map_set(unit, "name", value_string("UBND xã Lay Nưa"));
    value *now = value_map_set(unit, "now", value_map());
    value_map_set(now, "converted", value_number(DEC_INT(97) + 230000));
    value *sections = value_map_set(root, "sections", value_list());
    value_map_set(value_list_push(sections, value_map()), "title", value_string("Cấp thị"));
    value_map_set(value_list_push(sections, value_map()), "title", value_string("Cấp xã"));
    value_map_set(root, "none", value_null());

    CHECK_STR(value_get(root, "unit.name")->u.string, "UBND xã Lay Nưa");
    CHECK_INT(value_get(root, "unit.now.converted")->u.number, 97230000);
    CHECK_STR(value_get(root, "sections.0.title")->u.string, "Cấp thị");
    CHECK_STR(value_get(root, "sections.1.title")->u.string, "Cấp xã");
    CHECK(value_get(root, "") == root);
    CHECK(value_get(root, "sections.2.title") == NULL);
    CHECK(value_get(root, "sections.x") == NULL);
    CHECK(value_get(root, "unit.nmae") == NULL);
    CHECK(value_get(root, "unit.name.more") == NULL);
    CHECK(value_get(root, "none")->kind == VALUE_NULL);

    /* Setting a key again replaces the value in place and keeps the order. */
    value_map_set(unit, "name", value_string("UBND phường Na Lay"));
    CHECK_INT(unit->u.map.n, 2);
    CHECK_STR(unit->u.map.entries[0].key, "name");
    CHECK_STR(value_get(root, "unit.name")->u.string, "UBND phường Na Lay");
    CHECK_STR(root->u.map.entries[2].key, "none");

    /* Truth, as sections see it. */
    value *t[] = {value_null(), value_bool(0), value_bool(1), value_number(0), value_number(-1),
                  value_string(""), value_string("0"), value_list(), value_map()};
    int want[] = {0, 0, 1, 0, 1, 0, 1, 0, 1};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        CHECK_INT(value_truthy(t[i]), want[i]);
        value_free(t[i]);
    }
    CHECK(value_truthy(sections));
    CHECK_STR(value_kind_name(VALUE_LIST), "a list");

    /* A copy is deep: equal in every part, and independent of the original. */
    value *copy = value_copy(root);
    sbuf a = {0}, b = {0};
    value_write_json(root, &a);
    value_write_json(copy, &b);
    CHECK_STR(sbuf_str(&b), sbuf_str(&a));
    CHECK(value_get(copy, "unit.name") != value_get(root, "unit.name"));
    value_free(root);
    CHECK_STR(value_get(copy, "unit.name")->u.string, "UBND phường Na Lay");
    sbuf_free(&a);
    sbuf_free(&b);
    value_free(copy);
    value_free(NULL);
    CHECK_DONE();
}
