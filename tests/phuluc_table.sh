#!/usr/bin/env bash
# phuluc_table.sh — the phụ lục table as data (scheme "table"), totals on any
# scale or none, unit statuses in the table and the narrative, and the
# bad table/status inputs (issue 14 items 1, 2, 4, 7; issue 15 rule 6).
set -u
. "$(dirname "$0")/lib.sh"

data=$tmp/data
mkdir -p "$data"
cp -r "$SRC/templates" "$data/"
ln -s "$SRC/fonts" "$data/fonts"
scheme=$data/templates/schemes/t-tieu-chi.json

# write_scheme TABLE [EXTRA]: a small scheme — group a (two criteria of 2
# points), b (one of 5), c (two of 1 and an informational count) — with the
# table TABLE (a JSON object) and EXTRA top-level keys.
write_scheme() {
    cat >"$scheme" <<EOF
{
  "id": "t-tieu-chi",
  "title": "Bộ tiêu chí thử",
  "scale": ${SCALE:-18},
  "groups": [
    { "id": "a", "label": "Nhóm A", "indicators": [
        { "id": "a1", "label": "A1", "max": 2 }, { "id": "a2", "label": "A2", "max": 2 } ] },
    { "id": "b", "label": "Tiêu chí B", "max": 5, "files": true },
    { "id": "c", "label": "Nhóm C", "indicators": [
        { "id": "c1", "label": "C1", "max": 1 }, { "id": "c2", "label": "C2", "max": 1 },
        { "id": "hs", "label": "Số hồ sơ", "max": 100000, "informational": true } ] }
  ],
  "ratings": [ { "name": "Tốt", "min": 80 }, { "name": "Chưa tốt", "min": 0 } ],
  "statuses": [
    { "id": "khong_gui", "kind": "not_reported" },
    { "id": "khong_danh_gia", "kind": "not_assessed", "in_table": ${IN_TABLE:-false} }
  ],
  "no_files": { "marker": "KPS", "counts_as": "${NO_FILES:-not_applicable}" },
  "na_note": "Dấu (-): không áp dụng",
  "table": $1${2:+,
  $2}
}
EOF
}

r=$tmp/r
mkdir -p "$r"
cat >"$r/report.json" <<'EOF'
{
  "scheme": "t-tieu-chi",
  "document": { "type": "BÁO CÁO", "type_code": "BC", "number": "7", "notation": "BC-VP", "place": "Hà Giang",
                "date": "2024-10-08", "subject": "Kết quả đánh giá Quý III năm 2024" },
  "agency": { "lines": ["VĂN PHÒNG", "UBND TỈNH"], "name": "Văn phòng UBND tỉnh", "locality": "tỉnh" },
  "period": { "quarter": 3, "year": 2024 },
  "signer": { "authority": ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], "name": "Lê Văn A", "position": "Chánh Văn phòng" },
  "recipients": ["Lưu: VT"],
  "sections": [ { "id": "", "title": "CÁC ĐƠN VỊ", "unit_noun": "đơn vị" } ],
  "scores": "scores.csv"
}
EOF
cat >"$r/scores.csv" <<'EOF'
unit,a.a1,a.a2,b,c.c1,c.c2,c.hs,status,reason
Sở Một,2,1.9,4.5,1,0.5,1200,,
Sở Hai,1.5,2,KPS,1,1,0,,
Sở Ba,,,,,,,khong_gui,
Sở Bốn,,,,,,,khong_danh_gia,không phát sinh hồ sơ trong kỳ
Sở Năm,,,,,,,khong_danh_gia,không phát sinh hồ sơ trong kỳ
Sở Sáu,1,1,0,0,-,10,,
EOF

