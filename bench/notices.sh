#!/usr/bin/env bash
# bench/notices.sh — notices per second and peak RSS of `baocao batch` for
# a district of 1,000 communes, with --jobs 1 and --jobs 2 (not a test).
# The dataset is made on the fly from samples/dinh-hoa-2024-02: its 23
# communes repeated with a number after their names ("Xã Bình Thành 17"),
# each with its issuer and its Phụ lục I/II statistics.
#   bench/notices.sh [BAOCAO]   (default: build/baocao, built if missing)
# Environment: UNITS (default 1000), JOBS (default "1 2"), BENCH_DIR (kept if given).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
baocao=${1:-$root/build/baocao}
units=${UNITS:-1000}
if [ ! -x "$baocao" ]; then
    cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$root/build" -j2 >/dev/null
fi
dir=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$dir"
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
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

n=$(($(wc -l <"$dir/scores-2024-02.csv") - 1))
echo "bench/notices.sh: $n communes + the district report, $(nproc) processors"
for jobs in ${JOBS:-1 2}; do
    rm -rf "$dir/out"
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M %U %S' -o "$dir/rss" "$baocao" batch "$dir/report.json" -o "$dir/out" --jobs "$jobs" --quiet
    t1=$(date +%s.%N)
    pdfs=$(find "$dir/out" -name '*.pdf' | wc -l)
    # CPU (user + system of all threads) per notice is what a loaded machine
    # disturbs least; it includes loading the input and the district report.
    read -r k u s <<<"$(tail -n 1 "$dir/rss")"
    awk -v j="$jobs" -v n="$n" -v p="$pdfs" -v a="$t0" -v b="$t1" -v k="$k" -v c="$u + $s" 'BEGIN {
        split(c, t, " + ")
        printf "--jobs %d: %d PDFs in %.2f s, %.1f notices/s, %.2f ms CPU/notice, peak RSS %.1f MB\n",
               j, p, b - a, n / (b - a), (t[1] + t[2]) * 1000 / n, k / 1024 }'
done
