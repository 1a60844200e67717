# shellcheck shell=bash
# lib.sh — helpers shared by the shell tests (sourced; not a test itself).
# Needs BAOCAO (the built binary) and SRC (the source tree), as ctest sets.

: "${BAOCAO:?set BAOCAO to the baocao binary}" "${SRC:?set SRC to the source tree}"

# The tests match messages in English; a test of the Vietnamese catalog asks
# for it with --lang vi (or BAOCAO_LANG=vi, or an empty BAOCAO_LANG).
export BAOCAO_LANG=en

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# expect DESCRIPTION COMMAND...: one check that passes when COMMAND succeeds.
expect() {
    local what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}

# expect_eq DESCRIPTION GOT WANT: exact string equality.
expect_eq() {
    if [ "$2" = "$3" ]; then ok; else bad "$1: got \"$2\", want \"$3\""; fi
}

# expect_num DESCRIPTION GOT WANT [TOLERANCE]: numeric equality ("70.00" = "70"),
# or within TOLERANCE. An empty GOT never matches.
expect_num() {
    if awk -v g="$2" -v w="$3" -v t="${4:-0}" \
        'BEGIN { d = g - w; exit !(g != "" && d <= t + 1e-9 && -d <= t + 1e-9) }'; then
        ok
    else
        bad "$1: got \"$2\", want \"$3\"${4:+ (± $4)}"
    fi
}

# finish: the summary line; the exit status says whether everything passed.
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}

# An awk function splitting one CSV line (no embedded newlines) into f[1..n]
# with quoted fields, as both baocao --csv and the seed tables write them.
AWK_CSV='
function csv_split(line, f,    n, i, c, q, cur) {
    n = 0; cur = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c != "\"") cur = cur c
            else if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ }
            else q = 0
        } else if (c == "\"") q = 1
        else if (c == ",") { f[++n] = cur; cur = "" }
        else cur = cur c
    }
    f[++n] = cur
    return n
}'

# cells FILE KEYCOL KEY COL...: the COL cells of the row whose KEYCOL cell is
# KEY in a CSV file with a header, joined by "|" (nothing if no such row).
# A COL ending in "*" matches the first header that starts with it.
cells() {
    local file=$1 keycol=$2 key=$3
    shift 3
    awk -v keycol="$keycol" -v key="$key" -v want="$*" "$AWK_CSV"'
        NR == 1 {
            n = csv_split($0, h)
            nw = split(want, w, " ")
            for (j = 1; j <= nw; j++)
                for (i = n; i >= 1; i--)
                    if (h[i] == w[j] || (w[j] ~ /\*$/ && index(h[i], substr(w[j], 1, length(w[j]) - 1)) == 1))
                        col[j] = i
            for (i = 1; i <= n; i++) if (h[i] == keycol) k = i
            next
        }
        { csv_split($0, f) }
        k && f[k] == key {
            s = ""
            for (j = 1; j <= nw; j++) s = s (j > 1 ? "|" : "") (col[j] ? f[col[j]] : "")
            print s
            exit
        }' "$file"
}

# has FILE TEXT: TEXT occurs in FILE (fixed string).
has() { grep -qF -- "$2" "$1"; }

# make_signer DIR: an NSS database in DIR with a throw-away self-signed
# signing certificate "baocao-test" (CN=baocao test signer,O=baocao,C=VN),
# for poppler's pdfsig -nssdir sql:DIR -nick baocao-test.
make_signer() {
    mkdir -p "$1"
    certutil -N -d "sql:$1" --empty-password
    head -c 64 /dev/urandom >"$1/noise"
    certutil -S -d "sql:$1" -n baocao-test -s "CN=baocao test signer,O=baocao,C=VN" -x -t "CT,C,C" \
        -k rsa -g 2048 -Z SHA256 -v 12 --keyUsage digitalSignature,nonRepudiation \
        -z "$1/noise" >/dev/null 2>&1
}

# A scratch directory per test script, removed on exit.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# serve_start DIR [ARGS...]: `baocao serve` on 127.0.0.1 and a free port,
# its temporary folders in DIR/tmp and its state in DIR/state (unless ARGS
# say otherwise, as --listen '[::1]:0'); sets SERVE_PID and SERVE_URL
# ("http://127.0.0.1:PORT", "http://[::1]:PORT").
# Waits up to 30 s for the address; returns 1 if the server did not start.
# serve_stop (and the exit trap) ends every server started.
serve_pids=()
serve_start() {
    local dir=$1
    shift
    mkdir -p "$dir/tmp"
    TMPDIR=$dir/tmp "$BAOCAO" serve --listen 127.0.0.1:0 --state-dir "$dir/state" "$@" \
        >"$dir/out" 2>"$dir/err" &
    SERVE_PID=$!
    serve_pids+=("$SERVE_PID")
    SERVE_URL=
    for _ in $(seq 300); do
        SERVE_URL=$(sed -n 's|^baocao serve: \(http[s]*://[][0-9a-f.:]*:[0-9]*\)/$|\1|p' "$dir/out")
        [ -n "$SERVE_URL" ] && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
serve_stop() {
    for p in "${serve_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
    serve_pids=()
}
trap 'serve_stop; rm -rf "$tmp"' EXIT

# A WebDAV server for delivery tests: Debian's lighttpd with mod_webdav and
# basic authentication ($tmp/users, "user:password" lines) serving $root, on
# 127.0.0.1. dav_available: whether it is installed.
LIGHTTPD=$(command -v lighttpd || echo /usr/sbin/lighttpd)
MODULES=/usr/lib/lighttpd
dav_available() {
    [ -x "$LIGHTTPD" ] && [ -f "$MODULES/mod_webdav.so" ] && [ -f "$MODULES/mod_openssl.so" ]
}
# dav_start [KBYTES_PER_SECOND [tls]]: lighttpd in the foreground, in the
# background of this shell, its pid in $pid; picks a free port ($port) on
# first use; with tls it serves $tmp/server.pem.
dav_start() {
    local tries
    for tries in 1 2 3 4 5 6 7 8 9 10; do
        port=${port:-$((20000 + RANDOM % 40000))}
        cat >"$tmp/lighttpd.conf" <<CONF
server.document-root = "$root"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$tmp/error.log"
server.upload-dirs = ("$tmp")
server.modules = ("mod_auth", "mod_authn_file", "mod_webdav", "mod_openssl")
ssl.engine = "$([ -n "${2:-}" ] && echo enable || echo disable)"
ssl.pemfile = "$tmp/server.pem"
server.max-keep-alive-requests = 0
server.stat-cache-engine = "disable"    # the test edits files behind its back
connection.kbytes-per-second = ${1:-0}
auth.backend = "plain"
auth.backend.plain.userfile = "$tmp/users"
auth.require = ("/" => ("method" => "basic", "realm" => "dms", "require" => "valid-user"))
webdav.activate = "enable"
webdav.is-readonly = "disable"
CONF
        "$LIGHTTPD" -D -f "$tmp/lighttpd.conf" -m "$MODULES" 2>>"$tmp/error.log" &
        pid=$!
        local i
        for i in $(seq 50); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        dav_stop
        [ "$tries" -eq 1 ] && [ -n "${keep_port:-}" ] && return 1
        port=""
    done
    return 1
}
dav_stop() {
    [ -n "${pid:-}" ] && kill -KILL "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    pid=""
}