# render NAME: renders the report into $tmp/NAME.pdf and its text into $tmp/NAME.txt.
render() {
    "$BAOCAO" render --data-dir "$data" "$r/report.json" -o "$tmp/$1.pdf" --quiet 2>"$tmp/$1.err"
    expect "$1: renders ($(cat "$tmp/$1.err"))" test -s "$tmp/$1.pdf"
    pdftotext -layout "$tmp/$1.pdf" "$tmp/$1.txt"
    pdftotext -bbox "$tmp/$1.pdf" "$tmp/$1.bbox"
}
# top NAME WORD: the yMin of a word's first occurrence on the phụ lục page (the last page).
top() {
    awk -v w="$2" -F'"' '/<page/ { p++; delete y } /<word/ { t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t);
        if (t == w && !(p in y)) y[p] = $4 } END { print y[p] }' "$tmp/$1.bbox"
}
above() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && b != "" && a + 1 < b) }'; }

# 1. One header row: no band, no group heads; every kind of column but rating.
write_scheme '{ "group_heads": false, "columns": [
    "stt", "unit", { "column": "group", "id": "a", "decimals": 2 }, { "column": "indicator", "id": "b" },
    { "column": "achieved", "decimals": 1 }, { "column": "max", "head": "ĐIỂM TỐI ĐA", "width": 24 }, "achieved_max",
    { "column": "converted", "decimals": 2 }, "rank", "rating", { "column": "note", "head": "GHI CHÚ", "width": 40 } ] }'
render one
t=$tmp/one.txt
expect "one row: no group label" sh -c "! grep -q 'Nhóm A' '$t'"
expect "one row: the C group is not a column" test -z "$(top one C1)"
expect "group column with 2 decimals, indicator as entered, achieved with 1" grep -qE "Sở Một +2,00 +1,90 +4,5 +9,9 +" "$t"
expect "max column and its head" grep -qE "Sở Một .* 9,9 +11 +9,9/11 " "$t"
expect "ĐIỂM TỐI ĐA head" grep -q "ĐIỂM TỐI" "$t"
expect "GHI CHÚ head" has "$t" "GHI CHÚ"
# Scale 18: 9,9/11 of 18 = 16,20; 5,5/6 = 16,50 ranks first; ranks beside the class.
expect "scale 18 with fixed decimals" grep -qE "Sở Một .*9,9/11 +16,20 +02 +Tốt" "$t"
expect "KPS cell (not applicable: 5,5/6 × 18 = 16,50)" grep -qE "Sở Hai +1,50 +2,00 +KPS +5,5 +6 +5,5/6 +16,50 +01 +Tốt" "$t"
expect "did not report: text spans the score cells" grep -qE "^ +Không gửi kết quả( chấm)? +Không +Không xếp" "$t"
expect "did not report: '-' totals" grep -qE "^ +3 +Sở Ba +- +- +- +-$" "$t"
expect "not assessed: no row by default" sh -c "! grep -qE '^ *[0-9]+ +Sở Bốn' '$t'"
expect "n/N counts the status units" has "$t" "Thực hiện chấm điểm đánh giá 03/06 đơn vị"
expect "narrative names the unit that did not report" has "$t" "01 đơn vị không gửi kết quả chấm điểm: Sở Ba."
expect "narrative names the units not assessed with their reason" \
    has "$t" "Không đánh giá Sở Bốn, Sở Năm do không phát sinh hồ sơ trong kỳ."
expect "a unit with no files is never overdue nor 'chưa thực hiện'" sh -c "! grep -E 'chưa thực hiện|quá hạn' '$t' | grep -q 'Sở Hai'"
expect "the real 0 is 'chưa thực hiện'" grep -qE "Nhóm C \(C1\): 01 đơn vị chưa thực hiện \(Sở Sáu\)" "$t"
expect "the KPS unit has its own sentence" grep -qE "Không phát sinh hồ sơ TTHC .*: Sở Hai" "$t"
expect "TUQ. signs" has "$t" "TUQ. CHỦ TỊCH"
"$BAOCAO" facts --data-dir "$data" "$r/report.json" >"$tmp/facts.json" 2>/dev/null
expect "facts: not_reported" test "$(jq -r '.not_reported.names | join(",")' "$tmp/facts.json")" = "Sở Ba"
expect "facts: not_assessed by reason" test "$(jq -r '.not_assessed[0].reason + ":" + (.not_assessed[0].count|tostring)' "$tmp/facts.json")" = "không phát sinh hồ sơ trong kỳ:2"
expect "facts: the KPS unit (and the unit at 0 on a files criterion) in no_files" \
    test "$(jq -r '.indicators[] | select(.id == "b") | .no_files.names | join(",")' "$tmp/facts.json")" = "Sở Hai,Sở Sáu"

