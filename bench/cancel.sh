#!/usr/bin/env bash
# bench/cancel.sh — how soon a cancelled call stops (bc_options.cancelled,
# the time limit of baocao serve): render, check and batch of a district of
# 3,000 communes (bench/district.sh), and a render of 30,000 units, each
# stopped at several moments; prints the wall and processor time from the
# hook's first "stop" to the call's return. Not a test.
#   bench/cancel.sh [BUILD]   (default: build/, built if missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ -e "$build/src/libbaocao.so" ] || { cmake -S "$root" -B "$build" >/dev/null; cmake --build "$build" -j2 >/dev/null; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc -O2 -I"$root/include" "$root/bench/cancel.c" -L"$build/src" -lbaocao -Wl,-rpath,"$build/src" -o "$dir/cancel"
export BAOCAO_DATADIR=$root
"$root/bench/district.sh" "$dir/d3000" 3000
# 30,000 units: the district's scores ten times over, without notices.
mkdir -p "$dir/d30000"
for f in scores-2024-01.csv scores-2024-02.csv; do
    awk -F, -v OFS=, 'NR == 1 { print; next } { rows[++n] = $0 }
        END { for (k = 1; k <= 10; k++) for (i = 1; i <= n; i++) {
            line = rows[i]; split(line, f, ","); sub(/^[^,]*/, f[1] "-" k, line); print line } }' \
        "$dir/d3000/$f" >"$dir/d30000/$f"
done
sed '/"notices": {/,/^  }/d; s/"sort": "table",/"sort": "table"/' "$dir/d3000/report.json" >"$dir/d30000/report.json"
for t in 0.1 0.2 0.4 0.8 1.6; do
    "$dir/cancel" render "$dir/d3000/report.json" "$t" "$dir/r.pdf"
    "$dir/cancel" check "$dir/d3000/report.json" "$t" -
    "$dir/cancel" batch "$dir/d3000/report.json" "$t" "$dir/b.zip"
done
for t in 0.3 0.6 1.2 1.8 2.4 3.0; do
    "$dir/cancel" render "$dir/d30000/report.json" "$t" "$dir/r30000.pdf" | sed 's/^render/render 30,000/'
done
