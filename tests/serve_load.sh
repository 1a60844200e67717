#!/usr/bin/env bash
# serve_load.sh — 20 clients at once, 10 renders each, against one server:
# every answer 200 with the same bytes as the CLI's PDF, no temporary folder
# left, and the server's peak RSS printed (VmHWM; bench/ tracks the figure).
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || exit 77

S=$SRC/samples/dinh-hoa-2024-02
expect "the server starts" serve_start "$tmp/s" --workers 2
"$BAOCAO" render "$S/report.json" -o "$tmp/cli.pdf" --quiet
mkdir -p "$tmp/got"
# client N: ten renders in a row, each PDF kept, each status written.
client() {
    for k in $(seq 10); do
        curl -s -o "$tmp/got/$1-$k.pdf" -w '%{http_code}\n' -F "report=@$S/report.json" \
            -F "scores=@$S/scores-2024-02.csv" -F "previous=@$S/scores-2024-01.csv" "$SERVE_URL/api/v1/render"
    done
}
for n in $(seq 20); do client "$n" >"$tmp/status-$n" & done
wait $(jobs -p | grep -v "^$SERVE_PID$")
expect_eq "200 answers of 200" "$(cat "$tmp"/status-* | grep -c '^200$')" 200
expect_eq "all the same bytes as the CLI" "$(for f in "$tmp"/got/*.pdf; do cmp -s "$f" "$tmp/cli.pdf" && echo ok; done | wc -l)" 200
for _ in $(seq 100); do [ -z "$(ls -A "$tmp/s/tmp")" ] && break; sleep 0.1; done
expect_eq "no temporary folder left" "$(ls -A "$tmp/s/tmp")" ""
echo "serve_load: peak RSS of the server $(awk '/VmHWM/ { print $2, $3 }' "/proc/$SERVE_PID/status") after 200 renders by 20 clients"
serve_stop
finish
