#!/usr/bin/env bash
# serve_archive.sh — `baocao serve --archive-to` (issue 18): a report and a
# notices batch filed into the document management system (lighttpd with
# WebDAV and a password) from the Kết quả page and through POST
# /api/v1/archive: the bytes that arrive, the outcome per file, a second
# filing skipped, a conflict, an interrupted filing completed by the next,
# the filing in the list of reports, the API's statuses, and neither the
# password, the user nor the target's address in any reply.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null && command -v jq >/dev/null && dav_available || exit 77

S=$SRC/samples/dinh-hoa-2024-02
root=$tmp/dav pid=""
mkdir -p "$root/dms" "$root/dms2"
printf 'archivist:s3cret-Pa55\n' >"$tmp/users"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
    -subj /CN=127.0.0.1 2>/dev/null
cat "$tmp/cert.pem" "$tmp/key.pem" >"$tmp/server.pem"   # lighttpd reads it even without TLS
trap 'dav_stop; serve_stop; rm -rf "$tmp"' EXIT
expect "lighttpd starts" dav_start
dav="http://127.0.0.1:$port/dms/"

# Every reply (headers and body) is kept in $tmp/replies, to look for the
# password at the end. reply URL ARGS...: the status; the body in $tmp/body.
: >"$tmp/replies"
reply() {
    local u=$1 code
    shift
    code=$(curl -s -D "$tmp/head" -o "$tmp/body" -w '%{http_code}' "$@" "$u")
    cat "$tmp/head" "$tmp/body" >>"$tmp/replies"
    echo "$code"
}
field() { grep -o "name=\"$1\" value=\"[0-9a-f]*\"" "$tmp/body" | sed 's/.*value="//; s/"$//'; }
jqe() { jq -e "$@" >/dev/null; }

