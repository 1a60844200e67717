#!/bin/bash
# limits.sh — hostile sizes give a clear error (exit 1, the error key, no
# output file) instead of exhausting memory: a 100 MB cell, a million
# columns, JSON nested a million deep, numbers too big for any type. The
# inputs are generated here, streamed, never stored in the repository. Memory
# is bounded with ulimit -v (not under ASan, which reserves terabytes of
# address space up front). A huge template is tested in test_tmpl.c.
set -u
. "$(dirname "$0")/lib.sh"

SAMPLE=$SRC/samples/huyen-dien-bien-2023-07
HEADER=$(head -1 "$SAMPLE/scores.csv")
LIMIT_KB=300000   # the CSV is read whole (peak RSS 103 MB for the 100 MB cell); the rest is small
grep -q __asan_init "$BAOCAO" && LIMIT_KB=unlimited

# xlsx_case NAME: a case whose scores are $d/scores.xlsx, made by
# tests/data/xlsx/sheet.py from the worksheet XML on stdin.
xlsx_case() {
    new_case "$1"
    sed -i 's/"scores.csv",/"scores.xlsx",/' "$d/report.json"
    python3 "$SRC/tests/data/xlsx/sheet.py" "$d/scores.xlsx"
}

# limited NAME KEY TEXT: renders $d/report.json under the memory limit; exit 1
# with [KEY] and TEXT, and no PDF left in $d.
limited() {
    local name=$1 key=$2 text=$3
    (ulimit -v "$LIMIT_KB"; exec "$BAOCAO" render --lang en "$d/report.json" -o "$d/out.pdf") \
        >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    expect_eq "$name: exit status ($(head -c 300 "$tmp/err"))" "$rc" 1
    expect "$name: [$key]" grep -qF "error [$key]: " "$tmp/err"
    expect "$name: says \"$text\"" grep -qF -- "$text" "$tmp/err"
    expect "$name: no PDF" test ! -e "$d/out.pdf"
    expect_eq "$name: nothing but the input in the folder" "$(ls "$d" | grep -cv '^report.json$\|^scores.csv$\|^scores.xlsx$')" 0
}

new_case() {
    d=$tmp/$1
    mkdir -p "$d"
    cp "$SAMPLE/report.json" "$d/"
}

new_case cell-100mb       # Phòng Nội vụ's first score is 100 MB of digits
{
    echo "$HEADER"
    printf 'Phòng Nội vụ,I,'
    head -c 100000000 /dev/zero | tr '\0' 7
    printf ',4.81,-,13.96,6.75,6.05,1.1,4.05,5,5,3.33\n'
} >"$d/scores.csv"
expect_eq "cell-100mb: the file is over 100 MB" "$(($(stat -c %s "$d/scores.csv") > 100000000))" 1
limited cell-100mb csv-field-too-long "$d/scores.csv:2: a field is longer than 1048576 bytes"
rm "$d/scores.csv"

new_case million-columns  # a header of a million columns
awk 'BEGIN { printf "unit"; for (i = 1; i <= 1000000; i++) printf ",c%d", i; print "" }' >"$d/scores.csv"
limited million-columns csv-too-many-columns "$d/scores.csv:1: more than 4096 columns"

# XLSX: 50,000 rows, each with one value in the last column a sheet can have
# (XFD), used to widen every row to 16,384 cells (> 3 GB). The CSV limit of
# 4,096 columns holds for XLSX too.
xlsx_case xlsx-sparse-xfd < <(awk 'BEGIN { printf "<worksheet><sheetData>";
    for (i = 1; i <= 50000; i++) printf "<row r=\"%d\"><c r=\"XFD%d\"><v>1</v></c></row>", i, i;
    print "</sheetData></worksheet>" }')
limited xlsx-sparse-xfd csv-too-many-columns "$d/scores.xlsx:Sheet1!XFD1: more than 4096 columns"

