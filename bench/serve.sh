#!/usr/bin/env bash
# bench/serve.sh — renders per second over HTTP (`baocao serve`, POST
# /api/v1/render) against the CLI (`baocao render`, one process a report),
# in the same run on the same input, and the server's peak RSS.
#   bench/serve.sh [RENDERS] [CLIENTS]    default 100 renders by 4 clients
# Not a test: it prints figures (bench/README.md says how to read them).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100} clients=${2:-4}
bin=build/baocao
[ -x "$bin" ] || { echo "bench/serve.sh: build first (./build.sh samples)" >&2; exit 2; }
S=samples/dinh-hoa-2024-02
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export BAOCAO_DATADIR=$PWD

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }

# The CLI: n processes, `clients` at a time.
t0=$(now)
seq "$n" | xargs -P "$clients" -I{} "$bin" render "$S/report.json" -o "$tmp/cli-{}.pdf" --quiet --no-sidecar
t1=$(now)

# The server: the same renders as HTTP requests.
"$bin" serve --listen 127.0.0.1:0 --state-dir "$tmp/state" --workers "$clients" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 300); do url=$(sed -n 's|^baocao serve: \(http://[0-9.:]*\)/$|\1|p' "$tmp/out"); [ -n "$url" ] && break; sleep 0.1; done
t2=$(now)
seq "$n" | xargs -P "$clients" -I{} curl -sf -o "$tmp/http-{}.pdf" -F "report=@$S/report.json" \
    -F "scores=@$S/scores-2024-02.csv" -F "previous=@$S/scores-2024-01.csv" "$url/api/v1/render"
t3=$(now)
rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
same=$(for i in $(seq "$n"); do cmp -s "$tmp/cli-$i.pdf" "$tmp/http-$i.pdf" && echo; done | wc -l)
echo "renders: $n by $clients clients on $(nproc) processors"
echo "CLI:  $(rate "$n" "$t0" "$t1") renders/s"
echo "HTTP: $(rate "$n" "$t2" "$t3") renders/s (server peak RSS $((rss / 1024)) MB)"
echo "identical PDFs: $same of $n"
