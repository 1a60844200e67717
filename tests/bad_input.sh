#!/bin/bash
# bad_input.sh — every kind of bad input stops `baocao check` and `baocao score`
# with exit status 1 and one message that says where: the file, the line, the
# unit and indicator where they apply, and the error key in brackets. Usage
# errors exit 2. Each case is a copy of a sample with one thing broken.
# Messages are checked in English (--lang en) and, for some cases, in
# Vietnamese (the default). Every error key in src/ has a case here or is
# listed at the end with the reason it cannot be reached from the command line.
set -u
. "$(dirname "$0")/lib.sh"


SAMPLE=$SRC/samples/huyen-dien-bien-2023-07   # two sections, 26 units, line N+1 = unit N

# new_case NAME: a fresh copy of the sample in $tmp/NAME; sets $d and $csv,
# and clears $extra (more arguments for baocao).
new_case() {
    extra=()
    d=$tmp/$1
    csv=$d/scores.csv
    mkdir -p "$d"
    cp "$SAMPLE/report.json" "$SAMPLE/scores.csv" "$d/"
}

# run_both HANDLER: runs `baocao check --lang en`, then `baocao score --lang en`, on
# $d/report.json; after each calls HANDLER COMMAND STATUS, with stdout in
# $tmp/out and stderr in $tmp/err.
run_both() {
    local cmd
    for cmd in check score; do
        "$BAOCAO" "$cmd" --lang en "${extra[@]}" "$d/report.json" >"$tmp/out" 2>"$tmp/err"
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
    covered+=("$fail_key")
    before=$(ls -A "$d")
    run_both check_failed
}
covered=()

# expect_vi TEXT...: the case just run by expect_fail, in Vietnamese: the
# default language, also through BAOCAO_LANG=vi; the key stays in English.
expect_vi() {
    local t lang
    for lang in "" vi; do
        BAOCAO_LANG=$lang "$BAOCAO" check "${extra[@]}" "$d/report.json" >"$tmp/out" 2>"$tmp/err"
        local rc=$?
        expect_eq "$(basename "$d") in Vietnamese${lang:+ (BAOCAO_LANG=$lang)}: exit status" "$rc" 1
        expect "$(basename "$d") in Vietnamese: lỗi [$fail_key]: $(cat "$tmp/err")" grep -qF "baocao: lỗi [$fail_key]: " "$tmp/err"
        for t in "$@"; do
            expect "$(basename "$d") in Vietnamese: stderr names \"$t\"" grep -qF -- "$t" "$tmp/err"
        done
    done
}

# expect_render_fail KEY TEXT...: `baocao render --lang en $extra` fails
# with KEY and every TEXT, and leaves no PDF (nor a temporary file) behind.
expect_render_fail() {
    local t what="$(basename "$d"): baocao render"
    covered+=("$1")
    before=$(ls -A "$d")
    "$BAOCAO" render --lang en "$d/report.json" -o "$d/out.pdf" "${extra[@]}" >"$tmp/out" 2>"$tmp/err"
    expect_eq "$what: exit status" "$?" 1
    expect "$what: stderr has [$1]: $(cat "$tmp/err")" grep -qF "error [$1]: " "$tmp/err"
    shift
    for t in "$@"; do
        expect "$what: stderr names \"$t\"" grep -qF -- "$t" "$tmp/err"
    done
    expect_eq "$what: files in the folder" "$(ls -A "$d")" "$before"
}

