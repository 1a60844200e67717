#!/bin/bash
# input_formats.sh — score files as offices really send them give the same
# scores and the same PDF text as the clean UTF-8 samples: every sample's CSVs
# re-encoded with iconv (Windows-1258 as Excel writes it, partly decomposed;
# TCVN3; VISCII), NFD UTF-8, a BOM, ';' with decimal commas, tab, Excel
# quoting and blank trailing rows/columns, printed labels in a two-row header,
# and the XLSX fixtures of tests/data/xlsx (made by its make.sh with
# LibreOffice). Fixtures other than the XLSX files are made here, at test time.
set -u
. "$(dirname "$0")/lib.sh"
XLSX=$SRC/tests/data/xlsx

# variant SAMPLE NAME FILTER...: a copy of the sample in $tmp/SAMPLE.NAME with
# every CSV piped through FILTER; sets $v.
variant() {
    local sample=$1 name=$2 f
    shift 2
    v=$tmp/$sample.$name
    mkdir -p "$v"
    cp "$SRC/samples/$sample/report.json" "$v/"
    for f in "$SRC/samples/$sample"/*.csv; do
        "$@" <"$f" >"$v/$(basename "$f")" || bad "$sample.$name: making $(basename "$f") failed"
    done
}

# csvs_match DIR REGEX: some CSV of DIR has a match (bytes, not characters).
csvs_match() { cat "$1"/*.csv | LC_ALL=C grep -q "$2"; }
nfd() { perl -CSD -MUnicode::Normalize -pe '$_ = NFD($_)'; }
bom() { printf '\xEF\xBB\xBF'; cat; }
# Excel in a decimal-comma locale: ';' between fields, "84,69". The samples
# have no quoted fields, so splitting on ',' is exact.
semicolon() { awk -F, -v OFS=';' '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+$/) sub(/\./, ",", $i); $1 = $1; print }'; }
tabs() { tr ',' '\t'; }
# Excel's CRLF, two empty trailing columns, blank trailing rows, every name quoted.
excelish() { awk -F, -v OFS=, '{ $1 = "\"" $1 "\""; print $0 ",,\r" } END { printf ",,,\r\n\r\n" }'; }

# same SAMPLE DIR WHAT: `baocao score --csv` of DIR is byte-identical to the sample's.
same() {
    "$BAOCAO" score --csv "$2/report.json" >"$tmp/got.csv" 2>"$tmp/err"
    expect_eq "$3: exit status ($(head -c 300 "$tmp/err"))" "$?" 0
    expect "$3: same table as the UTF-8 sample" cmp -s "$tmp/got.csv" "$tmp/$1.want.csv"
}

for dir in "$SRC"/samples/*/; do
    s=$(basename "$dir")
    "$BAOCAO" score --csv "$dir/report.json" >"$tmp/$s.want.csv" 2>/dev/null
    expect "$s: the reference table has units" test "$(wc -l <"$tmp/$s.want.csv")" -gt 2
    for enc in cp1258:CP1258 tcvn3:TCVN5712-1 viscii:VISCII; do
        variant "$s" "${enc%%:*}" iconv -f UTF-8 -t "${enc#*:}"
        expect "$s.${enc%%:*}: not valid UTF-8 any more" sh -c "! iconv -f UTF-8 -t UTF-8 '$v/scores.csv' >/dev/null 2>&1"
        same "$s" "$v" "$s.${enc%%:*}"
        "$BAOCAO" check --verbose "$v/report.json" >/dev/null 2>"$tmp/err"
        expect "$s.${enc%%:*}: --verbose names the encoding" grep -q "scores.*csv: encoding ${enc%%:*}," "$tmp/err"
        "$BAOCAO" score --csv --encoding "${enc%%:*}" "$v/report.json" >"$tmp/got.csv" 2>/dev/null
        expect "$s.${enc%%:*}: --encoding ${enc%%:*} gives the same table" cmp -s "$tmp/got.csv" "$tmp/$s.want.csv"
    done
    # Excel's Windows-1258 keeps tones as combining marks (0xCC 0xEC 0xD2 0xDE 0xF2).
    expect "$s.cp1258: tones are decomposed" csvs_match "$tmp/$s.cp1258" $'[\xcc\xec\xd2\xde\xf2]'
    variant "$s" nfd nfd
    same "$s" "$v" "$s.nfd"
    "$BAOCAO" check --verbose "$v/report.json" >/dev/null 2>"$tmp/err"
    expect "$s.nfd: --verbose says recomposed" grep -q "encoding utf-8 (recomposed to NFC)" "$tmp/err"
    variant "$s" bom bom
    same "$s" "$v" "$s.bom"
    variant "$s" semicolon semicolon
    expect "$s.semicolon: has decimal commas" csvs_match "$v" '[0-9],[0-9]'
    same "$s" "$v" "$s.semicolon"
    "$BAOCAO" check --verbose "$v/report.json" >/dev/null 2>"$tmp/err"
    expect "$s.semicolon: --verbose says ';' and comma" grep -q "delimiter ';', decimal comma" "$tmp/err"
    variant "$s" tab tabs
    same "$s" "$v" "$s.tab"
    variant "$s" excel excelish
    same "$s" "$v" "$s.excel"
done

# The PDF text, too, for the sample with two sections and the most Vietnamese.
s=huyen-dien-bien-2023-07
"$BAOCAO" render "$SRC/samples/$s/report.json" -o "$tmp/want.pdf" --quiet
pdftotext -layout "$tmp/want.pdf" "$tmp/want.txt"
expect "$s: the reference PDF has the table" has "$tmp/want.txt" "UBND xã Núa Ngam"
for name in cp1258 tcvn3 viscii nfd semicolon; do
    "$BAOCAO" render "$tmp/$s.$name/report.json" -o "$tmp/got.pdf" --quiet
    pdftotext -layout "$tmp/got.pdf" "$tmp/got.txt"
    expect "$s.$name: same PDF text" cmp -s "$tmp/got.txt" "$tmp/want.txt"
done

# A forced encoding that does not fit is an error naming file and line.
"$BAOCAO" check --encoding utf-8 "$tmp/$s.cp1258/report.json" >/dev/null 2>"$tmp/err"
expect_eq "--encoding utf-8 on Windows-1258: exit status" "$?" 1
expect "--encoding utf-8 on Windows-1258: names the line" grep -q "error \[csv-encoding\]: .*scores.csv:2: the file is not valid UTF-8" "$tmp/err"
"$BAOCAO" check --encoding latin1 "$SRC/samples/$s/report.json" >/dev/null 2>&1
expect_eq "--encoding latin1: usage error" "$?" 2
# Bytes that are no Vietnamese in any encoding are refused, not guessed.
variant "$s" noise bash -c 'cat; printf "X\xa9\xaa\xab\xac\xad,I,-,1,-,1,1,1,1,1,1,1,1\n"'
"$BAOCAO" check "$v/report.json" >/dev/null 2>"$tmp/err"
expect "noise: [csv-encoding] naming line 28" grep -q "error \[csv-encoding\]: .*scores.csv:28: the file is not UTF-8" "$tmp/err"

# Quoted fields: a name with the delimiter, a doubled quote and a newline.
# The error on the row after it still names the file's own line (30, not 29).
variant "$s" quoted bash -c 'cat; printf "\"UBND xã \"\"Mới\"\",\nhuyện\",II,-,1,-,1,1,1,1,1,1,1,1\nX,II,-,9,-,1,1,1,1,1,1,1,1\n"'
"$BAOCAO" score --csv "$v/report.json" >"$tmp/out" 2>"$tmp/err"
expect "quoted: the error names line 30" grep -q 'scores.csv:30: unit "X", indicator cong_khai.cs2: 9 is above the maximum 5' "$tmp/err"
sed -i '$d' "$v/scores.csv"
"$BAOCAO" score --csv "$v/report.json" >"$tmp/out" 2>"$tmp/err"
expect "quoted: the name keeps its comma, quotes and newline" grep -qF "\"UBND xã \"\"Mới\"\",
huyện\"" "$tmp/out"

# Printed labels: a two-row header (group above, "Chỉ số 1 (5đ)" below) in ';'
# with decimal commas, STT first and the name column called "Tên đơn vị".
v=$tmp/labels
mkdir -p "$v"
cp "$SRC/samples/$s/report.json" "$v/"
{
    echo 'STT;Tên đơn vị;Nhóm;Nhóm công khai, minh bạch;;;Tiến độ, KQ giải quyết (30đ);CUNG CẤP DVCTT;;so hoa ho so;;Mức độ hài lòng;;'
    echo ';;;Chỉ số 1 (5đ);Chỉ số 2 (5đ);Chỉ số 3 (10đ);;Chỉ số 1 (10đ);Chỉ số 2 (10đ);chi so 1;Chỉ số 2;Chỉ số 1;Chỉ số 2;Chỉ số 3'
    semicolon <"$SRC/samples/$s/scores.csv" | awk 'NR > 1 { print NR - 1 ";" $0 }'
} >"$v/scores.csv"
same "$s" "$v" "labels (two-row header)"
# Without the group row "Chỉ số 1" could be any group's.
sed -i 1d "$v/scores.csv"
sed -i '1s/^;;;/STT;Tên đơn vị;Nhóm;/' "$v/scores.csv"
"$BAOCAO" check "$v/report.json" >/dev/null 2>"$tmp/err"
expect_eq "labels without groups: exit status" "$?" 1
expect "labels without groups: [csv-ambiguous-column] naming column 4" \
    grep -q 'error \[csv-ambiguous-column\]: .*scores.csv:1: column 4 "Chỉ số 1 (5đ)" matches several indicators' "$tmp/err"

# XLSX written by LibreOffice: its CSV import, and an office-style workbook
# (second sheet, two-row merged header, merged section cells).
v=$tmp/xlsx
mkdir -p "$v"
cp "$XLSX"/*.xlsx "$v/"
sed 's/"scores.csv",/"scores.xlsx",/' "$SRC/samples/$s/report.json" >"$v/report.json"
same "$s" "$v" "scores.xlsx"
sed 's/"scores.csv",/"excel.xlsx", "sheet": "Điểm",/' "$SRC/samples/$s/report.json" >"$v/report.json"
same "$s" "$v" "excel.xlsx, sheet Điểm"
"$BAOCAO" render "$v/report.json" -o "$tmp/got.pdf" --quiet
pdftotext -layout "$tmp/got.pdf" "$tmp/got.txt"
expect "excel.xlsx: same PDF text" cmp -s "$tmp/got.txt" "$tmp/want.txt"
sed 's/"scores.csv",/"bad.xlsx", "sheet": "Điểm",/' "$SRC/samples/$s/report.json" >"$v/report.json"
"$BAOCAO" render "$v/report.json" -o "$v/out.pdf" >"$tmp/out" 2>"$tmp/err"
expect_eq "bad.xlsx: exit status" "$?" 1
expect "bad.xlsx: the error names sheet and cell" grep -q 'error \[score-above-max\]: .*bad.xlsx:Điểm!K17: unit "UBND xã Núa Ngam", indicator so_hoa.cs2: 11.5 is above the maximum 10' "$tmp/err"
expect "bad.xlsx: no PDF left" test ! -e "$v/out.pdf"
sed 's/"scores.csv",/"excel.xlsx", "sheet": "Bảng 9",/' "$SRC/samples/$s/report.json" >"$v/report.json"
"$BAOCAO" check "$v/report.json" >/dev/null 2>"$tmp/err"
expect "excel.xlsx: a missing sheet is named" grep -q 'error \[xlsx-sheet\]: .*excel.xlsx: the workbook has no worksheet "Bảng 9"' "$tmp/err"
cp "$SRC/samples/$s/scores.csv" "$v/fake.xlsx"
sed 's/"scores.csv",/"fake.xlsx",/' "$SRC/samples/$s/report.json" >"$v/report.json"
"$BAOCAO" check "$v/report.json" >/dev/null 2>"$tmp/err"
expect "a CSV named .xlsx: [xlsx-format]" grep -q 'error \[xlsx-format\]: .*fake.xlsx: cannot open as a workbook' "$tmp/err"

finish