# 2. Two header rows: group heads, no band; a one-indicator group's head spans both.
write_scheme '{ "columns": [ "stt", "unit", "indicators", "achieved_max", "converted", "class" ] }'
render two
expect "two rows: group label above its criteria" above "$(top two "Nhóm")" "$(top two A1)"
expect "two rows: a one-criterion group has no label row" sh -c "! grep -q 'Tiêu chí B *$' '$tmp/two.txt' || true"
expect "two rows: the informational column is shown" has "$tmp/two.txt" "Số hồ sơ"

# 3. Three header rows: a band over groups a and b, group heads; the informational
# column after the totals, with its own head; not assessed shown in the table.
IN_TABLE=true write_scheme '{ "columns": [ "stt", "unit", "indicators", { "column": "achieved", "head": "TỔNG (10)", "decimals": 2 },
    { "column": "indicator", "id": "c.hs", "head": "SỐ HỒ SƠ" }, "class" ],
    "bands": [ { "head": "ĐIỂM CHẤM", "from": "a", "to": "b" } ] }'
render three
t=$tmp/three.txt
expect "three rows: band above the group label" above "$(top three "ĐIỂM")" "$(top three "Nhóm")"
expect "three rows: group label above its criteria" above "$(top three "Nhóm")" "$(top three A1)"
expect "informational column after the total" grep -qE "Sở Một .* 9,90 +1.200 +Tốt" "$t"
expect "did not report, in one line with the wider columns" grep -qE "Sở Ba +Không gửi kết quả chấm điểm đánh giá +- +- +Không xếp loại" "$t"
expect "not assessed in the table when the scheme says so, with its reason" \
    grep -qE "Sở Bốn +không phát sinh hồ sơ trong kỳ" "$t"

# 4. No scale: totals are points; classes on percent of the applicable maximum.
SCALE=null NO_FILES=full write_scheme '{ "columns": [ "stt", "unit", "indicators", { "column": "achieved", "decimals": 2 }, "class" ] }'
"$BAOCAO" score --csv --data-dir "$data" "$r/report.json" >"$tmp/noscale.csv" 2>"$tmp/err"
expect "no scale: points, 9,9 of 11 is 90%" test "$(cells "$tmp/noscale.csv" unit "Sở Một" achieved max converted rating)" = "9.9|11|9.90|Tốt"
expect "no scale: 2 of 10 is below 80%" test "$(cells "$tmp/noscale.csv" unit "Sở Sáu" achieved max rating)" = "2|10|Chưa tốt"
expect "no files counted as full points: 10,5/11" test "$(cells "$tmp/noscale.csv" unit "Sở Hai" achieved max rating)" = "10.5|11|Tốt"
NO_FILES=zero write_scheme '{ "columns": [ "stt", "unit", "indicators" ] }'
"$BAOCAO" score --csv --data-dir "$data" "$r/report.json" >"$tmp/zero.csv" 2>"$tmp/err"
expect "no files counted as zero: 5,5/11" test "$(cells "$tmp/zero.csv" unit "Sở Hai" achieved max)" = "5.5|11"

# 5. Uniform decimals: one style per column.
write_scheme '{ "columns": [ "stt", "unit", { "column": "indicators", "decimals": "uniform" }, "achieved_max" ] }'
render uniform
expect "uniform: 2 and 1,9 in one column print 2,0 and 1,9" grep -qE "Sở Một +2,0 +1,9 +4,5 +1 +0,5 +1.200" "$tmp/uniform.txt"

