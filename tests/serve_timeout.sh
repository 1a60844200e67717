#!/usr/bin/env bash
# serve_timeout.sh — the job time limit of `baocao serve` (--job-timeout)
# stops the job, not only the answer: a batch of 3,000 communes (made by
# bench/district.sh, 16 MB of uploads) past a 3-second limit on a server
# with one worker gets the JSON 503; the worker is free at once (a small
# render right after it succeeds, which it could not within its own 3
# seconds while the batch ran on), the request's temporary folder is gone,
# and the server stops using the processor.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null && command -v jq >/dev/null || exit 77

d=$tmp/district
"$SRC/bench/district.sh" "$d" 3000
big=(-F "report=@$d/report.json" -F "scores=@$d/scores-2024-02.csv" -F "previous=@$d/scores-2024-01.csv"
     -F "units=@$d/units.json" -F "statistics=@$d/statistics-2024-02.csv")
S=$SRC/samples/dinh-hoa-2024-02
small=(-F "report=@$S/report.json" -F "scores=@$S/scores-2024-02.csv" -F "previous=@$S/scores-2024-01.csv")
# status URL ARGS...: the HTTP status, the body in $tmp/body.
status() { local u=$1; shift; curl -s -o "$tmp/body" -w '%{http_code}' "$@" "$u"; }
# cpu: the server's processor time so far (user + system, in clock ticks).
cpu() { awk '{ print $14 + $15 }' "/proc/$SERVE_PID/stat"; }

st=$tmp/s
expect "the server starts" serve_start "$st" --workers 1 --job-timeout 3
U=$SERVE_URL

t0=$(date +%s%N)
expect_eq "a batch past the limit: 503" "$(status "$U/api/v1/batch" "${big[@]}")" 503
t1=$(date +%s%N)
expect_eq "  the JSON error" "$(jq -r .error.key "$tmp/body")" job-timeout
echo "serve_timeout: the 503 came $(((t1 - t0) / 1000000)) ms after the request began (limit 3000 ms)"
expect_eq "the one worker is free: a render right after succeeds" "$(status "$U/api/v1/render" "${small[@]}")" 200
t2=$(date +%s%N)
echo "serve_timeout: the render after it took $(((t2 - t1) / 1000000)) ms"
for _ in $(seq 50); do [ -z "$(ls -A "$st/tmp")" ] && break; sleep 0.1; done
expect_eq "the batch's temporary folder is gone" "$(ls -A "$st/tmp")" ""
c0=$(cpu)
sleep 1
c1=$(cpu)
echo "serve_timeout: the server used $((c1 - c0)) clock ticks of processor time in the second after"
expect "the server no longer works on the batch (< 0.1 s of processor in 1 s)" test $((c1 - c0)) -lt 10
expect "its log names no failure" bash -c '! grep -qi "error\|abort" "$1"' _ "$st/err"

# SIGTERM lets running jobs finish, but one past its limit is still
# stopped: the server exits soon after the limit, the batch gets its 503.
curl -s -o "$tmp/late" -w '%{http_code}' "${big[@]}" "$U/api/v1/batch" >"$tmp/late.status" &
cpid=$!
for _ in $(seq 300); do [ -n "$(ls -A "$st/tmp")" ] && break; sleep 0.05; done   # its upload began
t0=$(date +%s%N)
kill -TERM "$SERVE_PID"
wait "$cpid"
wait "$SERVE_PID"
expect_eq "SIGTERM: the server exits 0" "$?" 0
t1=$(date +%s%N)
serve_pids=()
echo "serve_timeout: SIGTERM during the batch: the server ended $(((t1 - t0) / 1000000)) ms later"
expect_eq "SIGTERM: the batch past its limit answered 503" "$(cat "$tmp/late.status")" 503
expect "  within 15 s of the signal (not the batch's minutes)" test $(((t1 - t0) / 1000000)) -lt 15000
expect_eq "  and left no temporary folder" "$(ls -A "$st/tmp")" ""
finish
