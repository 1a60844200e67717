# monthly.sh — the monthly cycle as an office lives it: the first month,
# every state the data allow (nobody scored, one unit, all in one class),
# units renamed, merged, new and gone between periods, the pre-print
# review's warnings, and the command line a person expects.
set -u
. "$SRC/tests/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# variant SAMPLE NAME: a copy of samples/SAMPLE in $tmp/NAME; prints its path.
variant() {
    rm -rf "${tmp:?}/$2"
    cp -r "$SRC/samples/$1" "$tmp/$2"
    echo "$tmp/$2"
}
# edit_json DIR JQ: report.json of DIR through jq.
edit_json() { jq "$2" "$1/report.json" >"$1/r.json" && mv "$1/r.json" "$1/report.json"; }
scores_of() { echo "$1/$(jq -r .scores "$1/report.json")"; }

# --- first month and every state of the data --------------------------------

# render_ok WHAT DIR: the report renders (exit 0) and check agrees (exit 0).
render_ok() {
    "$BAOCAO" render "$2" -o "$tmp/out.pdf" --quiet 2>"$tmp/err"
    rc=$?
    expect_eq "$1: render exit status ($(head -c 300 "$tmp/err"))" "$rc" 0
    expect "$1: a PDF with text" test -n "$(pdftotext "$tmp/out.pdf" - 2>/dev/null | head -c 100)"
    "$BAOCAO" check "$2" --quiet >/dev/null 2>"$tmp/err"
    rc=$?
    expect_eq "$1: check agrees ($(head -c 300 "$tmp/err"))" "$rc" 0
}