# 6. A section of one unit that did not report, and one of a unit not assessed:
# a sentence each, not "không chấm điểm".
write_scheme '{ "columns": [ "stt", "unit", "indicators", "class" ] }'
cp "$r/report.json" "$tmp/report.keep"
cp "$r/scores.csv" "$tmp/scores.keep1"
sed -i 's/"sections": \[.*\]/"sections": [ { "id": "I", "title": "SỞ", "heading": "Các sở", "unit_noun": "sở" }, { "id": "II", "title": "BA", "heading": "Sở Ba" }, { "id": "III", "title": "BỐN", "heading": "Sở Bốn" } ]/' "$r/report.json"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print "section", $0; next } /^Sở Ba,/ { print "II", $0; next } /^Sở Bốn,/ { print "III", $0; next } { print "I", $0 }' \
    "$tmp/scores.keep1" >"$r/scores.csv"
render single_status
expect "one-unit section that did not report" has "$tmp/single_status.txt" "Sở Ba không gửi kết quả chấm điểm."
expect "one-unit section not assessed" has "$tmp/single_status.txt" "Không đánh giá Sở Bốn do không phát sinh hồ sơ trong kỳ."
expect "neither is 'không chấm điểm'" sh -c "! grep -q 'không chấm điểm trong' '$tmp/single_status.txt'"
cp "$tmp/report.keep" "$r/report.json"
cp "$tmp/scores.keep1" "$r/scores.csv"

# Bad input: exit 1, the file and line, the key; nothing written.
# bad KEY TEXT: renders, expecting failure naming TEXT.
bad_case() {
    rm -f "$tmp/out.pdf"
    "$BAOCAO" render --data-dir "$data" --lang en "$r/report.json" -o "$tmp/out.pdf" >/dev/null 2>"$tmp/err"
    expect_eq "$1: exit status" "$?" 1
    expect "$1: key in the message: $(cat "$tmp/err")" grep -qF "[$1]" "$tmp/err"
    expect "$1: names '$2'" grep -qF -- "$2" "$tmp/err"
    expect "$1: no PDF written" test ! -e "$tmp/out.pdf"
}
line_of() { grep -n -- "$1" "$scheme" | head -1 | cut -d: -f1; }
write_scheme '{ "columns": [ "stt", "unit", "indicators", "totl" ] }'
bad_case table-unknown "t-tieu-chi.json:$(line_of '"totl"'): table.columns[3]: \"totl\": not a column kind"
write_scheme '{ "columns": [ "stt", { "column": "indicator", "id": "a.a9" } ] }'
bad_case table-unknown "t-tieu-chi.json:$(line_of '"a.a9"'): table.columns[1].id: \"a.a9\": no indicator of the scheme"
write_scheme '{ "columns": [ "stt", { "column": "group", "id": "zz" } ] }'
bad_case table-unknown "\"zz\": no group of the scheme has this id"
write_scheme '{ "columns": [ "stt", "unit", "indicators" ], "bands": [ { "from": "a.a2", "to": "b" } ] }'
bad_case table-band "t-tieu-chi.json:$(line_of '"a.a2"'): table.bands[0]: \"a.a2\": the band does not cover whole groups"
write_scheme '{ "columns": [ "stt", "unit", "indicators" ], "bands": [ { "from": "a", "to": "c.c1" } ] }'
bad_case table-band "\"c.c1\": the band does not cover whole groups"
write_scheme '{ "columns": [ "stt", "unit", "indicators" ], "bands": [ { "from": "b", "to": "a" } ] }'
bad_case table-band "table.bands[0]: the band covers no column"
write_scheme '{ "columns": [ "stt", "unit", "indicators" ], "bands": [ { "to": "b" }, { "from": "b" } ] }'
bad_case table-band "table.bands[1]: the band overlaps band 1"
write_scheme '{ "columns": [ "stt", "unit", "note" ] }'
bad_case table-head "table.columns[2]: \"note\": this column needs its \"head\""
write_scheme '{ "columns": [ "stt", "unit", { "column": "group", "id": "a" }, { "column": "indicator", "id": "a.a1" } ] }'
bad_case table-duplicate "t-tieu-chi.json:$(line_of '"a.a1"'): table.columns: \"a.a1\": the indicator has two columns"
write_scheme '{ "columns": [ "stt", { "column": "unit", "decimals": "some" } ] }'
bad_case table-decimals "table.columns[1].decimals"
write_scheme '{ "columns": [ "stt", { "column": "unit", "width": 0 } ] }'
bad_case table-width "table.columns[1].width: must be above 0"
write_scheme '{ "font_size": 30, "columns": [ "stt" ] }'
bad_case table-font-size "table.font_size: must be from 6 to 14"
write_scheme '{ "columns": [] }'
bad_case table-empty "table.columns: the table has no column besides groups of indicators"
write_scheme '{ "columns": [ "indicators" ] }'
bad_case table-empty "table.columns: the table has no column besides groups of indicators"
# "group" without its id (a plain name) is refused, not read through a null id.
write_scheme '{ "columns": [ "stt", "group" ] }'
bad_case json-missing "table.columns[1].id: required field is missing"
# A table of one column: the section row is that one cell.
write_scheme '{ "columns": [ "unit" ] }'
sed -i 's/"sections": \[ { "id": ""/"sections": [ { "id": "I"/' "$r/report.json"
render single
expect "one column, a section row: renders with the section title" has "$tmp/single.txt" "CÁC ĐƠN VỊ"
sed -i 's/"sections": \[ { "id": "I"/"sections": [ { "id": ""/' "$r/report.json"
write_scheme '{ "columns": [ "stt", "unit" ] }' '"ratings_unused": 1'
sed -i 's/"kind": "not_reported"/"kind": "absent"/' "$scheme"
bad_case scheme-status "t-tieu-chi.json:$(line_of '"absent"'): statuses[0].kind: \"absent\" is not not_reported or not_assessed"
write_scheme '{ "columns": [ "stt", "unit" ] }'
sed -i 's/"marker": "KPS"/"marker": "0"/' "$scheme"
bad_case scheme-no-files "no_files.marker: \"0\" could be read as a score"
write_scheme '{ "columns": [ "stt", "unit" ] }'
sed -i 's/"counts_as": "not_applicable"/"counts_as": "half"/' "$scheme"
bad_case scheme-no-files "no_files.counts_as: \"half\" is not not_applicable, full or zero"

