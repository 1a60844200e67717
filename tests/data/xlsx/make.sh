#!/bin/bash
# make.sh — regenerates the XLSX fixtures from samples/huyen-dien-bien-2023-07/scores.csv
# with LibreOffice (soffice --headless). Run by hand once; the .xlsx files are committed and
# the tests never need LibreOffice.
#   scores.xlsx   the CSV as LibreOffice's own CSV import makes it (one header row of ids)
#   excel.xlsx    as an office exports it: a notes sheet first, then sheet "Điểm" with STT,
#                 a two-row header (group labels merged above "Chỉ số 1 (5đ)" …, "Tên đơn
#                 vị", "Nhóm" and "Tiến độ" merged down), section cells merged down over
#                 their units, numbers as numbers and "-" as text
#   bad.xlsx      excel.xlsx with the seed's slip: Núa Ngam's số hóa CS2 11.5 (cell K17)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
csv=$here/../../../samples/huyen-dien-bien-2023-07/scores.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp "$csv" "$tmp/scores.csv"
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$tmp" "$tmp/scores.csv" >/dev/null
cp "$tmp/scores.xlsx" "$here/scores.xlsx"

# excel CSV NAME: the sheet described above, as NAME.xlsx.
excel() {
awk -F, '
function cell(v, attrs) {
    if (v == "") return "<table:table-cell/>"
    if (v ~ /^[0-9]+(\.[0-9]+)?$/)
        return "<table:table-cell office:value-type=\"float\" office:value=\"" v "\"><text:p>" v "</text:p></table:table-cell>"
    return "<table:table-cell" attrs " office:value-type=\"string\"><text:p>" v "</text:p></table:table-cell>"
}
function span(v, n) { s = cell(v, " table:number-columns-spanned=\"" n "\""); for (i = 1; i < n; i++) s = s "<table:covered-table-cell/>"; return s }
function down(v) { return cell(v, " table:number-rows-spanned=\"2\"") }
BEGIN {
    ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<office:document " ns " office:version=\"1.2\" office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\"><office:body><office:spreadsheet>"
    print "<table:table table:name=\"Hướng dẫn\"><table:table-row>" cell("Điểm các đơn vị ở trang tính Điểm") "</table:table-row></table:table>"
    print "<table:table table:name=\"Điểm\">"
    print "<table:table-row>" down("STT") down("Tên đơn vị") down("Nhóm") span("Nhóm công khai, minh bạch", 3) down("Tiến độ, KQ giải quyết (30đ)") span("Cung cấp DVCTT", 2) span("Số hóa hồ sơ", 2) span("Mức độ hài lòng", 3) "</table:table-row>"
    c = "<table:covered-table-cell/>"
    print "<table:table-row>" c c c cell("Chỉ số 1 (5đ)") cell("Chỉ số 2 (5đ)") cell("Chỉ số 3 (10đ)") c cell("Chỉ số 1 (10đ)") cell("Chỉ số 2 (10đ)") cell("Chỉ số 1 (5đ)") cell("Chỉ số 2 (10đ)") cell("Chỉ số 1 (5đ)") cell("Chỉ số 2 (5đ)") cell("Chỉ số 3 (5đ)") "</table:table-row>"
}
NR > 1 { rows[NR] = $0; sec[NR] = $2 }
END {
    for (r = 2; r <= NR; r++) {
        split(rows[r], f, ",")
        s = "<table:table-row>" cell(r - 1) cell(f[1])
        if (sec[r] != sec[r - 1]) {
            n = 0; for (k = r; k <= NR && sec[k] == sec[r]; k++) n++
            s = s cell(f[2], " table:number-rows-spanned=\"" n "\"")
        } else s = s "<table:covered-table-cell/>"
        for (k = 3; k <= 13; k++) s = s cell(f[k])
        print s "</table:table-row>"
    }
    print "</table:table></office:spreadsheet></office:body></office:document>"
}' "$1" >"$tmp/$2.fods"
soffice --headless --convert-to xlsx --outdir "$tmp" "$tmp/$2.fods" >/dev/null
cp "$tmp/$2.xlsx" "$here/$2.xlsx"
}
excel "$csv" excel
sed '16s/,4.79,10,/,4.79,11.5,/' "$csv" >"$tmp/bad.csv"
excel "$tmp/bad.csv" bad
