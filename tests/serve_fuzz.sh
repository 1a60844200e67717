#!/usr/bin/env bash
# serve_fuzz.sh — `baocao serve` under malformed and mutated HTTP requests
# (serve_fuzz.py): it never crashes, answers each with a well-formed
# response (an error as JSON or HTML, never a 500), leaves no temporary
# folder and keeps its memory bounded. A fixed seed; about 20 seconds. Run
# by ./build.sh test in the plain and the ASan/UBSan build alike.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77

st=$tmp/s
expect "the server starts" serve_start "$st" --workers 2
expect "no crash, well-formed answers, no folder left, bounded RSS" \
    python3 "$SRC/tests/serve_fuzz.py" "${SERVE_URL#http://}" "$SERVE_PID" "$st/tmp" "$SRC/samples/dinh-hoa-2024-02" \
    "${SERVE_FUZZ_SECONDS:-20}" 18
expect "the server still alive" kill -0 "$SERVE_PID"
expect_eq "and still serving" "$(curl -s -o /dev/null -w '%{http_code}' "$SERVE_URL/api/v1/schemes")" 200
kill -TERM "$SERVE_PID"
wait "$SERVE_PID"
expect_eq "SIGTERM: exits 0 (no sanitizer report)" "$?" 0
serve_pids=()
expect "no sanitizer report" bash -c '! grep -q "Sanitizer\|runtime error:" "$1"' _ "$st/err"
finish