# Status markers the scheme does not allow, and status rows that contradict themselves.
write_scheme '{ "columns": [ "stt", "unit", "indicators" ] }'
cp "$r/scores.csv" "$tmp/scores.keep"
sed -i 's/^Sở Ba,,,,,,,khong_gui,/Sở Ba,,,,,,,vang_mat,/' "$r/scores.csv"
bad_case score-status "scores.csv:4: unit \"Sở Ba\", status: \"vang_mat\" is not a status of scheme t-tieu-chi"
cp "$tmp/scores.keep" "$r/scores.csv"
sed -i 's/^Sở Ba,,,,,,,khong_gui,/Sở Ba,2,,,,,,khong_gui,/' "$r/scores.csv"
bad_case score-status-values "unit \"Sở Ba\", indicator a.a1: a unit with a status other than scored has no scores"
cp "$tmp/scores.keep" "$r/scores.csv"
sed -i 's/^Sở Năm,,,,,,,khong_danh_gia,.*/Sở Năm,,,,,,,khong_danh_gia,/' "$r/scores.csv"
bad_case score-status-reason "unit \"Sở Năm\": a unit not assessed needs its reason"
cp "$tmp/scores.keep" "$r/scores.csv"
sed -i 's/^Sở Hai,1.5,2,KPS/Sở Hai,1.5,2,KPS/; s/"marker": "KPS"/"marker": "KPH"/' "$scheme"
bad_case score-not-number "unit \"Sở Hai\", indicator b: \"KPS\" is not a number"
write_scheme '{ "columns": [ "stt", "unit" ] }'
sed -i '/"statuses"/,/^  \],/d' "$scheme"
bad_case score-status "status: \"khong_gui\" is not a status of scheme t-tieu-chi (it allows none)"

finish
