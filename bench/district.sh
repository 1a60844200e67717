#!/usr/bin/env bash
# bench/district.sh DIR UNITS — a district of UNITS communes in DIR
# (report.json, both periods' scores, units.json, statistics), made from
# samples/dinh-hoa-2024-02: its 23 communes repeated with a number after
# their names ("Xã Bình Thành 17"), each with its issuer and its Phụ lục
# I/II statistics. For bench/notices.sh, and for the tests that need a
# large input (tests/serve_timeout.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1 units=$2
mkdir -p "$dir"
src=$root/samples/dinh-hoa-2024-02
copies=$(((units + 22) / 23))

# The unit name is the first field of every CSV row; "Name" becomes "Name k"
# for copy k, and only the first $units units are kept.
repeat_csv() {
    awk -F, -v OFS=, -v copies="$copies" -v units="$units" '
        NR == 1 { print; next }
        { rows[++n] = $0 }
        END {
            for (k = 1; k <= copies; k++)
                for (i = 1; i <= n; i++) {
                    split(rows[i], f, ",")
                    if (!(f[1] in idx)) idx[f[1]] = ++distinct
                    if ((k - 1) * distinct + idx[f[1]] > units) continue
                    line = rows[i]
                    sub(/^[^,]*/, f[1] " " k, line)
                    print line
                }
        }' "$1"
}
for f in scores-2024-01.csv scores-2024-02.csv statistics-2024-02.csv; do
    repeat_csv "$src/$f" >"$dir/$f"
done
# units.json: the same issuers, one block per unit, renamed the same way.
awk -v copies="$copies" -v units="$units" '
    /^  \{$/ { block = ""; inside = 1 }
    inside { block = block $0 "\n" }
    /^  \}/ { blocks[++n] = block; inside = 0 }
    END {
        printf "{\"units\": [\n"
        m = 0
        for (k = 1; k <= copies; k++)
            for (i = 1; i <= n && m < units; i++) {
                b = blocks[i]
                sub(/\n$/, "", b); sub(/,$/, "", b)
                match(b, /"unit": "[^"]*"/)
                name = substr(b, RSTART, RLENGTH - 1)
                b = substr(b, 1, RSTART - 1) name " " k "\"" substr(b, RSTART + RLENGTH)
                printf "%s%s\n", (m++ ? "," : ""), b
            }
        printf "]}\n"
    }' "$src/units.json" >"$dir/units.json"
cp "$src/report.json" "$dir/report.json"