# Within the limit (column 4,096, FAN) a sparse row costs its one cell, not
# 4,096 (50,000 such rows would be 8 GB); the unit is then refused for its
# width.
xlsx_case xlsx-sparse-4096 < <(awk -v h="$HEADER" 'BEGIN { printf "<worksheet><sheetData><row r=\"1\">";
    n = split(h, f, ","); for (k = 1; k <= n; k++) printf "<c t=\"inlineStr\"><is><t>%s</t></is></c>", f[k];
    printf "</row>";
    for (i = 2; i <= 50000; i++)
        printf "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>Xã %d</t></is></c><c r=\"FAN%d\"><v>1</v></c></row>", i, i, i, i;
    print "</sheetData></worksheet>" }')
limited xlsx-sparse-4096 csv-extra-cells "$d/scores.xlsx:Sheet1!A2: unit \"Xã 2\": 4096 cells but the header has 13"

# Merged ranges over whole columns: each used to walk all 1,048,576 row
# numbers (1,000 merges: 10 s). Merges are bounded in number, and in the
# cells they fill in rows that exist.
xlsx_case xlsx-merges-many < <(awk 'BEGIN { printf "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData><mergeCells>";
    for (i = 1; i <= 70000; i++) printf "<mergeCell ref=\"A1:A1048576\"/>";
    print "</mergeCells></worksheet>" }')
limited xlsx-merges-many xlsx-too-large "$d/scores.xlsx:Sheet1: more than 65536 merged ranges"
xlsx_case xlsx-merges-cover < <(awk 'BEGIN { printf "<worksheet><sheetData>";
    for (i = 1; i <= 20; i++) printf "<row r=\"%d\"><c r=\"A%d\"><v>1</v></c></row>", i, i;
    printf "</sheetData><mergeCells>";
    for (i = 1; i <= 60000; i++) printf "<mergeCell ref=\"A1:XFD1048576\"/>";
    print "</mergeCells></worksheet>" }')
limited xlsx-merges-cover xlsx-too-large "$d/scores.xlsx:Sheet1: the merged ranges cover more than 1048576 cells"

new_case json-deep-100    # within what jansson parses, beyond baocao's 64
cp "$SAMPLE/scores.csv" "$d/"
open=$(printf '[%.0s' {1..100}) close=$(printf ']%.0s' {1..100})
sed -i "1s/^{/{ \"x\": $open$close,/" "$d/report.json"
limited json-deep-100 json-shape "$d/report.json: expected a JSON object nested at most 64 deep"

new_case json-deep-million   # jansson stops at its own depth limit
cp "$SAMPLE/scores.csv" "$d/"
awk 'BEGIN { printf "{\"x\": "; for (i = 0; i < 1000000; i++) printf "["; for (i = 0; i < 1000000; i++) printf "]"; print "}" }' \
    >"$d/report.json"
limited json-deep-million json-syntax "malformed JSON: maximum parsing depth reached"

new_case json-long-string   # a 100 MB subject is read, but it is not a date
cp "$SAMPLE/scores.csv" "$d/"
{
    printf '{ "document": { "date": "'
    head -c 100000000 /dev/zero | tr '\0' 9
    printf '" } }\n'
} >"$d/report.json"
limited json-long-string json-missing "needs the objects"

new_case huge-max         # a scheme maximum of 10^300 points
mkdir -p "$d/data/templates"
cp -r "$SRC/templates/schemes" "$SRC/templates/messages" "$d/data/templates/"
sed -i 's/"max": 30,/"max": 1e300,/' "$d/data/templates/schemes/qd459-dien-bien-2023.json"
cp "$SAMPLE/scores.csv" "$d/"
"$BAOCAO" check --lang en --data-dir "$d/data" "$d/report.json" >"$tmp/out" 2>"$tmp/err"
expect_eq "huge-max: exit status" "$?" 1
expect "huge-max: says where and why: $(cat "$tmp/err")" \
    grep -qF "report.json: scheme: $d/data/templates/schemes/qd459-dien-bien-2023.json: groups[1].max: expected a number below 10^9" "$tmp/err"

finish