# data_dir NAME: a copy of templates/ (schemes and messages) as --data-dir,
# for cases that break a scheme; sets $scheme to the Điện Biên scheme there.
data_dir() {
    mkdir -p "$tmp/$1/templates"
    cp -r "$SRC/templates/schemes" "$SRC/templates/messages" "$tmp/$1/templates/"
    scheme=$tmp/$1/templates/schemes/qd459-dien-bien-2023.json
    extra=(--data-dir "$tmp/$1")
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
expect_vi "$csv:16: UBND xã Núa Ngam, chỉ số so_hoa.cs2: điểm 11.5 vượt quá điểm tối đa 10"

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
expect_vi "$csv:4: Phòng Nội vụ, chỉ số so_hoa.cs2: \"n/a\" không phải là số"

new_case huge-number      # a number past what exact decimals hold is not a number
sed -i '4s/,4.05,/,99999999999999999999999,/' "$csv"
expect_fail score-not-number "$csv:4:" 'unit "Phòng Nội vụ"' '"99999999999999999999999" is not a number'

new_case too-precise
sed -i '4s/,4.05,/,4.0500001,/' "$csv"
expect_fail score-precision "$csv:4:" 'unit "Phòng Nội vụ"' "indicator so_hoa.cs2" "more than 6 decimals"

# Control characters (BEL, ESC, C1 CSI) are refused with the place, and
# never reach the terminal raw: the message spells them U+XXXX.
no_raw_controls() {
    expect "$(basename "$d"): no raw control byte on stderr" \
        test "$(LC_ALL=C tr -d '\t\n -~\200-\377' <"$tmp/err" | wc -c)" -eq 0
    expect "$(basename "$d"): no C1 control on stderr" \
        test "$(grep -cP '\xc2[\x80-\x9f]' "$tmp/err")" -eq 0
}
new_case control-unit-name
sed -i $'3s/^Phòng Tư pháp,/Phòng\aTư \e[31mpháp,/' "$csv"
expect_fail input-control "$csv:3: column 1 holds a control character (U+0007)"
no_raw_controls
new_case control-c1-cell
sed -i $'4s/,4.05,/,4.05\xc2\x9b,/' "$csv"   # U+009B as UTF-8 bytes, in any locale
expect_fail input-control "$csv:4: column 10 holds a control character (U+009B)"
no_raw_controls

new_case unknown-column
sed -i '1s/,dvctt.cs2,/,dvctt.cs9,/' "$csv"
expect_fail csv-unknown-column "$csv:1:" 'column 8 "dvctt.cs9"' "scheme qd459-dien-bien-2023"

new_case missing-column   # the last column, hai_long.cs3, dropped on every line
sed -i 's/,[^,]*$//' "$csv"
expect_fail csv-missing-column "$csv:1:" "no column for indicator hai_long.cs3"
expect_vi "$csv:1: thiếu cột cho chỉ số hai_long.cs3"

new_case duplicate-column
sed -i '1s/,dvctt.cs2,/,dvctt.cs1,/' "$csv"
expect_fail csv-duplicate-column "$csv:1:" "indicator dvctt.cs1 appears in columns 7 and 8"

new_case no-section-column   # the report has two sections
sed -i 's/^\([^,]*\),[^,]*,/\1,/' "$csv"
expect_fail csv-no-section "$csv:1:" 'the report has 2 sections but the file has no "section" column'

new_case empty-file
: >"$csv"
expect_fail csv-empty "$csv: the file has no header row"

new_case header-only
sed -i '2,$d' "$csv"
expect_fail csv-no-units "$csv: the file lists no units"
expect_vi "$csv: tệp không có đơn vị nào"

new_case not-utf8        # "ò" as Windows-1258 writes it, alone: byte 0xF2
sed -i '4s/^Phòng/Ph\xf2ng/' "$csv"
expect_fail csv-encoding "$csv:4:" "is not UTF-8 (byte 0xF2) and does not read as Vietnamese"

new_case long-legacy-word   # 40 × 0xFF: in CP1258 "ÿ", a letter and a mark each (fuzz_scores found add_mark reading past its word)
sed -i "4s/^Phòng Nội vụ/Phòng $(printf '\\xff%.0s' {1..40})/" "$csv"
expect_fail csv-encoding "$csv:4:" "not UTF-8 (byte 0xFF)"

new_case unclosed-quote
sed -i '4s/^Phòng Nội vụ,/"Phòng Nội vụ,/' "$csv"
expect_fail csv-unclosed-quote "$csv:4: a quoted field is not closed"

new_case scores-is-a-directory
sed -i 's/"scores": "scores.csv"/"scores": "."/' "$d/report.json"
expect_fail file-read "$d/.: read error"

new_case empty-name
sed -i '4s/^Phòng Nội vụ,/,/' "$csv"
expect_fail unit-empty-name "$csv:4:" "unit name (column 1) is empty"
expect_vi "$csv:4: tên đơn vị (cột 1) bị để trống"

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

new_case bad-date
sed -i 's/"2023-08-17"/"17\/08\/2023"/' "$d/report.json"
expect_fail json-date "$d/report.json: document.date: \"17/08/2023\" is not a date (YYYY-MM-DD)"

# Periods that do not exist, line 20 of report.json: month 13, Quý V, a third
# half, two kinds at once, a misspelt kind (never read as a yearly report).
new_case bad-period
sed -i 's/"month": 7/"month": 13/' "$d/report.json"
expect_fail json-period "$d/report.json:20: period.month: 13 does not exist (1 to 12)"
expect_vi "$d/report.json:20: period.month: kỳ 13 không tồn tại (từ 1 đến 12)"
new_case bad-period-quarter
sed -i 's/"month": 7/"quarter": 5/' "$d/report.json"
expect_fail json-period "$d/report.json:20: period.quarter: 5 does not exist (1 to 4)"
new_case bad-period-half
sed -i 's/"month": 7/"half": 3/' "$d/report.json"
expect_fail json-period "$d/report.json:20: period.half: 3 does not exist (1 to 2)"
new_case bad-period-zero
sed -i 's/"month": 7/"quarter": 0/' "$d/report.json"
expect_fail json-period "$d/report.json:20: period.quarter: 0 does not exist (1 to 4)"
new_case bad-period-two-kinds
sed -i 's/"month": 7/"month": 7, "quarter": 3/' "$d/report.json"
expect_fail json-period "$d/report.json:20: period: one of month, quarter, half and nine_months, not 2"
new_case bad-period-key
sed -i 's/"month": 7/"quater": 3/' "$d/report.json"
expect_fail json-period "$d/report.json:20: period.quater: not a key of a period"
new_case bad-period-year
sed -i 's/"year": 2023/"year": 23/' "$d/report.json"
expect_fail json-period "$d/report.json:20: period.year: 23 is not a year of a report"
new_case bad-period-nine
sed -i 's/"month": 7/"nine_months": 9/' "$d/report.json"
expect_fail json-type "period.nine_months"

new_case bad-scale
sed -i 's/"scale": 100/"scale": -50/' "$d/report.json"
expect_fail json-scale "$d/report.json: scale: must be a positive whole number, not -50"

new_case bad-sort
sed -i 's/"sort": "table"/"sort": "name"/' "$d/report.json"
expect_fail json-sort "$d/report.json: sort: \"name\" must be \"table\" or \"score\""

new_case bad-style
sed -i 's/"sort": "table"/"sort": "table", "style": {"max_names": 0}/' "$d/report.json"
expect_fail json-style "$d/report.json: style.max_names: must be at least 1"
sed -i 's/"max_names": 0/"class_names": "Upper"/' "$d/report.json"
expect_fail json-style "$d/report.json: style.class_names: \"Upper\" must be \"lower\" or \"as_scheme\""

new_case month-as-text
sed -i 's/"month": 7/"month": "7"/' "$d/report.json"
expect_fail json-type "$d/report.json: period.month: expected a whole number"
expect_vi "$d/report.json: period.month: cần một số nguyên"

new_case month-huge       # too big for any integer type: jansson refuses it
sed -i 's/"month": 7/"month": 99999999999999999999999/' "$d/report.json"
expect_fail json-syntax "$d/report.json:20:46:" "too big integer"

new_case month-1e300
sed -i 's/"month": 7/"month": 1e300/' "$d/report.json"
expect_fail json-type "$d/report.json: period.month: expected a whole number"

new_case control-report-json
sed -i 's/"name": "Bùi Hải Bình"/"name": "Bùi Hải\\u001b[2J Bình"/' "$d/report.json"
expect_fail input-control "$d/report.json: signer.name: a control character (U+001B)"
no_raw_controls
new_case control-json-key   # a key, and a message that would carry it, stay printable
sed -i 's/"Trung tâm QLĐĐ": "Trung/"Trung\\u0007tâm": "Trung/' "$d/report.json"
expect_fail input-control "$d/report.json: long_names.TrungU+0007tâm: a control character (U+0007)"
no_raw_controls

new_case missing-place
sed -i '/"place":/d' "$d/report.json"
expect_fail json-missing "$d/report.json: document.place: required field is missing"
expect_vi "$d/report.json: document.place: thiếu trường bắt buộc"

# What report.json leaves out comes from the template set's style.json: a
# set without those words cannot make them up.
style_without_words() {
    data_dir "$1"
    cp "$SRC/templates/unit-kinds.json" "$tmp/$1/templates/"
    mkdir -p "$tmp/$1/templates/bao-cao-thang"
    echo '{"max_names": 10}' >"$tmp/$1/templates/bao-cao-thang/style.json"
}
new_case no-type-no-style
style_without_words data-no-style
sed -i '/"type": "BÁO CÁO"/d' "$d/report.json"
expect_fail json-missing "$d/report.json: document.type: not given, and the style of templates/bao-cao-thang has no \"document_type\""
new_case no-noun-no-style
style_without_words data-no-noun
sed -i 's/, "unit_noun": "UBND xã"//' "$d/report.json"
expect_fail json-missing "$d/report.json: sections: \"unit_noun\" not given, and the style of templates/bao-cao-thang has no \"unit_noun\""
expect_vi "$d/report.json: sections: không ghi \"unit_noun\", và style của templates/bao-cao-thang không có \"unit_noun\""

new_case unknown-long-name
sed -i 's/"Trung tâm QLĐĐ": "Trung/"Trung tâm X": "Trung/' "$d/report.json"
expect_fail unit-unknown "$d/report.json: long_names: \"Trung tâm X\" is not a unit of the scores file"

# --- the scheme (a copy of templates/ given as --data-dir) -----------------

# scheme_case NAME SED KEY TEXT: the Điện Biên scheme edited by SED fails with
# KEY and "<scheme file>: TEXT".
scheme_case() {
    new_case "$1"
    data_dir "data-$1"
    sed -i "$2" "$scheme"
    expect_fail "$3" "$scheme: $4"
}
scheme_case scheme-scale 's/"scale": 100/"scale": 0/' scheme-scale "scale: must be a positive whole number, or null for none, not 0"
expect_vi "$d/report.json: scheme: $scheme: scale: thang điểm phải là số nguyên dương, hoặc null nếu không quy đổi, không phải 0"
scheme_case scheme-places 's/"places": 2/"places": 7/' scheme-places "places: must be between 0 and 4"
scheme_case scheme-max 's/"max": 30,/"max": 0,/' scheme-max "groups[1].max: must be greater than 0"
scheme_case scheme-duplicate '0,/"id": "cs2"/s//"id": "cs1"/' scheme-duplicate \
    "groups[0].indicators[1]: indicator id \"cong_khai.cs1\" is used twice"
scheme_case scheme-bad-id '0,/"id": "cs3"/s//"id": "cs 3"/' scheme-id \
    "groups[0].indicators[2].id: \"cs 3\" must use only letters"
scheme_case scheme-misnamed 's/"id": "qd459-dien-bien-2023"/"id": "qd459"/' scheme-id \
    "id is \"qd459\", but the file is named for \"qd459-dien-bien-2023\""
scheme_case scheme-no-groups '/"groups": \[/,/^  \],/c\  "groups": [],' scheme-empty \
    "groups: the scheme has no indicators"
scheme_case scheme-rating 's/"min": 90 }/"min": 120 }/' scheme-rating "ratings[0].min: must be between 0 and 100"
scheme_case scheme-rating-order 's/"min": 80 }/"min": 95 }/' scheme-rating \
    "ratings[1]: ratings must be listed from the highest threshold down"
scheme_case scheme-control 's/"name": "Tốt"/"name": "T\\u0085ốt"/' input-control \
    "ratings[1].name: a control character (U+0085)"
no_raw_controls

# Numbers of a scheme follow the CSV's rule: more than 6 decimals are refused,
# never rounded (30.0000001 used to become 30, 89.9999996 90).
scheme_case scheme-max-precision 's/"max": 30,/"max": 30.0000001,/' json-type \
    "groups[1].max: expected a number with at most 6 decimals"
scheme_case scheme-min-precision 's/"min": 90 }/"min": 89.9999996 }/' json-type \
    "ratings[0].min: expected a number with at most 6 decimals"
scheme_case scheme-text-precision 's/"min": 90 }/"min": "89,9999996" }/' json-type \
    "ratings[0].min: expected a number with at most 6 decimals"
new_case scheme-six-decimals   # 6 decimals and an exponent are read
data_dir data-scheme-six-decimals
sed -i 's/"min": 90 }/"min": 89.999999 }/;s/"max": 30,/"max": 3e1,/' "$scheme"
"$BAOCAO" check --lang en "${extra[@]}" "$d/report.json" >"$tmp/out" 2>"$tmp/err"
expect_eq "scheme-six-decimals: check passes ($(cat "$tmp/err"))" "$?" 0

# --- render: the PDF and the fonts ---------------------------------------

new_case no-such-dir
extra=(-o "$d/nodir/out.pdf")   # the later -o wins
expect_render_fail write "$d/nodir/out.pdf: cannot create a file there"

# An output that is an input (same file, even under another name) or any
# other file that is not a PDF is refused and left as it was.
new_case out-is-input
ln "$csv" "$d/scores-link.csv"
extra=(-o "$d/scores-link.csv")
expect_render_fail out-is-input "$d/scores-link.csv: this is the input $d/scores.csv"
expect "out-is-input: scores.csv unchanged" cmp -s "$csv" "$SAMPLE/scores.csv"
extra=(-o "$d/report.json")
expect_render_fail out-is-input "$d/report.json: this is the input"
expect "out-is-input: report.json unchanged" cmp -s "$d/report.json" "$SAMPLE/report.json"
new_case out-not-pdf
printf 'not a report\n' >"$d/notes.txt"
extra=(-o "$d/notes.txt")
expect_render_fail out-not-pdf "$d/notes.txt: exists and is not a PDF"
expect_eq "out-not-pdf: notes.txt unchanged" "$(cat "$d/notes.txt")" "not a report"

new_case no-such-font
extra=(--font "No Such Family")
expect_render_fail font-not-found "font No Such Family: no regular face found through fontconfig"
BAOCAO_LANG= "$BAOCAO" render "$d/report.json" -o "$d/out.pdf" "${extra[@]}" 2>"$tmp/err"
expect "no-such-font in Vietnamese: $(cat "$tmp/err")" grep -qF \
    "baocao: lỗi [font-not-found]: phông chữ No Such Family: fontconfig không tìm thấy kiểu chữ regular" "$tmp/err"

new_case font-not-a-font  # four faces that are not TrueType files
for f in Regular Bold Italic BoldItalic; do cp "$d/report.json" "$d/Fake-$f.ttf"; done
extra=(--font "$d/Fake-Regular.ttf")
expect_render_fail font-invalid "$d/Fake-Regular.ttf: "

new_case font-regular-missing   # Bold, Italic and BoldItalic, but no Regular
for f in Bold Italic BoldItalic; do cp "$d/report.json" "$d/Fake-$f.ttf"; done
extra=(--font "$d/Fake-Regular.ttf")
expect_render_fail font-open "$d/Fake-Regular.ttf: No such file or directory"

new_case missing-glyph    # a Chinese character in a unit's name
sed -i '4s/^Phòng Nội vụ/Phòng 中 Nội vụ/' "$csv"
# The first place it is drawn is the body's class list, which names the unit.
expect_render_fail missing-glyph "character U+4E2D '中' is not in the font" 'xếp loại trung bình'


new_case template-path    # the template names a folder of templates/, never a path
sed -i 's/"template": "bao-cao-thang"/"template": "..\/..\/etc"/' "$d/report.json"
expect_fail json-template "template: \"../../etc\" must be a plain name"

# --- not an error: a unit whose every cell is "-" is listed, not scored --

new_case all-not-applicable
sed -i '4s/^\(Phòng Nội vụ,I\),.*/\1,-,-,-,-,-,-,-,-,-,-,-/' "$csv"
check_not_scored() {
    local what="all-not-applicable: baocao $1"
    expect_eq "$what: exit status" "$2" 0
    expect "$what: no error: $(cat "$tmp/err")" test -z "$(grep -v 'warning \[notice-unscored\]' "$tmp/err")"
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
    grep -q "^ *I  Phòng Nội vụ .*không chấm điểm" <("$BAOCAO" score --lang vi "$d/report.json")
expect "all-not-applicable: in English, \"not scored\"" \
    grep -q "^ *I  Phòng Nội vụ .*not scored" <("$BAOCAO" score --lang en "$d/report.json")

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
expect_usage 2 "unknown language fr (vi or en)" check --lang fr "$SAMPLE/report.json"
expect_usage 2 "unknown language ../x (vi or en)" check --lang ../x "$SAMPLE/report.json"
expect_usage 2 "--lang needs a language" check "$SAMPLE/report.json" --lang
expect_usage 2 "score needs a REPORT.json" score
expect_usage 2 "--data-dir needs a directory" check "$SAMPLE/report.json" --data-dir
expect_usage 2 "unexpected argument" check "$SAMPLE/report.json" extra.json
expect_usage 2 "(see baocao --help)" --bogus
expect_usage 0 "usage: baocao COMMAND" --help
expect_usage 0 "usage: baocao COMMAND" -h
expect_usage 0 "baocao " --version
expect "baocao --version prints a version number" grep -qE '^baocao [0-9]+\.[0-9]+' "$tmp/out"
expect_usage 0 ": ok (26 units, scheme qd459-dien-bien-2023)" check "$SAMPLE/report.json"

# --- every error key of src/ is tested above, or cannot be reached -------

# Keys a report folder and the command line cannot trigger, and why:
declare -A unreachable=(
    [catalog]="a broken templates/messages catalog: tests/test_messages.c"
    [csv-field-too-long]="tests/limits.sh (a 100 MB cell)"
    [csv-too-many-columns]="tests/limits.sh (a million columns)"
    [json-shape]="tests/limits.sh (deep nesting)"
    [fontconfig]="fontconfig failing to initialise"
    [font-coverage]="a font without Vietnamese letters; none is installed to test with"
    [page-setup]="the page setup is compiled in (tests/test_layout.c checks it)"
    [table-widths]="tables are built by the program, never from input"
    [pdf-libharu]="libharu failing internally"
    [pdf-font]="a font face vanishing between loading and writing"
    [pdf-id]="libharu writing no trailer /ID"
    [pdf-pdfa]="the shipped ICC profile missing"
    [pdf-sigfield]="a signature box the layout did not place"
    [pdf-utf8]="text reaches the PDF only after the readers checked its UTF-8"
    # Other commands and inputs, tested in their own scripts:
    [archive-duplicate]="baocao archive: tests/archive.sh"
    [archive-no-agency]="baocao archive: tests/archive.sh"
    [archive-no-number]="baocao archive: tests/archive.sh"
    [archive-stale-sidecar]="baocao archive: tests/archive.sh"
    [archive-input]="baocao archive given a path that is neither a PDF nor a folder (not tested)"
    [archive-target]="baocao archive --to with an unknown scheme (not tested)"
    [sidecar-read]="baocao archive: a PDF without its sidecar, tests/archive.sh (by message)"
    [webdav]="baocao archive --to http://: tests/webdav.sh"
    [csv-ambiguous-column]="tests/input_formats.sh"
    [xlsx-format]="tests/test_xlsx.c and tests/input_formats.sh"
    [xlsx-sheet]="tests/test_xlsx.c and tests/input_formats.sh"
    [xlsx-too-large]="tests/test_xlsx.c (a zip bomb)"
    [layout-too-tall]="tests/render_samples.sh (a table row taller than a page)"
    [read]="a file that vanishes after it was opened (fileio.c)"
    [lang-unknown]="--lang with an unknown language: a usage error at the command line (bc_set_language)"
    [no-notices]="baocao batch: tests/notice_batch.sh"
    [notice-data]="baocao batch: tests/notice_batch.sh (by message)"
    [notice-unscored]="baocao batch: tests/notice_batch.sh (by message)"
    [csv-header]="baocao batch: a statistics CSV without its columns (not tested)"
    [template-shape]="a notice table template with the wrong number of paragraphs (not tested)"
    [out-dir]="baocao batch -o \"\" or onto a file: tests/batch_output.sh"
    [batch-busy]="two batches into one folder: tests/batch_output.sh"
    [manifest]="a batch folder's manifest.json broken: tests/batch_output.sh"
    [archive-incomplete]="archive of a batch folder stopped part-way: tests/batch_output.sh"
    [unit-duplicate-code]="unit codes: tests/monthly.sh"
    [unit-link]="renamed/merged naming a unit of neither file: tests/monthly.sh"
    [unit-link-cycle]="renamed links in a cycle: tests/monthly.sh"
    [scheme-change-warning]="a scheme's change_warning out of range: tests/monthly.sh"
    [out-format]="render -o x.odt: tests/monthly.sh; --format docx -o x.pdf: tests/docx.sh"
    [out-not-docx]="render -o a file that is not a DOCX: tests/docx.sh"
    [docx-char]="a character XML 1.0 forbids reaching the DOCX writer: tests/test_docx.c"
    [docx-table-columns]="a table of more than 63 columns: tests/test_docx.c"
    [docx-table-overlap]="a cell overlapping a rowspan: tests/test_docx.c"
    [docx-write]="libxml2 or libzip failing internally"
    [table-unknown]="the phụ lục table description: tests/phuluc_table.sh"
    [table-band]="tests/phuluc_table.sh"
    [table-head]="tests/phuluc_table.sh"
    [table-duplicate]="tests/phuluc_table.sh"
    [table-decimals]="tests/phuluc_table.sh"
    [table-width]="tests/phuluc_table.sh"
    [table-font-size]="tests/phuluc_table.sh"
    [table-empty]="tests/phuluc_table.sh"
    [scheme-status]="tests/phuluc_table.sh"
    [scheme-no-files]="tests/phuluc_table.sh"
    [score-status]="tests/phuluc_table.sh"
    [score-status-values]="tests/phuluc_table.sh"
    [score-status-reason]="tests/phuluc_table.sh"
    [batch-unit]="bc_batch (the API, baocao serve) when a unit fails; the CLI prints each failure itself (not tested)"
    [cancelled]="bc_options.cancelled said stop (the API, baocao serve): tests/test_api_cancel.c, tests/serve_timeout.sh"
)
# Templates are not yet chosen by report.json; tests/test_tmpl.c covers tmpl-*.
for key in $(grep -ohE '(diag_set|tmpl_error)\([^"]*"[a-z0-9-]+"' "$SRC"/src/*/*.c | grep -oE '[a-z0-9-]+"$' | tr -d '"' | sort -u); do
    case " ${covered[*]} " in *" $key "*) ok; continue ;; esac
    [[ $key == tmpl-* ]] && { ok; continue; }
    expect "error key $key has a case in bad_input.sh or a reason it cannot" test -n "${unreachable[$key]:-}"
done

finish
