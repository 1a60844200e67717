#!/usr/bin/env bash
# serve_browser.sh — the page in a real browser (serve_browser.py drives
# Debian's chromium; Debian's python3 for its selenium): a sample's XLSX uploaded, the form filled, the check
# page, the print, the PDF downloaded and read with pdftotext, the notices'
# ZIP with its manifest, the filing into --archive-to. Screenshots
# stay in $SERVE_SCREENSHOTS when it is set (README's docs/ picture).
. "$(dirname "$0")/lib.sh"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && /usr/bin/python3 -c 'import selenium' 2>/dev/null || exit 77

S=$SRC/samples/huyen-dien-bien-2023-07
# The page as its users see it: the library's messages in Vietnamese too.
BAOCAO_LANG=vi expect "the server starts" serve_start "$tmp/s" --archive-to "file://$tmp/dms"
mkdir -p "$tmp/dl"
cp "$SRC/tests/data/xlsx/scores.xlsx" "$tmp/diem-thang-7-2023.xlsx"
HOME=$tmp timeout 300 /usr/bin/python3 "$SRC/tests/serve_browser.py" "$SERVE_URL" "$S" "$tmp/diem-thang-7-2023.xlsx" "$tmp/dl" \
    >"$tmp/log" 2>"$tmp/err"
expect_eq "the browser run" "$?" 0
cat "$tmp/err" >&2
expect "check page" grep -qx "check-title: Kiểm tra" "$tmp/log"
expect_eq "check page: the computed table, one row a unit" "$(sed -n 's/^check-rows: //p' "$tmp/log")" \
    "$(($(wc -l <"$S/scores.csv") - 1))"
expect "result page with the PDF in it" grep -q "^result-frame: $SERVE_URL/reports/[0-9a-f]\{32\}.pdf$" "$tmp/log"
pdf=$(ls "$tmp"/dl/*.pdf | head -1)
expect "downloaded" test -s "$pdf"
pdftotext "$pdf" - | tr '\n' ' ' >"$tmp/text"
expect "PDF: the number" grep -q "Số: 405/BC-UBND" "$tmp/text"
expect "PDF: the signer" grep -q "Bùi Hải Bình" "$tmp/text"
expect "PDF: the office's paragraph" grep -q "hoàn thành việc khắc phục trước ngày 25/8/2023" "$tmp/text"
expect "PDF: the XLSX's units" grep -q "Trung tâm" "$tmp/text"
zip=$(ls "$tmp"/dl/*.zip | head -1)
mkdir -p "$tmp/zip"
expect "notices: the ZIP downloaded" unzip -q -d "$tmp/zip" "$zip"
expect_eq "notices: one PDF a unit and the report, as the manifest says" "$(ls "$tmp"/zip/*.pdf | wc -l)" \
    "$(jq '.files | length' "$tmp/zip/manifest.json")"
expect_eq "notices: 27 PDFs (26 units and the report)" "$(ls "$tmp"/zip/*.pdf | wc -l)" 27
pdftotext "$tmp/zip/phong-tu-phap.pdf" - | tr '\n' ' ' >"$tmp/notice"
expect "a notice: its addressee and subject" grep -q "Kính gửi: Phòng Tư pháp.*thông báo kết quả đánh giá" "$tmp/notice"
# The sample's notices have no số yet (it is given when each is issued):
# filing the batch is refused by name, and nothing is filed.
expect "filing: the page says which notice is not issued" grep -q \
    "^archived-error: Chưa gửi xong: archive-no-number [a-z-]*\.pdf: chưa có số hoặc ngày ban hành" "$tmp/log"
expect_eq "filing: nothing filed" "$(find "$tmp/dms" -type f 2>/dev/null | wc -l)" 0
expect "the list names it, not filed" \
    grep -q "^list: 405/BC-UBND 17/08/2023 UBND huyện Điện Biên .* chưa gửi xong (archive-no-number); hãy gửi lại" "$tmp/log"
for f in 1-moi 2-kiem-tra 3-ket-qua 4-luu-tru; do expect "screenshot $f" test -s "$tmp/dl/$f.png"; done
[ -n "${SERVE_SCREENSHOTS:-}" ] && cp "$tmp"/dl/*.png "$SERVE_SCREENSHOTS"/
serve_stop
finish
