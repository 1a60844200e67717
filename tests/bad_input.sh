#!/bin/bash
# bad_input.sh — every kind of bad input stops `baocao check` and `baocao score`
# with exit status 1 and one message that says where: the file, the line, the
# unit and indicator where they apply, and the error key in brackets. Usage
# errors exit 2. Each case is a copy of a sample with one thing broken.
set -u
. "$(dirname "$0")/lib.sh"


SAMPLE=$SRC/samples/huyen-dien-bien-2023-07   # two sections, 26 units, line N+1 = unit N

# new_case NAME: a fresh copy of the sample in $tmp/NAME; sets $d and $csv.
new_case() {
    d=$tmp/$1
    csv=$d/scores.csv
    mkdir -p "$d"
    cp "$SAMPLE/report.json" "$SAMPLE/scores.csv" "$d/"
}

# run_both HANDLER: runs `baocao check`, then `baocao score`, on
# $d/report.json; after each calls HANDLER COMMAND STATUS, with stdout in
# $tmp/out and stderr in $tmp/err.
run_both() {
    local cmd
    for cmd in check score; do
        "$BAOCAO" "$cmd" "$d/report.json" >"$tmp/out" 2>"$tmp/err"
        "$1" "$cmd" $?
    done
}

# expect_fail KEY TEXT...: both commands exit 1 with "[KEY]" and every TEXT
# (fixed strings) on stderr, print nothing on stdout and leave the case
# folder as it was (no output file, not even a partial one).
expect_fail() {
    fail_key=$1
    shift
    fail_texts=("$@")
    before=$(ls -A "$d")
    run_both check_failed
}
check_failed() {
    local what t
    what="$(basename "$d"): baocao $1"
    expect_eq "$what: exit status" "$2" 1
    expect "$what: stderr has [$fail_key]: $(cat "$tmp/err")" grep -qF "error [$fail_key]: " "$tmp/err"
    for t in "${fail_texts[@]}"; do
        expect "$what: stderr names \"$t\"" grep -qF -- "$t" "$tmp/err"
    done
    expect "$what: nothing on stdout" test ! -s "$tmp/out"
    expect_eq "$what: files in the folder" "$(ls -A "$d")" "$before"
}

# --- scores.csv ---------------------------------------------------------

# The seed's own slip: Núa Ngam (line 16), số hóa CS2 11,5 for a maximum of 10.
new_case above-max
sed -i '16s/,4.79,10,/,4.79,11.5,/' "$csv"
expect_fail score-above-max "$csv:16:" 'unit "UBND xã Núa Ngam"' "indicator so_hoa.cs2" "11.5 is above the maximum 10"

# A portal total (QĐ 766) above what the unit could score: Bình Thành's
# line 5 with công khai "-" (applicable maximum 82) and a total of 86,02.
d=$tmp/total-above-max
mkdir -p "$d" && cp "$SRC"/samples/dinh-hoa-2024-02/* "$d/" && csv=$d/scores-2024-02.csv
sed -i '5s/^Xã Bình Thành,11.8,/Xã Bình Thành,-,/' "$csv"
expect_fail score-total "$csv:5:" 'unit "Xã Bình Thành"' "86,02 is above the applicable maximum 82"

new_case negative
sed -i '3s/,28.24,/,-28.24,/' "$csv"
expect_fail score-negative "$csv:3:" 'unit "Phòng Tư pháp"' "indicator tien_do" "-28.24 is negative"

new_case not-a-number
sed -i '4s/,4.05,/,n\/a,/' "$csv"
expect_fail score-not-number "$csv:4:" 'unit "Phòng Nội vụ"' "indicator so_hoa.cs2" '"n/a" is not a number'

new_case too-precise
sed -i '4s/,4.05,/,4.0500001,/' "$csv"
expect_fail score-precision "$csv:4:" 'unit "Phòng Nội vụ"' "indicator so_hoa.cs2" "more than 6 decimals"

new_case unknown-column
sed -i '1s/,dvctt.cs2,/,dvctt.cs9,/' "$csv"
expect_fail csv-unknown-column "$csv:1:" 'column 8 "dvctt.cs9"' "scheme qd459-dien-bien-2023"

new_case missing-column   # the last column, hai_long.cs3, dropped on every line
sed -i 's/,[^,]*$//' "$csv"
expect_fail csv-missing-column "$csv:1:" "no column for indicator hai_long.cs3"

new_case empty-name
sed -i '4s/^Phòng Nội vụ,/,/' "$csv"
expect_fail unit-empty-name "$csv:4:" "unit name (column 1) is empty"

new_case duplicate-unit
line2=$(sed -n 2p "$csv")
echo "$line2" >>"$csv"   # Trung tâm QLĐĐ again, as line 28
expect_fail unit-duplicate "$csv:28:" 'unit "Trung tâm QLĐĐ" appears twice (also line 2)'

new_case empty-cell       # tiến độ left blank, the rest filled
sed -i '4s/,13.96,/,,/' "$csv"
expect_fail score-missing "$csv:4:" 'unit "Phòng Nội vụ"' "indicator tien_do" "the cell is empty"

new_case short-row        # a row cut after the section: trailing cells missing
sed -i '4s/^\(Phòng Nội vụ,I\),.*/\1,-,4.81,-/' "$csv"
expect_fail score-missing "$csv:4:" 'unit "Phòng Nội vụ"' "indicator tien_do"

