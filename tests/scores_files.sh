#!/usr/bin/env bash
# Scores files as offices keep them (issue 14 item 5): the usual spellings of
# the unit-name and total headers, columns of the office's own (Ghi chú,
# Phân loại, last year's converted total) read past with a note under
# --verbose, "-" in a total column; a column that looks like an indicator
# the scheme does not have is still refused, naming file, line and column.
set -u
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SAMPLE=$SRC/samples/huyen-dien-bien-2023-07
"$BAOCAO" score --csv "$SAMPLE/report.json" >"$tmp/want.csv" 2>/dev/null

# case NAME: a copy of the sample in $d whose scores.csv the caller rewrites.
case_dir() {
    d=$tmp/$1
    mkdir -p "$d"
    cp "$SAMPLE/report.json" "$SAMPLE/scores.csv" "$d/"
}

# same_table NAME: the case scores exactly as the sample, with no warning
# or note unless asked (--verbose).
same_table() {
    "$BAOCAO" score --csv "$d/report.json" >"$tmp/got.csv" 2>"$tmp/err"
    expect_eq "$1: exit status" "$?" 0
    expect "$1: same table as the sample" cmp -s "$tmp/got.csv" "$tmp/want.csv"
    expect_eq "$1: nothing on stderr without --verbose" "$(cat "$tmp/err")" ""
}

# 1. "Tên cơ quan, đơn vị" and three columns of the office's own after the scores.
case_dir extra
awk -F, -v OFS=, 'NR == 1 { $1 = "\"Tên cơ quan, đơn vị\""; print $0, "Tổng điểm quy đổi", "Phân loại", "Ghi chú"; next }
                  { print $0, "90,5", "Tốt", "" }' "$SAMPLE/scores.csv" >"$d/scores.csv"
same_table "Ghi chú, Phân loại"
"$BAOCAO" score --csv --verbose "$d/report.json" >/dev/null 2>"$tmp/err"
for c in '14 "Tổng điểm quy đổi"' '15 "Phân loại"' '16 "Ghi chú"'; do
    expect "--verbose notes column $c" grep -qF "baocao: note [column-ignored]: $d/scores.csv:1: column $c is not in scheme qd459-dien-bien-2023: ignored" "$tmp/err"
done
"$BAOCAO" check --json "$d/report.json" >"$tmp/check.json" 2>/dev/null
expect_eq "check --json: the notes" "$(jq -r '[.ok, ([.notes[] | select(.key == "column-ignored")] | length), ([.notes[] | select(.key == "scores-read")] | length)] | @tsv' "$tmp/check.json")" "true	3	1"
BAOCAO_LANG=vi "$BAOCAO" score --verbose "$d/report.json" >/dev/null 2>"$tmp/err"
expect "the note in Vietnamese" grep -qF "baocao: ghi chú [column-ignored]: $d/scores.csv:1: cột 16 \"Ghi chú\" không có trong bộ chỉ số qd459-dien-bien-2023: bỏ qua" "$tmp/err"
"$BAOCAO" render "$d/report.json" -o "$d/bc.pdf" 2>"$tmp/err"
expect_eq "render: no note without --verbose" "$(cat "$tmp/err")" ""

# 2. Header spellings: snake case, capitals and stray spaces, an STT column.
for h in ten_co_quan_don_vi '"  TÊN  CƠ QUAN,   ĐƠN VỊ "' 'Tên đơn vị' 'Đơn vị'; do
    case_dir spelling
    awk -F, -v OFS=, -v h="$h" 'NR == 1 { $1 = h; print "STT", $0; next } { print NR - 1, $0 }' "$SAMPLE/scores.csv" >"$d/scores.csv"
    same_table "header $h"
done

# 3. A total column as offices head it, "Tổng điểm (100)", "-" for a unit
# without one: accepted; a given total is still checked (a warning when the
# indicators do not add up to it).
case_dir total
awk -F, -v OFS=, 'NR == 1 { print $0, "Tổng điểm (100)"; next } NR == 2 { print $0, "-"; next } { print $0, "" }' \
    "$SAMPLE/scores.csv" >"$d/scores.csv"
same_table "\"-\" in Tổng điểm (100)"
sed -i '3s/,$/,12/' "$d/scores.csv"
"$BAOCAO" score --csv "$d/report.json" >/dev/null 2>"$tmp/err"
expect "a given total is read" grep -qF "[score-total-mismatch]" "$tmp/err"

# 4. A column that looks like an indicator the scheme lacks: refused, with
# file, line and column; nothing written.
for h in "Chỉ số 9" "Tiêu chí 10" "TC 12" "so_hoa.cs3"; do
    case_dir indicator
    awk -F, -v OFS=, -v h="$h" 'NR == 1 { print $0, h; next } { print $0, "1" }' "$SAMPLE/scores.csv" >"$d/scores.csv"
    "$BAOCAO" render --lang en "$d/report.json" -o "$d/bc.pdf" >/dev/null 2>"$tmp/err"
    expect_eq "\"$h\": exit status" "$?" 1
    expect "\"$h\": refused naming the file, line and column" \
        grep -qF "[csv-unknown-column]: $d/scores.csv:1: column 14 \"$h\" is not an indicator of scheme qd459-dien-bien-2023" "$tmp/err"
    expect "\"$h\": nothing written" test ! -e "$d/bc.pdf"
done
finish
