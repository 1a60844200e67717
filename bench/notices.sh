#!/usr/bin/env bash
# bench/notices.sh — notices per second and peak RSS of `baocao batch` for
# a district of 1,000 communes, with --jobs 1 and --jobs 2 (not a test).
# The dataset is made on the fly by bench/district.sh.
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
"$root/bench/district.sh" "$dir" "$units"

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