new_case extra-cells
sed -i '4s/$/,5/' "$csv"
expect_fail csv-extra-cells "$csv:4:" 'unit "Phòng Nội vụ"' "14 cells but the header has 13"

new_case unknown-section
sed -i '4s/^Phòng Nội vụ,I,/Phòng Nội vụ,III,/' "$csv"
expect_fail unit-section "$csv:4:" 'unit "Phòng Nội vụ"' 'section "III"'

new_case missing-scores
rm "$csv"
expect_fail file-open "$csv: cannot open"

# --- report.json --------------------------------------------------------

new_case malformed-json   # the comma after "scheme" removed: line 3 is unexpected
sed -i '2s/,$//' "$d/report.json"
expect_fail json-syntax "$d/report.json:3:9: malformed JSON"

new_case unknown-scheme
sed -i 's/"qd459-dien-bien-2023"/"qd460-dien-bien-2023"/' "$d/report.json"
expect_fail scheme-unknown "$d/report.json: scheme: unknown scheme \"qd460-dien-bien-2023\""

new_case missing-report
rm "$d/report.json"
expect_fail file-open "$d/report.json"

# --- not an error: a unit whose every cell is "-" is listed, not scored --

new_case all-not-applicable
sed -i '4s/^\(Phòng Nội vụ,I\),.*/\1,-,-,-,-,-,-,-,-,-,-,-/' "$csv"
check_not_scored() {
    local what="all-not-applicable: baocao $1"
    expect_eq "$what: exit status" "$2" 0
    expect "$what: no error: $(cat "$tmp/err")" test ! -s "$tmp/err"
}
run_both check_not_scored
expect "all-not-applicable: check counts the unit" grep -qF "ok (26 units" <(
    "$BAOCAO" check "$d/report.json" 2>&1)
"$BAOCAO" score --csv "$d/report.json" >"$tmp/out"
expect_eq "all-not-applicable: Phòng Nội vụ has no score, class or rank" \
    "$(cells "$tmp/out" unit "Phòng Nội vụ" tien_do achieved max converted rating rank)" "-|||||"
expect_eq "all-not-applicable: the three tied last units move up to 23" \
    "$(cells "$tmp/out" unit "UBND xã Thanh Nưa" rank)" 23
expect "all-not-applicable: the table says \"không chấm điểm\"" \
    grep -q "^ *I  Phòng Nội vụ .*không chấm điểm" <("$BAOCAO" score "$d/report.json")

# --- usage: exit 2, or 0 for --help and --version ------------------------

# expect_usage STATUS TEXT ARGS...: baocao ARGS exits STATUS and prints TEXT.
expect_usage() {
    local want=$1 text=$2
    shift 2
    "$BAOCAO" "$@" >"$tmp/out" 2>&1
    expect_eq "baocao $*: exit status" "$?" "$want"
    expect "baocao $*: says \"$text\"" grep -qF -- "$text" "$tmp/out"
}
expect_usage 2 "no command given"
expect_usage 2 "unknown command frobnicate" frobnicate "$SAMPLE/report.json"
expect_usage 2 "render needs -o OUT.pdf" render "$SAMPLE/report.json"
expect_usage 2 "unknown option --pdf" score --pdf "$SAMPLE/report.json"
expect_usage 2 "score needs a REPORT.json" score
expect_usage 2 "--data-dir needs a directory" check "$SAMPLE/report.json" --data-dir
expect_usage 2 "unexpected argument" check "$SAMPLE/report.json" extra.json
expect_usage 2 "(see baocao --help)" --bogus
expect_usage 0 "usage: baocao COMMAND" --help
expect_usage 0 "usage: baocao COMMAND" -h
expect_usage 0 "baocao " --version
expect "baocao --version prints a version number" grep -qE '^baocao [0-9]+\.[0-9]+' "$tmp/out"
expect_usage 0 ": ok (26 units, scheme qd459-dien-bien-2023)" check "$SAMPLE/report.json"

finish
