# lib.sh — shared helpers of the shell tests: counting checks and the
# closing "N passed, N failed" line CTest output is read for.
pass=0 failed=0
ok()   { pass=$((pass + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
# has FILE TEXT: TEXT occurs as a line fragment of FILE.
has() { grep -qF -- "$2" "$1"; }
finish() { echo "$pass passed, $failed failed"; [ "$failed" -eq 0 ]; }
: "${BAOCAO:?BAOCAO must name the built binary}" "${SRC:?SRC must name the source tree}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