# The page's form for the Định Hóa report number $1; "notices" and a units
# file add the notices. print_report NUMBER [UNITS]: checked and printed
# through the page; its id in $id.
print_report() {
    local extra=()
    [ -n "${2:-}" ] && extra=(-F notices=1 -F ntemplate=thong-bao-xa -F "nsubject=$(jq -r .notices.subject "$S/report.json")"
        -F nnotation=UBND-VP -F ndate=2024-03-05 -F "nrecipients=Như trên
Lưu: VP" -F "units=@$2" -F "statistics=@$S/statistics-2024-02.csv")
    reply "$U/check" -b "$jar" -F "csrf=$csrf" -F template=bao-cao-thang -F scheme=qd766-ttg-2022 \
        -F "scores=@$S/scores-2024-02.csv" -F "previous=@$S/scores-2024-01.csv" -F month=2 -F year=2024 \
        -F "agency_lines=ỦY BAN NHÂN DÂN
HUYỆN ĐỊNH HÓA" -F "agency_name=UBND huyện Định Hóa" -F "agency_full_name=Ủy ban nhân dân huyện Định Hóa" \
        -F "locality=huyện Định Hóa" -F "number=$1" -F notation=BC-UBND -F "place=Định Hóa" -F date=2024-03-06 \
        -F "subject=Kết quả đánh giá chất lượng phục vụ tháng 02 năm 2024" -F "recipients=UBND tỉnh (b/c)
Lưu: VT" -F "sections= | CÁC XÃ, THỊ TRẤN | xã, thị trấn" -F "signer_authority=TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH" -F "signer_name=Hoàng Quốc Đạt" -F "signer_position=Phó Chủ tịch" "${extra[@]}" >/dev/null
    id=$(field draft)
    [ "$(reply "$U/print" -b "$jar" -F "csrf=$csrf" -F "draft=$id")" = 303 ]
}
start() {   # start STATE ARGS...: the server, its page's CSRF token in $csrf
    serve_start "$@" || return 1
    U=$SERVE_URL jar=$tmp/jar-$(basename "$1")
    reply "$U/" -c "$jar" >/dev/null
    csrf=$(field csrf)
}
file_page() { reply "$U/reports/$1/archive" -b "$jar" -F "csrf=$csrf"; }
# file_api ID ARGS...: POST /api/v1/archive; each status kept, to hold
# against openapi.json.
file_api() { local i=$1; shift; reply "$U/api/v1/archive" -F "id=$i" "$@" | tee -a "$tmp/api-statuses"; }
# outcomes OUTCOME: how many rows of the filing page say it.
outcomes() { grep -c "</code></td><td>$1</td></tr>" "$tmp/body"; }
# on_dav DIR FOLDER: every PDF and sidecar of FOLDER is on the server under
# DIR with the same bytes (SHA-256), and the server holds nothing else there.
on_dav() {
    cmp -s <(cd "$2" && sha256sum -- *.pdf *.meta.json | cut -c1-64 | sort) \
        <(find "$1" -type f ! -name '.*' -exec sha256sum {} + | cut -c1-64 | sort)
}

# 1. Without --archive-to: no button, and the API says so (409).
expect "a server without --archive-to" start "$tmp/s0"
expect "  prints a report" print_report 96
expect_eq "  its result page" "$(reply "$U/reports/$id")" 200
expect "  offers no filing" bash -c '! grep -q "/archive\|luu-tru" "$1"' _ "$tmp/body"
expect_eq "API without a target: 409" "$(file_api "$id")" 409
expect_eq "  the key" "$(jq -r .error.key "$tmp/body")" archive-not-configured
expect_eq "  the page's form too: 404" "$(file_page "$id")" 404
serve_stop

# 2. A report filed from the page.
BAOCAO_LANG=vi BAOCAO_DAV_USER=archivist BAOCAO_DAV_PASSWORD=s3cret-Pa55 HOME=$tmp \
    expect "serve with --archive-to" start "$tmp/s1" --archive-to "$dav"
st=$tmp/s1/state/reports
expect "a report printed" print_report 96
report=$id
expect_eq "the result page" "$(reply "$U/reports/$id" -b "$jar")" 200
expect "  offers to file it" grep -q "<form method=\"post\" action=\"/reports/$id/archive\"" "$tmp/body"
expect "  with the words" grep -q '>Gửi vào hệ thống quản lý văn bản</button>' "$tmp/body"
expect_eq "filing without the CSRF token: 403" \
    "$(reply "$U/reports/$id/archive" -b "$jar" -F csrf=0123456789abcdef0123456789abcdef)" 403
expect_eq "  nothing filed then" "$(find "$root/dms" -type f | wc -l)" 0
reply "$U/reports" >/dev/null
expect "the list: not filed yet" grep -q '<td class="luu-tru">chưa gửi</td>' "$tmp/body"
expect_eq "filed from the page" "$(file_page "$id")" 200
rel=2024/uy-ban-nhan-dan-huyen-dinh-hoa/96-BC-UBND
expect_eq "the PDF on the server is the one printed" "$(sha256sum <"$root/dms/$rel.pdf")" "$(sha256sum <"$st/$id.pdf")"
expect_eq "  its sidecar beside it" "$(sha256sum <"$root/dms/$rel.meta.json")" "$(sha256sum <"$st/$id.meta.json")"
expect_eq "two files on the server" "$(find "$root/dms" -type f | wc -l)" 2
expect "the outcome per file" grep -q "<code>$rel.pdf</code></td><td>đã lưu</td>" "$tmp/body"
expect "  the sidecar's" grep -q "<code>$rel.meta.json</code></td><td>đã lưu</td>" "$tmp/body"
expect_eq "filed again" "$(file_page "$id")" 200
expect_eq "  both already there" "$(outcomes 'đã có sẵn, đúng tệp này')" 2
printf 'other' >"$root/dms/$rel.meta.json"
file_page "$id" >/dev/null
expect "a different file there: not overwritten, said so" \
    grep -q "<code>$rel.meta.json</code></td><td>chưa lưu: trong hệ thống đã có một tệp khác cùng tên</td>" "$tmp/body"
expect_eq "  left as it was" "$(cat "$root/dms/$rel.meta.json")" other
reply "$U/reports" >/dev/null
expect "the list: when, and the conflict" \
    grep -qE '<td class="luu-tru">20[0-9-]{8} [0-9:]{5}: 1 trong 2 tệp chưa lưu vì trong hệ thống đã có tệp khác cùng tên</td>' "$tmp/body"
cp "$st/$id.meta.json" "$root/dms/$rel.meta.json"

# 3. A notices batch whose notices are not all issued: nothing filed, the
# page names the notice without a number.
expect "notices printed (one without its number)" print_report 97 "$S/units.json"
unissued=$id
expect_eq "  the batch folder kept" "$(jq '.files | length' "$st/$id.notices/manifest.json")" 24
expect_eq "  filing it: 422" "$(file_page "$id")" 422
expect "  names the notice and why" \
    grep -q '<code>archive-no-number</code> xa-binh-thanh.pdf: chưa có số hoặc ngày ban hành' "$tmp/body"
expect "  no path of the server" bash -c '! grep -q "$2" "$1"' _ "$tmp/body" "$tmp"
expect "  no table of files: none was sent" bash -c '! grep -q "<table>" "$1"' _ "$tmp/body"
expect_eq "  nothing of it filed" "$(find "$root/dms" -type f | wc -l)" 2
expect_eq "  the API: 422" "$(file_api "$id")" 422
expect_eq "  its key" "$(jq -r .error.key "$tmp/body")" archive-no-number

# 4. A notices batch, every notice issued, filed from the page.
jq '(.units[] | select(.number == "") | .number) = "58"' "$S/units.json" >"$tmp/units.json"
expect "notices printed" print_report 98 "$tmp/units.json"
notices=$id
reply "$U/reports/$id/cong-van.zip" >/dev/null
mkdir "$tmp/zip" && unzip -q -d "$tmp/zip" "$tmp/body"
expect "the ZIP holds the kept folder's files" \
    bash -c 'cd "$1" && for f in $(ls "$2"); do cmp -s "$f" "$2/$f" || exit 1; done' _ "$st/$id.notices" "$tmp/zip"
expect_eq "filed from the page" "$(file_page "$id")" 200
expect_eq "  48 files stored (24 PDFs, 24 sidecars)" "$(outcomes 'đã lưu')" 48
rm -rf "$tmp/only" && mkdir "$tmp/only" && cp "$st/$id.notices"/* "$tmp/only/"
cp "$st/$report.pdf" "$st/$report.meta.json" "$tmp/only/"
expect "  every one with its bytes, nothing else but the first report's" on_dav "$root/dms/2024" "$tmp/only"
expect "  a notice where it belongs" \
    cmp -s "$root/dms/2024/uy-ban-nhan-dan-xa-binh-thanh/58-UBND-VP.pdf" "$st/$id.notices/xa-binh-thanh.pdf"
reply "$U/reports" >/dev/null
expect "the list: filed, every file" \
    grep -qE '<td class="luu-tru">20[0-9-]{8} [0-9:]{5}: đủ 48 tệp trong hệ thống quản lý văn bản</td>' "$tmp/body"

# 5. The API: the same filing by id, as JSON.
expect_eq "API: filed again" "$(file_api "$id")" 200
expect "  every file skipped" jqe '.ok and .skipped == 48 and .stored == 0 and (.files | length) == 48 and
    all(.files[]; .outcome == "skipped")' "$tmp/body"
expect_eq "  the id" "$(jq -r .id "$tmp/body")" "$id"
expect_eq "the list by API: ids and filings" "$(reply "$U/api/v1/reports")" 200
expect_eq "  the three reports, the notices' filing" \
    "$(jq -c '[.reports[].id], (.reports[] | select(.id == $n) | .filed | [.skipped, .conflicts])' --arg n "$id" "$tmp/body")" \
    "$(printf '["%s","%s","%s"]\n[48,0]' "$report" "$unissued" "$id")"
printf 'not the notice' >"$root/dms/2024/uy-ban-nhan-dan-xa-binh-yen/150-UBND-VP.pdf"
expect_eq "a conflict by API: still 200" "$(file_api "$id")" 200
expect "  not ok, that file a conflict, its sidecar not sent" jqe '(.ok | not) and .conflicts == 1 and .skipped == 46 and
    ([.files[] | select(.outcome == "conflict") | .path] == ["2024/uy-ban-nhan-dan-xa-binh-yen/150-UBND-VP.pdf"])' \
    "$tmp/body"
expect_eq "  left as it was" "$(cat "$root/dms/2024/uy-ban-nhan-dan-xa-binh-yen/150-UBND-VP.pdf")" "not the notice"
expect_eq "unknown id: 404" "$(file_api 0123456789abcdef0123456789abcdef)" 404
expect_eq "  JSON" "$(jq -r .error.key "$tmp/body")" not-found
expect_eq "a path as the id: 404" "$(file_api ../../etc/passwd)" 404
expect_eq "no id: 400" "$(reply "$U/api/v1/archive" -F x=1)" 400
expect_eq "GET: 405" "$(reply "$U/api/v1/archive")" 405
expect_eq "from a browser (Origin) without the CSRF token: 403" "$(file_api "$id" -H "Origin: http://evil.example")" 403
expect_eq "  with it: 200" "$(file_api "$id" -H "Origin: $U" -b "$jar" -F "csrf=$csrf")" 200
expect_eq "the id urlencoded: 200" "$(reply "$U/api/v1/archive" -d "id=$id")" 200
expect_eq "  the same filing" "$(jq -r '.id + " " + (.files | length | tostring)' "$tmp/body")" "$id 47"   # the conflicting notice's sidecar is not sent
curl -s "$U/api/v1/openapi.json" >"$tmp/openapi.json"
expect "openapi.json: the reports and archive paths" \
    jqe '.paths | has("/api/v1/archive") and has("/api/v1/reports")' "$tmp/openapi.json"
serve_stop

# 6. Interrupted: the server dies while the batch is filed (slowed to 100
# KB/s); the next filing completes it, each file sent once.
dav_stop
keep_port=1
expect "lighttpd restarts throttled" dav_start 100
dav2="http://127.0.0.1:$port/dms2/"
BAOCAO_LANG=vi BAOCAO_DAV_USER=archivist BAOCAO_DAV_PASSWORD=s3cret-Pa55 HOME=$tmp \
    expect "serve with --archive-to another folder" start "$tmp/s1" --archive-to "$dav2"
file_api "$notices" >"$tmp/cut.status" &
client=$!
for _ in $(seq 300); do
    [ "$(find "$root/dms2" -type f ! -name '.*' | wc -l)" -ge 4 ] && break
    sleep 0.1
done
dav_stop
wait "$client"
cp "$tmp/body" "$tmp/cut.json"
expect_eq "cut short: 502" "$(cat "$tmp/cut.status")" 502
expect "  some files filed, not all" jqe '(.files | length) > 0 and (.files | length) < 48' "$tmp/cut.json"
expect_eq "  a generic message" "$(jq -r .error.message "$tmp/cut.json")" \
    "hệ thống quản lý văn bản không nhận các tệp; nhật ký của máy chủ ghi rõ lý do"
expect "  the details in the server's log" grep -q "^baocao serve: .*127.0.0.1:$port.*\[webdav\]" "$tmp/s1/err"
expect_eq "the page, the server still down: 502" "$(file_page "$notices")" 502
expect "  with the message" grep -q '<p class="loi">Chưa gửi xong: <code>webdav</code> hệ thống quản lý văn bản không nhận' "$tmp/body"
reply "$U/reports" >/dev/null
expect "the list: not finished" grep -qE '<td class="luu-tru">20[0-9-]{8} [0-9:]{5}: chưa gửi xong \(webdav\); hãy gửi lại</td>' "$tmp/body"
expect "lighttpd restarts" dav_start
expect_eq "filed again from the page" "$(file_page "$notices")" 200
expect "  every file there with its bytes" on_dav "$root/dms2" "$st/$notices.notices"
expect_eq "  every file stored or skipped" "$(($(outcomes 'đã lưu') + $(outcomes 'đã có sẵn, đúng tệp này')))" 48
expect_eq "  none stored twice" "$(jq -r '.files[] | select(.outcome == "stored") | .path' "$tmp/cut.json" |
    while read -r f; do grep -c "<code>$f</code></td><td>đã lưu</td>" "$tmp/body"; done | sort -u | tr -d '\n')" 0
serve_stop

expect_eq "every status the archive API gave is in openapi.json" \
    "$(sort -u "$tmp/api-statuses" | while read -r c; do
        jq -e --arg c "$c" '.paths["/api/v1/archive"].post.responses | has($c)' "$tmp/openapi.json" >/dev/null || echo "$c"
    done)" ""
expect_eq "  (they were: 200 403 404 409 422 502)" "$(sort -u "$tmp/api-statuses" | tr '\n' ' ')" "200 403 404 409 422 502 "
expect "no reply shows the password, the user or the target's address" \
    bash -c '! grep -q "s3cret\|archivist\|127.0.0.1:$2" "$1"' _ "$tmp/replies" "$port"
expect "  (every reply was kept: pages and JSON)" \
    bash -c '[ "$(grep -c "^HTTP/1.1 " "$1")" -ge 20 ] && grep -q "<table>" "$1" && grep -q "\"files\"" "$1"' _ "$tmp/replies"
finish
