#!/usr/bin/env bash
# serve.sh — `baocao serve` (issue 18): every API endpoint with curl and each
# error status, the PDF from the API byte-identical to the CLI's, the ZIP of
# a batch with its manifest, the page's main path without JavaScript (form →
# check → print → download), the limits and the authentication, the temporary
# folders removed, a graceful SIGTERM.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null && command -v unzip >/dev/null || exit 77

S=$SRC/samples/dinh-hoa-2024-02
all=(-F "report=@$S/report.json" -F "scores=@$S/scores-2024-02.csv" -F "previous=@$S/scores-2024-01.csv")
notices=(-F "units=@$S/units.json" -F "statistics=@$S/statistics-2024-02.csv")
st=$tmp/s1
expect "the server starts" serve_start "$st"
U=$SERVE_URL

jqe() { jq -e "$@" >/dev/null; }
ziptest() { unzip -tq "$1" >/dev/null; }
# status URL ARGS...: the HTTP status, the body in $tmp/body.
status() { local u=$1; shift; curl -s -o "$tmp/body" -w '%{http_code}' "$@" "$u"; }

expect_eq "schemes" "$(status "$U/api/v1/schemes")" 200
expect_eq "schemes: every shipped one, in order" "$(jq -r '[.schemes[].id] | join(",")' "$tmp/body")" \
    "$(cd "$SRC/templates/schemes" && ls *.json | sed 's/\.json$//' | LC_ALL=C sort | paste -sd,)"
expect_eq "templates" "$(status "$U/api/v1/templates")" 200
expect "templates: bao-cao-thang and thong-bao-xa" \
    jqe '[.templates[].id] | index("bao-cao-thang") and index("thong-bao-xa")' "$tmp/body"
expect_eq "openapi.json" "$(status "$U/api/v1/openapi.json")" 200
expect "openapi.json: every path" jqe '.paths | has("/api/v1/render") and has("/api/v1/batch") and
    has("/api/v1/check") and has("/api/v1/facts") and has("/api/v1/schemes")' "$tmp/body"

# check: the CLI's findings, with the client's file names.
expect_eq "check" "$(status "$U/api/v1/check" "${all[@]}" "${notices[@]}")" 200
"$BAOCAO" check --json "$S/report.json" >"$tmp/cli-check.json" 2>/dev/null
expect_eq "check: the CLI's keys" "$(jq -c '[.ok, [.warnings[].key], [.errors[].key], [.notes[].key]]' "$tmp/body")" \
    "$(jq -c '[.ok, [.warnings[].key], [.errors[].key], [.notes[].key]]' "$tmp/cli-check.json")"
expect "check: the uploaded file's name and row" \
    jqe '.warnings[0].message | startswith("scores-2024-02.csv:5: ")' "$tmp/body"

# render: the same bytes as the CLI.
expect_eq "render" "$(status "$U/api/v1/render" "${all[@]}")" 200
cp "$tmp/body" "$tmp/api.pdf"
"$BAOCAO" render "$S/report.json" -o "$tmp/cli.pdf" --quiet
expect "render: byte-identical to baocao render" cmp -s "$tmp/api.pdf" "$tmp/cli.pdf"
# and from an XLSX workbook
mkdir -p "$tmp/x"
sed 's/"scores.csv",/"scores.xlsx",/' "$SRC/samples/huyen-dien-bien-2023-07/report.json" >"$tmp/x/report.json"
cp "$SRC/tests/data/xlsx/scores.xlsx" "$tmp/x/"
expect_eq "render from XLSX" "$(status "$U/api/v1/render" -F "report=@$tmp/x/report.json" \
    -F "scores=@$tmp/x/scores.xlsx")" 200
"$BAOCAO" render "$tmp/x/report.json" -o "$tmp/x/cli.pdf" --quiet
expect "render from XLSX: byte-identical" cmp -s "$tmp/body" "$tmp/x/cli.pdf"

