#!/usr/bin/env bash
# webdav_limits.sh — `baocao archive --to http://…` against a misbehaving
# WebDAV server (a small python3 one on 127.0.0.1, started here): a body far
# longer than the file, a server trickling 2 bytes a second, a server that
# never answers, a MOVE answered 201 that moves nothing. Each ends with a
# clear error in bounded time (BAOCAO_DAV_TIMEOUT=3; the `timeout` wrapper
# only catches a hang, it measures nothing). Also: no password from the URL
# is ever printed, and credentials going over plain http:// are warned about.
set -u
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || { echo "SKIP: python3 is not installed (./build.sh test installs it)"; exit 77; }
trap 'stop_server; rm -rf "$tmp"' EXIT

cat >"$tmp/dav.py" <<'PY'
# A WebDAV server in memory, enough for `baocao archive`; MODE makes it misbehave.
import sys, time, http.server, socketserver

MODE = sys.argv[1]
files = {}

class Dav(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def path_(self): return self.path.split("?")[0]
    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers: self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))
    def do_MKCOL(self): self.answer(201)
    def do_PUT(self):
        files[self.path_()] = self.body()
        self.answer(201)
    def do_DELETE(self):
        files.pop(self.path_(), None)
        self.answer(204)
    def do_MOVE(self):
        dest = self.headers["Destination"].split("://", 1)[1]
        dest = dest[dest.index("/"):]
        if dest in files: return self.answer(412)
        if MODE != "movenoop": files[dest] = files.pop(self.path_())
        self.answer(201)
    def do_PROPFIND(self):
        f = files.get(self.path_())
        if f is None: return self.answer(404)
        self.answer(207, b'<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:propstat>'
                    b'<D:prop><D:getcontentlength>%d</D:getcontentlength></D:prop></D:propstat>'
                    b'</D:response></D:multistatus>' % len(f))
    def do_GET(self):
        f = files.get(self.path_())
        if f is None: return self.answer(404)
        if MODE == "bigbody":   # the file, then 200 MB more
            extra = 200 << 20
            self.send_response(200)
            self.send_header("Content-Length", str(len(f) + extra))
            self.end_headers()
            self.wfile.write(f)
            chunk = b"\0" * (1 << 20)
            for _ in range(extra >> 20): self.wfile.write(chunk)
        elif MODE == "trickle":
            self.send_response(200)
            self.send_header("Content-Length", str(len(f)))
            self.end_headers()
            for i in range(0, len(f), 2):
                self.wfile.write(f[i:i + 2]); self.wfile.flush(); time.sleep(1)
        else:
            self.answer(200, f)

class Hang(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.recv(65536)
        time.sleep(3600)

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    def server_bind(self):   # HTTPServer's own looks the host name up: seconds without DNS
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address

srv = Server(("127.0.0.1", 0), Hang if MODE == "hang" else Dav)
print(srv.server_address[1], flush=True)
srv.serve_forever()
PY

pid=""
# start_server MODE: the fake server in the background; sets $url.
start_server() {
    python3 "$tmp/dav.py" "$1" >"$tmp/port" 2>"$tmp/server.err" &
    pid=$!
    local i
    for i in $(seq 200); do
        [ -s "$tmp/port" ] && break
        sleep 0.05
    done
    url="http://127.0.0.1:$(cat "$tmp/port")/dms"
}
stop_server() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    pid=""
}

"$BAOCAO" render "$SRC/samples/muong-lay-2024-11/report.json" -o "$tmp/bc.pdf" --quiet
export BAOCAO_DAV_USER="" BAOCAO_DAV_PASSWORD="" BAOCAO_DAV_TIMEOUT=3 HOME="$tmp/home"
mkdir -p "$HOME"

# archive_with MODE NAME: archive bc.pdf to a fresh server in MODE; exit
# status in $rc, stdout in $tmp/NAME.out, stderr in $tmp/NAME.err.
archive_with() {
    start_server "$1"
    timeout 60 "$BAOCAO" archive "$tmp/bc.pdf" --to "$url" >"$tmp/$2.out" 2>"$tmp/$2.err"
    rc=$?
    stop_server
}

archive_with normal normal
expect_eq "well-behaved server: exit 0 ($(cat "$tmp/normal.err"))" "$rc" 0
expect_eq "well-behaved server: PDF and sidecar stored" "$(grep -c '^stored ' "$tmp/normal.out")" 2

