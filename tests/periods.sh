#!/usr/bin/env bash
# Periods (issue 14 item 3): each kind in report.json gives the title, the
# phụ lục title and the comparison with the previous period of its kind, in
# the words of templates/ky-bao-cao.tpl; years print without a thousands
# separator. A report of the Mường Lay sample with its trích yếu left to
# trich-yeu.tpl, for each kind.
set -u
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SAMPLE=$SRC/samples/muong-lay-2024-11

# kind NAME PERIOD_JSON DATE: a copy of the sample for that period, without
# document.subject, issued on DATE; sets $d.
kind() {
    d=$tmp/$1
    mkdir -p "$d"
    cp "$SAMPLE/report.json" "$SAMPLE"/scores*.csv "$d/"
    jq --argjson p "$2" --arg date "$3" '.period = $p | .document.date = $date | del(.document.subject)' \
        "$SAMPLE/report.json" >"$d/report.json"
}

# text: the rendered report of $d on one line.
text() {
    "$BAOCAO" render "$d/report.json" -o "$d/out.pdf" --quiet 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
    pdftotext -nopgbrk "$d/out.pdf" - | grep -vxE '[0-9]+' | tr '\n' ' ' | tr -s ' '
}

# check NAME PERIOD_JSON DATE PHRASE SHORT PREVIOUS PREVIOUS_SHORT YEAR_BEFORE
check() {
    local name=$1
    kind "$name" "$2" "$3"
    local t
    t=$(text)
    case "$t" in
        *"môi trường điện tử thị xã Mường Lay $4 Kính gửi"* | *"môi trường điện tử thị xã Mường Lay $4 "*) ok ;;
        *) bad "$name: title with \"$4\": $t" ;;
    esac
    local upper
    upper=$(tr '[:lower:]' '[:upper:]' <<<"$4" | sed 's/ậ/Ậ/g; s/ố/Ố/g; s/ý/Ý/g; s/á/Á/g; s/ă/Ă/g; s/đ/Đ/g; s/ầ/Ầ/g; s/ố/Ố/g')
    case "$t" in *"THỊ XÃ MƯỜNG LAY $upper"*) ok ;; *) bad "$name: phụ lục title with \"$upper\"" ;; esac
    case "$t" in *"Trong $4 không để xảy ra"*) ok ;; *) bad "$name: \"Trong $4\" in the assessment" ;; esac
    case "$t" in *"giảm so với $7, cụ thể"*) ok ;; *) bad "$name: comparison \"so với $7\"" ;; esac
    "$BAOCAO" facts "$d/report.json" >"$tmp/f.json" 2>"$tmp/err" || cat "$tmp/err" >&2
    expect_eq "$name: facts period" "$(jq -c '.period | [.text, .short, .previous.text, .previous.short, .year_before.text]' "$tmp/f.json")" \
        "$(jq -nc --arg a "$4" --arg b "$5" --arg c "$6" --arg d "$7" --arg e "$8" '[$a,$b,$c,$d,$e]')"
    expect_eq "$name: facts document.subject" "$(jq -r .document.subject "$tmp/f.json")" \
        "Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử thị xã Mường Lay $4"
    expect_eq "$name: the sidecar's Subject" "$(jq -r .Subject "$d/out.meta.json")" "$(jq -r .document.subject "$tmp/f.json")"
}

check month '{"month": 11, "year": 2024}' 2024-12-10 \
    "tháng 11 năm 2024" "tháng 11/2024" "tháng 10 năm 2024" "tháng 10/2024" "tháng 11 năm 2023"
check month-1 '{"month": 1, "year": 2024}' 2024-02-05 \
    "tháng 01 năm 2024" "tháng 01/2024" "tháng 12 năm 2023" "tháng 12/2023" "tháng 01 năm 2023"
check quarter-2 '{"quarter": 2, "year": 2021}' 2021-07-05 \
    "Quý II năm 2021" "Quý II/2021" "Quý I năm 2021" "Quý I/2021" "Quý II năm 2020"
check quarter-1 '{"quarter": 1, "year": 2021}' 2021-04-05 \
    "Quý I năm 2021" "Quý I/2021" "Quý IV năm 2020" "Quý IV/2020" "Quý I năm 2020"