# facts: the CLI's JSON.
expect_eq "facts" "$(status "$U/api/v1/facts" "${all[@]}")" 200
"$BAOCAO" facts "$S/report.json" >"$tmp/cli-facts.json" 2>/dev/null
expect "facts: the CLI's" cmp -s <(jq -S . "$tmp/body") <(jq -S . "$tmp/cli-facts.json")

# batch: a ZIP of the CLI's folder (PDFs, sidecars, manifest.json).
expect_eq "batch" "$(status "$U/api/v1/batch" "${all[@]}" "${notices[@]}")" 200
mkdir -p "$tmp/zip"
unzip -q -d "$tmp/zip" "$tmp/body"
"$BAOCAO" batch "$S/report.json" -o "$tmp/cli-batch" --quiet
expect_eq "batch: the CLI's files" "$(ls "$tmp/zip" | sort | tr '\n' ' ')" \
    "$(ls "$tmp/cli-batch" | grep -v '^\.' | sort | tr '\n' ' ')"
expect "batch: every PDF of the manifest, the same bytes" \
    bash -c 'cd "$1" && for f in $(jq -r ".files[].path" manifest.json); do cmp -s "$f" "$2/$f" || exit 1; done' \
    _ "$tmp/zip" "$tmp/cli-batch"
expect_eq "batch: 24 PDFs" "$(ls "$tmp/zip"/*.pdf | wc -l)" 24

# errors: JSON with their status
expect_eq "no report part: 400" "$(status "$U/api/v1/render" -F "scores=@$S/scores-2024-02.csv")" 400
expect_eq "400 key" "$(jq -r .error.key "$tmp/body")" upload-missing
expect_eq "a file report.json names, not sent: 400" \
    "$(status "$U/api/v1/render" -F "report=@$S/report.json" -F "scores=@$S/scores-2024-02.csv")" 400
expect_eq "400 names the part" "$(jq -r .error.indicator "$tmp/body")" previous
printf 'Tên đơn vị,Không có\nXã A,1\n' >"$tmp/bad.csv"
expect_eq "bad scores: 422" "$(status "$U/api/v1/render" -F "report=@$S/report.json" -F "scores=@$tmp/bad.csv" \
    -F "previous=@$S/scores-2024-01.csv")" 422
expect "422: the client's file name and row" jqe '.error.message | startswith("bad.csv:1: ")' "$tmp/body"

# The client's file name reaches the findings: a file named for another month.
expect_eq "check, scores named for May" "$(status "$U/api/v1/check" -F "report=@$S/report.json" \
    -F "scores=@$S/scores-2024-02.csv;filename=diem-2024-05.csv" -F "previous=@$S/scores-2024-01.csv;filename=T1.csv")" 200
expect_eq "  the period warning names the client's file" \
    "$(jq -r '.warnings[] | select(.key == "scores-period") | .message' "$tmp/body")" \
    "diem-2024-05.csv: the file is named for 5/2024 but the period is 2/2024"
expect_eq "  so does the row of a warning" "$(jq -r '.warnings[] | select(.key == "score-total-mismatch") | .message[:19]' "$tmp/body")" \
    "diem-2024-05.csv:5:"
expect_eq "an XLSX error: the client's file, sheet and cell" "$(status "$U/api/v1/render" -F "report=@$tmp/x/report.json" \
    -F "scores=@$SRC/tests/data/xlsx/scores.xlsx;filename=Bảng điểm\"x\".xlsx" -F "previous=@$tmp/bad.csv;filename=../tháng trước.csv")" 422