# 7. A body longer than the file is not read past the file's size.
archive_with bigbody bigbody
expect_eq "long body: exit 1" "$rc" 1
expect "long body: says the answer is too long: $(cat "$tmp/bigbody.err")" \
    grep -qF "the answer is longer than the $(stat -c %s "$tmp/bc.pdf") bytes expected" "$tmp/bigbody.err"

# 7. A server trickling 2 bytes a second, and one that never answers: cut
# off at the file's deadline (and not retried beyond it).
archive_with trickle trickle
expect_eq "trickling server: exit 1 (124: hung)" "$rc" 1
expect "trickling server: the deadline is named: $(cat "$tmp/trickle.err")" \
    grep -qF "no complete answer within the 3 s allowed for one file (BAOCAO_DAV_TIMEOUT)" "$tmp/trickle.err"
archive_with hang hang
expect_eq "silent server: exit 1 (124: hung)" "$rc" 1
expect "silent server: the deadline is named: $(cat "$tmp/hang.err")" \
    grep -qF "no complete answer within the 3 s allowed for one file" "$tmp/hang.err"

# 12. MOVE answered 201 but nothing moved: an error, never "stored".
archive_with movenoop movenoop
expect_eq "MOVE that moves nothing: exit 1" "$rc" 1
expect "MOVE that moves nothing: the final name is not there: $(cat "$tmp/movenoop.err")" \
    grep -qF "/1004-BC-UBND.pdf: not there right after it was stored" "$tmp/movenoop.err"
expect "MOVE that moves nothing: nothing counted stored" grep -qF "0 stored" "$tmp/movenoop.err"

# 16. A password in the URL is never printed; over plain http:// to another
# host it is warned about, and so is one from ~/.netrc (not one for another host).
start_server hang
timeout 60 "$BAOCAO" archive "$tmp/bc.pdf" --to "${url/127.0.0.1/archivist:hunter2@127.0.0.1}" \
    >"$tmp/pw.out" 2>"$tmp/pw.err"
stop_server
expect "password in the URL: the error names the server: $(cat "$tmp/pw.err")" \
    grep -qF "http://127.0.0.1:$(cat "$tmp/port")/dms/2024/" "$tmp/pw.err"
expect "password in the URL: never printed" test -z "$(grep -l hunter2 "$tmp/pw.out" "$tmp/pw.err")"
timeout 60 "$BAOCAO" archive "$tmp/bc.pdf" --to "http://archivist:hunter2@127.0.0.2:1/dms" >/dev/null 2>"$tmp/pw2.err"
expect "password in the URL to another host: warned: $(cat "$tmp/pw2.err")" \
    grep -qF "http://127.0.0.2:1/dms/: the password in the URL goes unencrypted over http://" "$tmp/pw2.err"
expect "password in the URL to another host: never printed" test -z "$(grep -l hunter2 "$tmp/pw2.err")"
timeout 60 "$BAOCAO" archive "$tmp/bc.pdf" --to-dir "ftp://archivist:hunter2@127.0.0.2/x" >/dev/null 2>"$tmp/pw3.err"
expect "password in another scheme's URL: never printed: $(cat "$tmp/pw3.err")" \
    grep -qF "ftp://127.0.0.2/x: expected http://" "$tmp/pw3.err"

printf 'machine 127.0.0.2 login archivist password s3cret\n' >"$HOME/.netrc"
chmod 600 "$HOME/.netrc"
timeout 60 "$BAOCAO" archive "$tmp/bc.pdf" --to "http://127.0.0.2:1/dms" >/dev/null 2>"$tmp/netrc.err"
expect "~/.netrc over http:// to another host: warned: $(cat "$tmp/netrc.err")" \
    grep -qF "the password ~/.netrc has for 127.0.0.2 goes unencrypted over http://" "$tmp/netrc.err"
printf 'machine dms.example.gov.vn login archivist password s3cret\n' >"$HOME/.netrc"
timeout 60 "$BAOCAO" archive "$tmp/bc.pdf" --to "http://127.0.0.2:1/dms" >/dev/null 2>"$tmp/netrc2.err"
expect "~/.netrc without this host: no warning: $(cat "$tmp/netrc2.err")" \
    test -z "$(grep -l 'unencrypted' "$tmp/netrc2.err")"

finish
