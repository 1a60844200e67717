#!/usr/bin/env bash
# User text has no length limit inside baocao: a trích yếu of about 2,100
# bytes of Vietnamese (2–3 bytes a letter) renders the report and a notice,
# whole, in the page text, the Info /Title and the archive sidecar.
set -u
. "$(dirname "$0")/lib.sh"

cp -r "$SRC/samples/huyen-dien-bien-2023-07" "$tmp/s"
rj="$tmp/s/report.json"
phrase="kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong giải quyết thủ tục hành chính"
subject="Về việc"
while [ "$(printf %s "$subject" | wc -c)" -lt 2100 ]; do subject="$subject $phrase"; done
bytes=$(printf %s "$subject" | wc -c)
expect "the trích yếu is over 2,048 bytes ($bytes)" test "$bytes" -gt 2048
jq --arg s "$subject" '.document.subject = $s | .notices.subject = $s' "$rj" >"$tmp/r.json" && mv "$tmp/r.json" "$rj"

# Info /Title as pdfinfo prints it (UTF-8), the whole of it.
title() { pdfinfo -enc UTF-8 "$1" | sed -n 's/^Title: *//p'; }
# The page text with line breaks and hyphen-free wrapping undone.
flat() { pdftotext -enc UTF-8 "$1" - | tr '\n' ' ' | tr -s ' '; }

expect "the report renders" "$BAOCAO" render "$rj" -o "$tmp/report.pdf" --quiet
expect_eq "report: Info /Title whole" "$(title "$tmp/report.pdf")" "BÁO CÁO $subject"
expect_eq "report: sidecar Subject whole" "$(jq -r .Subject "$tmp/report.meta.json")" "$subject"
expect "report: the title on the page ends as written" \
    grep -qF "$(printf %s "$subject" | tail -c 300 | sed 's/^[^ ]* //')" <(flat "$tmp/report.pdf")

# The first unit with a score (a notice needs one).
unit=$("$BAOCAO" score "$rj" --csv --quiet | awk -F, 'NR > 1 && $NF != "" { print $2; exit }')
expect "a notice renders (unit $unit)" "$BAOCAO" render "$rj" --unit "$unit" -o "$tmp/notice.pdf" --quiet
expect_eq "notice: Info /Title whole" "$(title "$tmp/notice.pdf")" "Công văn V/v $subject"
expect "notice: the V/v under Số ends as written" \
    grep -qF "$(printf %s "$subject" | tail -c 300 | sed 's/^[^ ]* //')" <(flat "$tmp/notice.pdf")

finish