expect "  the client's name, without its folder" jqe '.error.message | startswith("tháng trước.csv:1: ")' "$tmp/body"
expect_eq "  the file field too" "$(jq -r .error.file "$tmp/body")" "tháng trước.csv"
printf '{"scheme": ' >"$tmp/broken.json"
expect_eq "report.json not JSON: 400" "$(status "$U/api/v1/check" -F "report=@$tmp/broken.json")" 400
expect_eq "400 json-syntax" "$(jq -r .error.key "$tmp/body")" json-syntax
expect_eq "unknown endpoint: 404" "$(status "$U/api/v1/nothing")" 404
expect_eq "GET on a job: 405" "$(status "$U/api/v1/render")" 405
expect "an error is JSON" jqe '.error.key == "method"' "$tmp/body"
head -c $((21 * 1024 * 1024)) /dev/zero >"$tmp/big.csv"
expect_eq "over the 20 MB limit: 413" "$(status "$U/api/v1/render" -F "report=@$S/report.json" \
    -F "scores=@$tmp/big.csv")" 413
expect_eq "413 key" "$(jq -r .error.key "$tmp/body")" upload-too-large

# security headers
curl -s -D "$tmp/h" -o /dev/null "$U/"
expect "CSP with frame-ancestors" grep -qi "^Content-Security-Policy: default-src 'none';.*frame-ancestors 'self'" "$tmp/h"
expect "nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$tmp/h"

# The page without JavaScript: form → check → print → the PDF.
status "$U/" -c "$tmp/jar" >/dev/null
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$tmp/body" | sed 's/.*value="//; s/"$//')
expect_eq "form: a CSRF token as the cookie" "$(awk '$6 == "bc_csrf" { print $7 }' "$tmp/jar")" "$csrf"
form=(-b "$tmp/jar" -F template=bao-cao-thang -F scheme=qd766-ttg-2022 -F "scores=@$S/scores-2024-02.csv"
      -F "previous=@$S/scores-2024-01.csv" -F month=2 -F year=2024
      -F "agency_lines=ỦY BAN NHÂN DÂN
HUYỆN ĐỊNH HÓA" -F "agency_name=UBND huyện Định Hóa" -F "agency_full_name=Ủy ban nhân dân huyện Định Hóa"
      -F "locality=huyện Định Hóa" -F number=96 -F notation=BC-UBND -F "place=Định Hóa" -F date=2024-03-06
      -F "subject=Kết quả đánh giá chất lượng phục vụ tháng 02 năm 2024" -F "recipients=UBND tỉnh (b/c)
Lưu: VT" -F "sections= | CÁC XÃ, THỊ TRẤN | xã, thị trấn" -F "signer_authority=TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH" -F "signer_name=Hoàng Quốc Đạt" -F "signer_position=Phó Chủ tịch"
      -F "hook-bo-sung-yeu-cau=Chủ tịch UBND huyện yêu cầu các xã báo cáo kết quả khắc phục trước ngày 20/3/2024.")
expect_eq "form without its CSRF token: 403" "$(status "$U/check" "${form[@]}" -F csrf=0123456789abcdef0123456789abcdef)" 403
expect_eq "check page" "$(status "$U/check" "${form[@]}" -F "csrf=$csrf")" 200
expect "check page: the warning with the uploaded file's row" \
    grep -q '<code>score-total-mismatch</code> scores-2024-02.csv:5: ' "$tmp/body"
expect "check page: the computed table" grep -q '<td>Xã Phú Tiến</td><td></td><td class="so">94,1</td>' "$tmp/body"
mform=()
for x in "${form[@]}"; do case $x in scores=@*) x="$x;filename=diem-2024-05.csv" ;; esac; mform+=("$x"); done
status "$U/check" "${mform[@]}" -F "csrf=$csrf" >/dev/null
expect "check page: the period warning names the client's file" \
    grep -q '<code>scores-period</code> diem-2024-05.csv: the file is named for 5/2024 but the period is 2/2024' "$tmp/body"