for s in "$SRC"/samples/*/; do
    s=$(basename "$s")
    d=$(variant "$s" "$s-first")
    edit_json "$d" 'del(.previous)'
    render_ok "$s, first month" "$d"
    # Nobody reported: every indicator cell empty (the unit name is the
    # "unit" column, else the first).
    d=$(variant "$s" "$s-nobody")
    f=$(scores_of "$d")
    awk -F, 'NR == 1 { print; for (i = 1; i <= NF; i++) h[i] = $i; next }
             { o = ""; for (i = 1; i <= NF; i++) o = o (i > 1 ? "," : "") ((i == 1 || h[i] == "unit" || h[i] == "section") ? $i : ""); print o }' \
        "$f" >"$f.t" && mv "$f.t" "$f"
    render_ok "$s, nobody scored" "$d"
    # One unit.
    d=$(variant "$s" "$s-one")
    f=$(scores_of "$d")
    head -2 "$f" >"$f.t" && mv "$f.t" "$f"
    # (units.json and the statistics would name the other units: no notices here)
    edit_json "$d" 'del(.long_names) | del(.notices) | if .sections then .sections |= .[:1] else . end'
    render_ok "$s, one unit" "$d"
    # All in one class: every unit at the maximum of every applicable indicator.
    d=$(variant "$s" "$s-oneclass")
    f=$(scores_of "$d")
    "$BAOCAO" score --csv "$SRC/samples/$s/report.json" 2>/dev/null | head -1 >/dev/null
    awk -F, 'NR == 1 { print; next } { for (i = 2; i <= NF; i++) if ($i ~ /^[0-9.]+$/) $i = "MAX"; print }' OFS=, "$f" >"$f.t"
    # MAX → each column's maximum from the scheme.
    jq -r '.groups[] | if .indicators then (.id as $g | .indicators[] | "\($g).\(.id)=\(.max)") else "\(.id)=\(.max)" end' \
        "$SRC/templates/schemes/$(jq -r .scheme "$d/report.json").json" >"$tmp/max"
    awk -F, -v OFS=, 'NR == FNR { split($0, kv, "="); m[kv[1]] = kv[2]; next }
                      FNR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; print; next }
                      { for (i = 1; i <= NF; i++) if ($i == "MAX") $i = (h[i] in m) ? m[h[i]] : ""; print }' \
        "$tmp/max" "$f.t" >"$f" && rm "$f.t"
    edit_json "$d" 'del(.previous)'
    render_ok "$s, all in one class" "$d"
done

# The Định Hóa district's first month: the report and all 23 notices.
d=$(variant dinh-hoa-2024-02 first-batch)
edit_json "$d" 'del(.previous)'
"$BAOCAO" batch "$d" -o "$tmp/first-out" --quiet 2>"$tmp/err"
rc=$?
expect_eq "first month batch: exit status ($(head -c 300 "$tmp/err"))" "$rc" 0
expect_eq "first month batch: 24 PDFs" "$(ls "$tmp/first-out"/*.pdf | wc -l)" 24
pdftotext -layout "$tmp/first-out/xa-binh-thanh.pdf" "$tmp/bt.txt"
expect "first month notice: no comparison with last month" test -z "$(grep -E 'so với tháng 01/2024' "$tmp/bt.txt")"
expect "first month notice: the closing asks to improve what is short of the maximum" \
    grep -q "chưa đạt" "$tmp/bt.txt"
expect "first month notice: the phụ lục score row has its three cells" \
    grep -q "Đạt 86,02/100 điểm; xếp hạng" "$tmp/bt.txt"

# --- units across periods ---------------------------------------------------

d=$(variant dinh-hoa-2024-02 ids)
prev="$d/scores-2024-01.csv"
# Renamed by a spelling (Lam Vĩ last month), Đ typed as Ð (U+00D0).
sed -i 's/^Xã Lam Vỹ,/Xã Lam Vĩ,/; s/^Xã Đồng Thịnh,/Xã Ðồng Thịnh,/' "$prev"
"$BAOCAO" check --lang en "$d" >"$tmp/out" 2>"$tmp/err"
expect_eq "renamed, no map: check still passes" "$?" 0
expect "renamed, no map: a warning names both and suggests the map" grep -qF \
    'scores-2024-01.csv:12: unit "Xã Lam Vĩ" of the previous period is not in' "$tmp/err"
expect "renamed: did you mean" grep -qF 'did you mean "Xã Lam Vỹ" (line 12)?' "$tmp/err"
expect "Ð as Đ: matched without a word" test -z "$(grep -F 'Thịnh' "$tmp/err")"
"$BAOCAO" check --lang en --strict "$d" >/dev/null 2>"$tmp/err"
expect_eq "renamed, --strict: an error" "$?" 1
expect "renamed, --strict: [unit-unmatched]" grep -qF "error [unit-unmatched]" "$tmp/err"
"$BAOCAO" render --lang en --strict "$d" -o "$tmp/strict.pdf" 2>"$tmp/err"
expect_eq "renamed, render --strict refuses" "$?" 1
expect "renamed, render --strict writes nothing" test ! -e "$tmp/strict.pdf"
edit_json "$d" '.renamed = {"Xã Lam Vĩ": "Xã Lam Vỹ"}'
"$BAOCAO" check --lang en --strict "$d" >/dev/null 2>"$tmp/err"
rc=$?
expect_eq "renamed, with the map: clean ($(cat "$tmp/err"))" "$rc" 0
"$BAOCAO" facts "$d" >"$tmp/facts.json"
expect_eq "renamed: last period's figures are the old name's" \
    "$(jq -r '.units[] | select(.name == "Xã Lam Vỹ") | "\(.prev_name) \(.prev.achieved)"' "$tmp/facts.json")" "Xã Lam Vĩ 83.3"

# Merged from two, one new, one gone: Tân Hợp is Bảo Linh + Bình Yên; Quy Kỳ gone; Kim Sơn new.
f="$d/scores-2024-02.csv"
sed -i 's/^Xã Bảo Linh,/Xã Tân Hợp,/; /^Xã Bình Yên,/d; /^Xã Quy Kỳ,/d' "$f"
echo 'Xã Kim Sơn,15,18,10,8,16,20,' >>"$f"
sed -i 's/"Xã Bảo Linh"/"Xã Tân Hợp"/; s/UBND xã Bảo Linh/UBND xã Tân Hợp/; s/xã Bảo Linh/xã Tân Hợp/' "$d/units.json"
jq '.units |= map(select(.unit != "Xã Bình Yên" and .unit != "Xã Quy Kỳ"))' "$d/units.json" >"$d/u.json" && mv "$d/u.json" "$d/units.json"
sed -i 's/^Xã Bảo Linh,/Xã Tân Hợp,/; /^Xã Bình Yên,/d; /^Xã Quy Kỳ,/d' "$d/statistics-2024-02.csv"
edit_json "$d" '.merged = {"Xã Tân Hợp": ["Xã Bảo Linh", "Xã Bình Yên"]}'
"$BAOCAO" check --lang en "$d" >/dev/null 2>"$tmp/err"
expect "merged: no warning for the merged units" test -z "$(grep -E 'Bảo Linh|Bình Yên|Tân Hợp' "$tmp/err")"
expect "gone: [unit-gone] names Quy Kỳ and its line" grep -qF \
    'warning [unit-gone]: '"$d"'/scores-2024-01.csv:18: unit "Xã Quy Kỳ" of the previous period is missing' "$tmp/err"
expect "new: [unit-new] names Kim Sơn" grep -qF 'unit "Xã Kim Sơn" is not in the previous period' "$tmp/err"
"$BAOCAO" facts "$d" >"$tmp/facts.json"
expect_eq "merged: no invented comparison, the old names for the template" \
    "$(jq -r '.units[] | select(.name == "Xã Tân Hợp") | "\(.prev) \(.merged_from.names | join("+"))"' "$tmp/facts.json")" \
    "null Xã Bảo Linh+Xã Bình Yên"
expect_eq "new: flagged for the template" "$(jq -r '.units[] | select(.name == "Xã Kim Sơn") | .new' "$tmp/facts.json")" true
"$BAOCAO" render "$d" --unit "Xã Tân Hợp" -o "$tmp/tan-hop.pdf" --quiet 2>"$tmp/err"
rc=$?
expect_eq "merged: its notice renders ($(cat "$tmp/err"))" "$rc" 0
expect "merged: the notice says what it was made from" grep -q "sáp nhập Xã Bảo Linh và Xã Bình Yên" \
    <(pdftotext "$tmp/tan-hop.pdf" - | tr '\n' ' ' | tr -s ' ')

# Bad maps and codes: exit 1, file and line, nothing written.
bad_map() {
    local what=$1 key=$2 text=$3
    "$BAOCAO" render --lang en "$d" -o "$tmp/bad.pdf" 2>"$tmp/err"
    expect_eq "$what: exit status" "$?" 1
    expect "$what: [$key] $(cat "$tmp/err")" grep -qF "error [$key]: " "$tmp/err"
    expect "$what: names \"$text\"" grep -qF -- "$text" "$tmp/err"
    expect "$what: nothing written" test ! -e "$tmp/bad.pdf"
}
cp "$d/report.json" "$tmp/good.json"
edit_json "$d" '.renamed = {"Xã Không Có": "Xã Lam Vỹ"}'
bad_map "renamed from a unit of neither file" unit-link "report.json:"
grep -q "Xã Không Có" "$tmp/err" && ok || bad "the unknown name is quoted"
edit_json "$d" '.renamed = {"Xã Lam Vĩ": "Xã Nowhere"}'
bad_map "renamed to a unit of neither file" unit-link '"Xã Nowhere" is not a unit of'
edit_json "$d" '.renamed = {"Xã Lam Vỹ": "Xã Bảo Cường", "Xã Bảo Cường": "Xã Lam Vỹ"} | del(.merged)'
bad_map "renamed in a cycle" unit-link-cycle "leads back to itself"
cp "$tmp/good.json" "$d/report.json"
sed -i '1s/^unit,/unit,mã đơn vị,/; 2,$s/^\([^,]*\),/\1,0000,/' "$f"
bad_map "one code for every unit" unit-duplicate-code "code 0000 is also unit"
# Codes win over names: Lam Vỹ and Lam Vĩ share code 3811 and need no map.
awk -F, -v OFS=, 'NR == 1 { $1 = $1 ",mã đơn vị"; print; next } { $1 = $1 "," (NR == 12 ? "3811" : "c" NR); print }' \
    "$SRC/samples/dinh-hoa-2024-02/scores-2024-02.csv" >"$f"
awk -F, -v OFS=, 'NR == 1 { $1 = $1 ",mã đơn vị"; print; next } { $1 = $1 "," (NR == 12 ? "3811" : "c" NR); print }' \
    "$prev" >"$prev.t" && mv "$prev.t" "$prev"
cp "$SRC/samples/dinh-hoa-2024-02/units.json" "$SRC/samples/dinh-hoa-2024-02/statistics-2024-02.csv" "$d/"
edit_json "$d" 'del(.renamed) | del(.merged)'
"$BAOCAO" check --lang en --strict "$d" >/dev/null 2>"$tmp/err"
rc=$?
expect_eq "codes: Lam Vĩ is Lam Vỹ by its code ($(cat "$tmp/err"))" "$rc" 0

# A scheme's change_warning must be a percentage.
mkdir -p "$tmp/data"
ln -s "$SRC/fonts" "$tmp/data/fonts"
cp -r "$SRC/templates" "$tmp/data/"
sed -i 's/"change_warning": 20/"change_warning": 0/' "$tmp/data/templates/schemes/qd766-ttg-2022.json"
"$BAOCAO" check --lang en --data-dir "$tmp/data" "$SRC/samples/dinh-hoa-2024-02" >/dev/null 2>"$tmp/err"
expect_eq "change_warning 0: exit status" "$?" 1
expect "change_warning 0: [scheme-change-warning]" grep -qF "[scheme-change-warning]" "$tmp/err"

# --- the pre-print review ----------------------------------------------------

# warns WHAT KEY TEXT: check of $d exits 0 and warns KEY with TEXT.
warns() {
    "$BAOCAO" check --lang en "$d" >"$tmp/out" 2>"$tmp/err"
    expect_eq "$1: check exit status" "$?" 0
    expect "$1: warning [$2] \"$3\": $(cat "$tmp/err")" grep -qF "warning [$2]: " "$tmp/err"
    expect "$1: names \"$3\"" grep -qF -- "$3" "$tmp/err"
}
d=$(variant dinh-hoa-2024-02 review)
edit_json "$d" '.document.subject |= sub("tháng 02 năm 2024"; "tháng 01 năm 2024")'
warns "subject says last month" period-words "document.subject says month 1/2024 but the period is 2/2024"
edit_json "$d" '.document.subject |= sub("tháng 01 năm 2024"; "tháng 02 năm 2024") | .document.date = "2024-02-20"'
warns "dated before the month ends" date-before-period-end "document.date 2024-02-20 is before the end of the period 2/2024"
edit_json "$d" '.document.date = "2024-05-15"'
warns "dated long after" date-late "document.date 2024-05-15 is 76 days after the end of the period 2/2024"
edit_json "$d" '.document.date = "2024-03-06" | .notices.subject |= sub("tháng 02"; "tháng 01")'
warns "the notices' subject" period-words "notices.subject says month 1/2024"
edit_json "$d" 'del(.notices) | .previous = "scores-2024-02.csv"'
warns "previous is this month's file" previous-same-file "previous is the scores file itself"
cp "$d/scores-2024-02.csv" "$d/scores-2024-02-copy.csv"
edit_json "$d" '.previous = "scores-2024-02-copy.csv"'
warns "previous has this month's figures" previous-same-figures "every unit has the same figures"
cp "$SRC/samples/dinh-hoa-2024-02/scores-2024-01.csv" "$d/scores-2023-12.csv"
edit_json "$d" '.previous = "scores-2023-12.csv"'
warns "previous is named for another month" previous-period "named for 12/2023, not 1/2024"
edit_json "$d" '.previous = "scores-2024-01.csv"'
warns "a given total the indicators do not add up to" score-total-mismatch \
    'unit "Xã Bình Thành": the indicators add up to 86,8 but the given total is 86,02'
sed -i 's/^Xã Bảo Cường,.*/Xã Bảo Cường,5,5,5,5,5,5,/' "$d/scores-2024-02.csv"
warns "a sharp fall" score-fell-sharply 'unit "Xã Bảo Cường": 86,8 points last period, 30 now'
sed -i 's/^Xã Bảo Cường,.*/Xã bảo  cường,12,18,10,8,16,20,/' "$d/scores-2024-02.csv"
echo 'Xã Bảo Cường,12,18,10,8,16,20,' >>"$d/scores-2024-02.csv"
warns "a name typed twice" unit-duplicate-folded 'unit "Xã Bảo Cường" has the name of line 3 ("Xã bảo  cường")'
"$BAOCAO" check --json "$d" >"$tmp/check.json" 2>/dev/null
expect_eq "check --json: warnings for programs" \
    "$(jq -r '[.ok, (.warnings | map(.key) | index("unit-duplicate-folded") != null)] | @tsv' "$tmp/check.json")" "true	true"