check half-1 '{"half": 1, "year": 2024}' 2024-07-05 \
    "6 tháng đầu năm 2024" "6 tháng đầu năm 2024" "6 tháng cuối năm 2023" "6 tháng cuối năm 2023" "6 tháng đầu năm 2023"
check half-2 '{"half": 2, "year": 2024}' 2025-01-06 \
    "6 tháng cuối năm 2024" "6 tháng cuối năm 2024" "6 tháng đầu năm 2024" "6 tháng đầu năm 2024" "6 tháng cuối năm 2023"
check nine '{"nine_months": true, "year": 2024}' 2024-10-05 \
    "9 tháng năm 2024" "9 tháng năm 2024" "9 tháng năm 2023" "9 tháng năm 2023" "9 tháng năm 2023"
check year '{"year": 2024}' 2025-01-08 \
    "năm 2024" "năm 2024" "năm 2023" "năm 2023" "năm 2023"

# The facts of a quarter: kind, number, year as a plain number, the months.
kind q3 '{"quarter": 3, "year": 2024}' 2024-10-05
"$BAOCAO" facts "$d/report.json" >"$tmp/f.json"
expect_eq "facts of Quý III" "$(jq -c '.period | [.kind, .number, .year, .quarter, .month, .first_month, .last_month, .date]' "$tmp/f.json")" \
    '["quarter",3,2024,3,null,7,9,"2024-09"]'
# The issue date is checked against the end of the period (30/9 for Quý III).
jq '.document.date = "2024-09-20"' "$d/report.json" >"$d/r" && mv "$d/r" "$d/report.json"
"$BAOCAO" check --lang en "$d/report.json" >/dev/null 2>"$tmp/err"
expect "Quý III: date before the end of the period" grep -qF "2024-09-20 is before the end of the period Q3/2024" "$tmp/err"

# A trích yếu given for another quarter, or a month outside the quarter: warned.
jq '.document.subject = "Kết quả Quý II năm 2024" | .document.date = "2024-10-05"' "$d/report.json" >"$d/r" && mv "$d/r" "$d/report.json"
"$BAOCAO" check --lang en "$d/report.json" >/dev/null 2>"$tmp/err"
expect "Quý III report titled Quý II: warned" grep -qF "[period-words]: $d/report.json: document.subject says quarter 2 but the period is Q3/2024" "$tmp/err"
jq '.document.subject = "Kết quả tháng 5 năm 2024"' "$d/report.json" >"$d/r" && mv "$d/r" "$d/report.json"
"$BAOCAO" check --lang en "$d/report.json" >/dev/null 2>"$tmp/err"
expect "Quý III report titled tháng 5: warned" grep -qF "document.subject says month 5/2024 but the period is Q3/2024" "$tmp/err"
jq '.document.subject = "Kết quả Quý III (tháng 7, tháng 8, tháng 9) năm 2024"' "$d/report.json" >"$d/r" && mv "$d/r" "$d/report.json"
"$BAOCAO" check --lang en "$d/report.json" >/dev/null 2>"$tmp/err"
expect "Quý III report titled with its own quarter and months: no warning" sh -c "! grep -q period-words '$tmp/err'"

# {{period.year | int}} prints 2024, where a bare number prints 2.024.
mkdir -p "$tmp/int"
cp -r "$d/." "$tmp/int/"
printf '%s\n' '{{period.year | int}} {{period.year}} {{period.quarter | roman}} {{period.number | month}}' >"$tmp/int/bo-sung-ket-qua.tpl"
d=$tmp/int
t=$(text)
case "$t" in *"2024 2.024 III 3"*) ok ;; *) bad "int, roman, month formatters: $t" ;; esac

# A given trích yếu is printed as given (the monthly samples keep theirs).
d=$tmp/given
mkdir -p "$d"
cp "$SAMPLE"/* "$d/"
t=$(text)
case "$t" in *"thị xã Mường Lay tháng 11 năm 2024 Kính gửi"* | *"Mường Lay tháng 11 năm 2024"*) ok ;; *) bad "given subject" ;; esac
finish