draft=$(grep -o 'name="draft" value="[0-9a-f]*"' "$tmp/body" | sed 's/.*value="//; s/"$//')
expect_eq "print: redirected to the result" "$(status "$U/print" -b "$tmp/jar" -F "csrf=$csrf" -F "draft=$draft")" 303
expect_eq "result page" "$(status "$U/reports/$draft")" 200
expect "result page: the PDF in the page" grep -q "<iframe src=\"/reports/$draft.pdf\"" "$tmp/body"
expect_eq "download" "$(status "$U/reports/$draft/tai-ve.pdf")" 200
pdftotext "$tmp/body" - | tr '\n' ' ' >"$tmp/page.txt"
expect "the office's paragraph in the PDF" grep -q "khắc phục trước ngày 20/3/2024" "$tmp/page.txt"
expect "the signer in the PDF" grep -q "Hoàng Quốc Đạt" "$tmp/page.txt"

# The office's text is printed as typed: template syntax, markup, backslashes.
literal='Giữ nguyên {{ report.agency }} và {% if x %} và }} và {{> ket-qua}} và **đậm** và <b>thẻ</b> và a\\b\n- không phải gạch đầu dòng\n\n# Đoạn hai {{!x}}'
lform=()
for x in "${form[@]}"; do case $x in hook-bo-sung-yeu-cau=*) x="hook-bo-sung-yeu-cau=$(printf %b "$literal")" ;; esac; lform+=("$x"); done
expect_eq "hook text with {{, }}, {%: the check page" "$(status "$U/check" "${lform[@]}" -F "csrf=$csrf")" 200
ldraft=$(grep -o 'name="draft" value="[0-9a-f]*"' "$tmp/body" | sed 's/.*value="//; s/"$//')
expect_eq "  printed" "$(status "$U/print" -b "$tmp/jar" -F "csrf=$csrf" -F "draft=$ldraft")" 303
expect_eq "  downloaded" "$(status "$U/reports/$ldraft/tai-ve.pdf")" 200
pdftotext "$tmp/body" - | tr '\n' ' ' >"$tmp/literal.txt"
expect "  every character as typed" grep -qF 'Giữ nguyên {{ report.agency }} và {% if x %} và }} và {{> ket-qua}} và **đậm** và <b>thẻ</b> và a\b - không phải gạch đầu dòng' "$tmp/literal.txt"
expect "  the second paragraph too" grep -qF '# Đoạn hai {{!x}}' "$tmp/literal.txt"
expect "  no data printed from it" bash -c '! grep -q "Ủy ban nhân dân huyện Định Hóa và" "$1"' _ "$tmp/literal.txt"
sha=$(sha256sum "$tmp/body" | cut -c1-64)
expect_eq "list of reports" "$(status "$U/reports")" 200
expect "list: số and SHA-256" grep -q "96/BC-UBND</a></td><td>06/03/2024</td>.*<code>$sha</code>" "$tmp/body"
status "$U/" >/dev/null
expect "the next form starts from the last report's fields" grep -q 'value="Hoàng Quốc Đạt"' "$tmp/body"

# Two agencies: each one's form starts from its own last report.
other=()
for x in "${form[@]}"; do
    case $x in
    agency_lines=*) x="agency_lines=ỦY BAN NHÂN DÂN
HUYỆN PHÚ LƯƠNG" ;;
    agency_name=*) x="agency_name=UBND huyện Phú Lương" ;;
    agency_full_name=*) x="agency_full_name=Ủy ban nhân dân huyện Phú Lương" ;;
    locality=*) x="locality=huyện Phú Lương" ;;
    number=*) x="number=41" ;;
    place=*) x="place=Phú Lương" ;;
    signer_name=*) x="signer_name=Trần Thị Lan" ;;
    signer_position=*) x="signer_position=Chủ tịch" ;;
    esac
    other+=("$x")
