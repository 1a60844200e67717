#!/usr/bin/env python3
"""communes.py SAMPLE_DIR N OUT_DIR — a district of N communes for timing
`baocao batch`: the units of SAMPLE_DIR (samples/dinh-hoa-2024-02, 23
communes with scores, previous scores, statistics and notice metadata) are
repeated with a number after each name ("Xã Bảo Cường 017") until there are
N. Every file the report names is rewritten with the same rows per unit, so
the notices are as long as the sample's."""
import csv
import io
import json
import os
import sys


def clone_names(units, n):
    """[(new name, original name)] for n units, cycling through units."""
    return [("%s %03d" % (units[i % len(units)], i // len(units) + 1), units[i % len(units)])
            for i in range(n)]


def rewrite_csv(src, dst, names):
    """Rows of each original unit (first column), once per clone, in clone order."""
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    by_unit = {}
    for r in rows[1:]:
        by_unit.setdefault(r[0], []).append(r)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(rows[0])
    for new, old in names:
        for r in by_unit[old]:
            w.writerow([new] + r[1:])
    with open(dst, "w", encoding="utf-8") as f:
        f.write(out.getvalue())


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: communes.py SAMPLE_DIR N OUT_DIR")
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(src, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    with open(os.path.join(src, report["scores"]), encoding="utf-8", newline="") as f:
        units = [r[0] for r in list(csv.reader(f))[1:]]
    names = clone_names(units, n)
    notices = report["notices"]
    for name in (report["scores"], report.get("previous"), notices.get("statistics")):
        if name:
            rewrite_csv(os.path.join(src, name), os.path.join(out, name), names)
    if notices.get("units"):
        with open(os.path.join(src, notices["units"]), encoding="utf-8") as f:
            meta = {u["unit"]: u for u in json.load(f)["units"]}
        clones = [dict(meta[old], unit=new) for new, old in names]
        with open(os.path.join(out, notices["units"]), "w", encoding="utf-8") as f:
            json.dump({"units": clones}, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