BAOCAO_LANG=vi "$BAOCAO" check "$d" >"$tmp/out" 2>"$tmp/err"
expect "check in Vietnamese" grep -qF "cảnh báo [unit-duplicate-folded]" "$tmp/err"
expect "check in Vietnamese: the summary" grep -qF "đạt (24 đơn vị, bộ chỉ số qd766-ttg-2022)" "$tmp/out"
"$BAOCAO" render --lang en "$d" -o "$tmp/warned.pdf" 2>"$tmp/err"
expect "render prints the same warnings" grep -qF "warning [unit-duplicate-folded]" "$tmp/err"

# --- the command line --------------------------------------------------------

"$BAOCAO" help render >"$tmp/out"
expect "help render: its options" grep -q -- "--unit NAME" "$tmp/out"
expect "help render: not batch's" test -z "$(grep -- "--jobs" "$tmp/out")"
"$BAOCAO" render --help >"$tmp/out2"
expect "render --help = help render" cmp -s "$tmp/out" "$tmp/out2"
BAOCAO_LANG=vi "$BAOCAO" render "$SRC/samples/huyen-dien-bien-2023-07" -o "$tmp/x.docx" 2>"$tmp/err"
expect_eq "-o x.docx: refused" "$?" 1
expect "-o x.docx: says PDF only, in Vietnamese" grep -qF "lỗi [out-format]: $tmp/x.docx: render chỉ ghi PDF, không ghi .docx" "$tmp/err"
expect "-o x.docx: nothing written" test ! -e "$tmp/x.docx"
"$BAOCAO" render --lang en "$SRC/samples/dinh-hoa-2024-02" --unit "Xã Lam Vĩ" -o "$tmp/x.pdf" 2>"$tmp/err"
expect "--unit: did you mean" grep -qF 'did you mean "Xã Lam Vỹ"?' "$tmp/err"
"$BAOCAO" render "$SRC/samples/dinh-hoa-2024-02" --unit "xã lam vỹ" -o "$tmp/x.pdf" --quiet
expect_eq "--unit: case does not matter" "$?" 0
BAOCAO_LANG=vi "$BAOCAO" frobnicate 2>"$tmp/err"
expect "usage errors in Vietnamese" grep -qF "không có lệnh frobnicate" "$tmp/err"
"$BAOCAO" score --excel "$SRC/samples/huyen-dien-bien-2023-07" >"$tmp/excel.csv"
expect_eq "score --excel: BOM" "$(head -c 3 "$tmp/excel.csv" | od -An -tx1 | tr -d ' ')" efbbbf
expect "score --excel: ';' and decimal comma" grep -q '^I;Trung tâm QLĐĐ;-;4,81;' "$tmp/excel.csv"
d=$(variant huyen-dien-bien-2023-07 sheets)
cp "$SRC/tests/data/xlsx/excel.xlsx" "$d/"
edit_json "$d" '.scores = "excel.xlsx"'
"$BAOCAO" check --lang en "$d" >/dev/null 2>"$tmp/err"
expect_eq "xlsx, the first sheet has no header: exit status" "$?" 1
expect "xlsx, the first sheet has no header: the workbook's sheets are listed" \
    grep -qF 'the workbook'"'"'s sheets: "Hướng dẫn", "Điểm"' "$tmp/err"
"$BAOCAO" render --lang en "$SRC/samples/huyen-dien-bien-2023-07" --font "$tmp/none/Times-Regular.ttf" \
    -o "$tmp/x.pdf" 2>"$tmp/err"
expect "a missing font file is said so (not a missing bold face)" \
    grep -qF "error [font-open]: $tmp/none/Times-Regular.ttf: No such file or directory" "$tmp/err"

finish