done
status "$U/check" "${other[@]}" -F "csrf=$csrf" >/dev/null
draft2=$(grep -o 'name="draft" value="[0-9a-f]*"' "$tmp/body" | sed 's/.*value="//; s/"$//')
expect_eq "second agency printed" "$(status "$U/print" -b "$tmp/jar" -F "csrf=$csrf" -F "draft=$draft2")" 303
key_of() { printf '%s' "$1" | sha256sum | cut -c1-64; }
dh=$(key_of "UBND huyện Định Hóa") pl=$(key_of "UBND huyện Phú Lương")
status "$U/" >/dev/null
expect_eq "the form lists both agencies, the last one chosen" \
    "$(grep -o '<option value="[0-9a-fnew]*" [a-z]*>[^<]*</option>' "$tmp/body" | grep -v 'new\|bao-cao\|thong-bao' | tr -d '\n')" \
    "<option value=\"$pl\" selected>UBND huyện Phú Lương</option><option value=\"$dh\" >UBND huyện Định Hóa</option>"
expect "without a choice: the last report's agency" grep -q 'value="Trần Thị Lan"' "$tmp/body"
expect_eq "agency chosen" "$(status "$U/?agency=$dh")" 200
expect "the first agency's signer, number and place" \
    bash -c 'grep -q "value=\"Hoàng Quốc Đạt\"" "$1" && grep -q "name=\"number\" id=\"number\" value=\"96\"" "$1" && grep -q "value=\"Định Hóa\"" "$1"' _ "$tmp/body"
expect "not the other agency's" bash -c '! grep -q "Trần Thị Lan\|Phú Lương\"\|value=\"41\"" "$1"' _ "$tmp/body"
expect "that agency selected" grep -q "<option value=\"$dh\" selected>" "$tmp/body"
status "$U/?agency=$pl" >/dev/null
expect "the second agency's own fields" \
    bash -c 'grep -q "value=\"Trần Thị Lan\"" "$1" && grep -q "HUYỆN PHÚ LƯƠNG</textarea>" "$1" && ! grep -q "Hoàng Quốc Đạt" "$1"' _ "$tmp/body"
status "$U/?agency=new" >/dev/null
expect "a new agency: a blank form" \
    bash -c '! grep -q "Hoàng Quốc Đạt\|Trần Thị Lan" "$1" && grep -q "<option value=\"new\" selected>" "$1"' _ "$tmp/body"
expect_eq "a path as the agency: a blank form, not a file" "$(status "$U/?agency=..%2F..%2Fetc%2Fpasswd")" 200
expect "  and nothing of it" bash -c '! grep -q "root:\|Trần Thị Lan" "$1"' _ "$tmp/body"
expect_eq "a draft is printed once" "$(status "$U/print" -b "$tmp/jar" -F "csrf=$csrf" -F "draft=$draft")" 404
old=$st/state/drafts/00000000000000000000000000000000
mkdir -p "$old" && touch -d '2 days ago' "$old"
status "$U/check" "${form[@]}" -F "csrf=$csrf" >/dev/null
expect "a draft not printed within a day is dropped" test ! -e "$old"
rm -rf "$st/state/drafts"/*
expect_eq "a path as the draft id: 400" "$(status "$U/print" -b "$tmp/jar" -F "csrf=$csrf" -F "draft=../../etc")" 400

# A client that goes away mid-upload leaves no temporary folder.
python3 - "${U#http://}" <<'PY'
import socket, sys
host, port = sys.argv[1].split(":")
s = socket.create_connection((host, int(port)))
s.sendall(b"POST /api/v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XX\r\n"
          b"Content-Length: 1000000\r\n\r\n--XX\r\nContent-Disposition: form-data; name=\"scores\"; filename=\"a.csv\"\r\n\r\n"
          + b"x" * 200000)
s.close()
PY
for _ in $(seq 100); do [ -z "$(ls -A "$st/tmp")" ] && break; sleep 0.1; done
expect_eq "disconnect mid-upload: no temporary folder left" "$(ls -A "$st/tmp")" ""
expect_eq "no draft left but printed ones" "$(ls -A "$st/state/drafts")" ""

# A client that goes away mid-download (a ZIP, a PDF: a few bytes read, then
# closed) leaves no temporary folder either, and the server goes on serving.
half_download() {
    python3 - "${U#http://}" "$@" <<'PY'
import socket, sys, uuid
host, port = sys.argv[1].rsplit(":", 1)
path, parts = sys.argv[2], sys.argv[3:]
b = uuid.uuid4().hex.encode()
body = b"".join(b"--" + b + b'\r\nContent-Disposition: form-data; name="' + p.split("=", 1)[0].encode()
                + b'"; filename="f"\r\n\r\n' + open(p.split("=", 1)[1], "rb").read() + b"\r\n" for p in parts)
body += b"--" + b + b"--\r\n"
s = socket.create_connection((host, int(port)))
s.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + b
          + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
got = s.recv(200)
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")   # closed with a reset, unread data dropped
s.close()
sys.exit(0 if got.startswith(b"HTTP/1.1 200") else 1)
PY
}
for kind in batch render; do
    expect "mid-download of a $kind: its first bytes came" half_download "/api/v1/$kind" "report=$S/report.json" \
        "scores=$S/scores-2024-02.csv" "previous=$S/scores-2024-01.csv" "units=$S/units.json" \
        "statistics=$S/statistics-2024-02.csv"
    for _ in $(seq 100); do [ -z "$(ls -A "$st/tmp")" ] && break; sleep 0.1; done
    expect_eq "  no temporary folder left" "$(ls -A "$st/tmp")" ""
    expect_eq "  the server still serves" "$(status "$U/api/v1/render" "${all[@]}")" 200
    expect "  the whole PDF" cmp -s "$tmp/body" "$tmp/cli.pdf"
done

# Graceful SIGTERM: a batch in progress still gets its ZIP.
curl -s -o "$tmp/late.zip" -w '%{http_code}' "${all[@]}" "${notices[@]}" "$U/api/v1/batch" >"$tmp/late.status" &
cpid=$!
for _ in $(seq 300); do [ -n "$(ls -A "$st/tmp")" ] && break; sleep 0.05; done   # its upload began
kill -TERM "$SERVE_PID"
wait "$cpid"
wait "$SERVE_PID"
expect_eq "SIGTERM: the server exits 0" "$?" 0
expect_eq "SIGTERM: the running batch answered" "$(cat "$tmp/late.status")" 200
expect "SIGTERM: its ZIP complete" ziptest "$tmp/late.zip"
serve_pids=()

# Authentication: beyond loopback only with it; a wrong token gets 401.
timeout 20 "$BAOCAO" serve --listen 0.0.0.0:0 --state-dir "$tmp/s2" >"$tmp/out2" 2>"$tmp/err2"
expect_eq "0.0.0.0 without auth: refused" "$?" 1
expect "refused: says why" grep -q "not a loopback address" "$tmp/err2"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$tmp/tokens"
token=$(cat "$tmp/tokens")
expect "with a token file" serve_start "$tmp/s3" --token-file "$tmp/tokens"
expect_eq "no token: 401" "$(status "$SERVE_URL/api/v1/schemes")" 401
expect_eq "wrong token: 401" "$(status "$SERVE_URL/api/v1/schemes" -H "Authorization: Bearer x$token")" 401
expect_eq "401 says nothing else" "$(jq -r .error.key "$tmp/body")" unauthorized
expect_eq "wrong token on a render: 401, no PDF" "$(status "$SERVE_URL/api/v1/render" -H "Authorization: Bearer ${token}x" "${all[@]}")" 401
expect_eq "right token: 200" "$(status "$SERVE_URL/api/v1/schemes" -H "Authorization: Bearer $token")" 200
printf 'hemmelig passord\n' | "$BAOCAO" serve --hash-password vanthu >"$tmp/users"
expect "a salted PBKDF2 hash" grep -qE '^vanthu:pbkdf2-sha256:100000:[0-9a-f]{32}:[0-9a-f]{64}$' "$tmp/users"
expect "with an auth file" serve_start "$tmp/s4" --auth-file "$tmp/users"
expect_eq "Basic, wrong password: 401" "$(status "$SERVE_URL/" -u vanthu:sai)" 401
expect "401 asks the browser" grep -qi '^WWW-Authenticate: Basic' <(curl -s -D - -o /dev/null "$SERVE_URL/")
expect_eq "Basic, right password: 200" "$(status "$SERVE_URL/" -u 'vanthu:hemmelig passord')" 200
serve_stop

# IPv6: [::1] is loopback as 127.0.0.0/8 is; [::] is every address and needs auth.
"$BAOCAO" serve --listen '[::1]' --state-dir "$tmp/s7" >/dev/null 2>"$tmp/err7"
expect_eq "--listen [::1] without a port: refused" "$?" 2
expect "  saying what it takes" grep -q -- '--listen takes ADDR:PORT or \[IPv6\]:PORT.*not \[::1\]$' <(BAOCAO_LANG=en \
    "$BAOCAO" serve --listen '[::1]' 2>&1)
for bad in '::1:8080' '[::1:8080' '[::g]:8080' '127.0.0.1:' '127.0.0.1:65536' 'localhost:8080'; do
    expect_eq "--listen $bad: refused" "$("$BAOCAO" serve --listen "$bad" --state-dir "$tmp/s7" 2>/dev/null; echo $?)" 2
done
if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
    expect "on [::1] without auth" serve_start "$tmp/s7" --listen '[::1]:0'
    expect "  the address printed in brackets" grep -q '^baocao serve: http://\[::1\]:[0-9]*/$' "$tmp/s7/out"
    expect_eq "render over IPv6" "$(status "$SERVE_URL/api/v1/render" -g "${all[@]}")" 200
    expect "  the same bytes" cmp -s "$tmp/body" "$tmp/cli.pdf"
    port7=${SERVE_URL##*:}
    expect "[::1] only: not on 127.0.0.1" bash -c '! curl -s -o /dev/null "http://127.0.0.1:$1/"' _ "$port7"
    serve_stop
    timeout 20 "$BAOCAO" serve --listen '[::]:0' --state-dir "$tmp/s8" >/dev/null 2>"$tmp/err8"
    expect_eq "[::] without auth: refused" "$?" 1
    expect "  says why" grep -q "\[::\]:0 is not a loopback address" "$tmp/err8"
    expect "[::] with a token file" serve_start "$tmp/s8" --listen '[::]:0' --token-file "$tmp/tokens"
    port8=${SERVE_URL##*:}
    expect_eq "[::]: IPv6 with the token" "$(status "http://[::1]:$port8/api/v1/schemes" -g -H "Authorization: Bearer $token")" 200
    expect_eq "[::]: IPv4 too" "$(status "http://127.0.0.1:$port8/api/v1/schemes" -H "Authorization: Bearer $token")" 200
    expect_eq "[::]: no token, 401" "$(status "http://[::1]:$port8/api/v1/schemes" -g)" 401
    serve_stop
else
    echo "serve.sh: no IPv6 loopback (::1) on this machine: the IPv6 cases are skipped"
fi

# TLS through libmicrohttpd (GnuTLS): --cert/--key.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
    -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
expect "with --cert and --key" serve_start "$tmp/s5" --cert "$tmp/cert.pem" --key "$tmp/key.pem"
expect "https:// printed" grep -q '^baocao serve: https://127.0.0.1:' "$tmp/s5/out"
expect_eq "HTTPS render" "$(status "$SERVE_URL/api/v1/render" --cacert "$tmp/cert.pem" "${all[@]}")" 200
expect "HTTPS render: the same bytes" cmp -s "$tmp/body" "$tmp/cli.pdf"
expect "the CSRF cookie is Secure" grep -qi '^Set-Cookie: bc_csrf=[0-9a-f]*; .*Secure' \
    <(curl -s -D - -o /dev/null --cacert "$tmp/cert.pem" "$SERVE_URL/")
serve_stop

finish
