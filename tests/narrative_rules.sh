#!/usr/bin/env bash
# The rules a signing official expects of the narrative, each on synthetic
# data made to trigger it (tests/data/narrative/): ties, files not filed,
# ranks within a section, one style per value, unit names mid-sentence,
# long lists, boilerplate that fits, line breaks.
set -u
. "$(dirname "$0")/lib.sh"
D=$SRC/tests/data/narrative

# text REPORT_DIR [ARGS]: the body (up to Nơi nhận) on one line.
text() {
    local dir=$1
    shift
    "$BAOCAO" render "$dir/report.json" -o "$tmp/t.pdf" --quiet "$@" 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
    # Page numbers are lines of their own: dropped before the lines are joined.
    pdftotext -nopgbrk "$tmp/t.pdf" - | grep -vxE '[0-9]+' | tr '\n' ' ' | tr -s ' ' | sed 's/ Nơi nhận:.*//'
}
says() {   # says WHAT TEXT PHRASE...
    local what=$1 t=$2
    shift 2
    for p in "$@"; do
        case "$t" in *"$p"*) ok ;; *) bad "$what: missing: $p" ;; esac
    done
}
never() {  # never WHAT TEXT PHRASE...
    local what=$1 t=$2
    shift 2
    for p in "$@"; do
        case "$t" in *"$p"*) bad "$what: says: $p" ;; *) ok ;; esac
    done
}

# 1. Ties: two units share the best total, two the worst; the unit with the
# most indicators at maximum is not a first-ranked one.
t=$(text "$D/ties")
says "ties" "$t" \
    "cao nhất là các xã An Bình, Bình Minh (cùng đạt 90,00 điểm), thấp nhất là các xã Đông Hải, Gia Lâm (cùng đạt 60,00 điểm)." \
    "Các xã An Bình, Bình Minh đạt kết quả cao nhất (cùng đạt 90,00 điểm); xã Cẩm Phú có nhiều chỉ số đạt điểm tối đa nhất (05/06 chỉ số)."
"$BAOCAO" facts "$D/ties/report.json" >"$tmp/f.json" 2>/dev/null
expect_eq "facts: top" "$(jq -c '.top.names' "$tmp/f.json")" '["xã An Bình","xã Bình Minh"]'
expect_eq "facts: most_at_max" "$(jq -c '[.most_at_max.names, .most_at_max.at_max, .most_at_max.is_top]' "$tmp/f.json")" '[["xã Cẩm Phú"],5,false]'
expect_eq "facts: worst_units" "$(jq -c '.sections[0].worst_units.names' "$tmp/f.json")" '["xã Đông Hải","xã Gia Lâm"]'

# 7. Kind words mid-sentence in lower case; grouped lists without a second colon.
never "kind words" "$t" "là Xã" "Các xã: " "xã: An" " Xã Cẩm Phú"
t=$(text "$D/lists")
never "no chained colon" "$t" "UBND các xã:" "Các phòng:"
says "grouped list in parentheses" "$t" \
    "Số hóa hồ sơ khi tiếp nhận và Số hóa kết quả giải quyết TTHC: 02 đơn vị chưa thực hiện (UBND các xã Quài Nưa, Quài Tở)."

# 8. Long lists: at most style.max_names (10) names, then the count and
# "trừ …" when the others are few, or the Phụ lục; one bullet per indicator.
says "long lists" "$t" \
    "hồ sơ xử lý quá hạn tại 12/15 đơn vị (trừ các phòng Tư pháp, Lao động - Thương binh và Xã hội; UBND xã Chiềng Sinh)." \
    "+ Tỷ lệ hồ sơ thanh toán trực tuyến: 11 đơn vị chưa thực hiện (chi tiết tại Phụ lục); 02 đơn vị thực hiện chưa đảm bảo 50% số điểm tối đa (UBND các xã Chiềng Đông, Mùn Chung)."
expect_eq "one bullet per indicator" "$(grep -o 'Tỷ lệ hồ sơ thanh toán trực tuyến:' <<<"$t" | wc -l)" 1
mkdir "$tmp/two"
cp "$D/lists/"* "$tmp/two/"
sed -i 's/"sort": "table"/"sort": "table", "style": {"max_names": 2}/' "$tmp/two/report.json"
t=$(text "$tmp/two")
says "style.max_names" "$t" "- 03 đơn vị xếp loại tốt (chi tiết tại Phụ lục)." \
    "- 02 đơn vị xếp loại trung bình: UBND các xã Quài Nưa, Quài Tở."

# Consecutive indicators on which the same unit fell: the unit named once.
mkdir "$tmp/dec"
cp "$D/lists/"* "$tmp/dec/"
sed -i 's/"scores": "scores.csv"/"scores": "scores.csv", "previous": "prev.csv"/' "$tmp/dec/report.json"
sed -e 's/^\(UBND xã Mùn Chung,II,-,5,-,25\),8,3,5,8,/\1,10,4,5,9,/' \
    -e 's/^\(UBND xã Chiềng Đông,II,-,5,-,25,8,3,5\),8,/\1,9,/' "$D/lists/scores.csv" >"$tmp/dec/prev.csv"
t=$(text "$tmp/dec")
says "declines" "$t" \
    "+ Điểm các chỉ số “Tỷ lệ nộp hồ sơ trực tuyến” và “Tỷ lệ hồ sơ thanh toán trực tuyến” của UBND xã Mùn Chung giảm lần lượt 2 và 1 điểm." \
    "+ Điểm chỉ số “Số hóa kết quả giải quyết TTHC” của UBND xã Chiềng Đông giảm 1 điểm; UBND xã Mùn Chung giảm 1 điểm."

# 6. One style for class names: lower case everywhere by default, as the
# scheme writes them everywhere with "class_names": "as_scheme".
t=$(text "$D/lists")
says "class names lower" "$t" "02/02 đơn vị xếp loại xuất sắc" "- 03 đơn vị xếp loại tốt:" "và xếp loại xuất sắc."
never "class names lower" "$t" "xếp loại Xuất sắc" "xếp loại Tốt" "xếp loại Khá"
sed -i 's/"max_names": 2/"class_names": "as_scheme"/' "$tmp/two/report.json"
t=$(text "$tmp/two")
says "class names as in the scheme" "$t" "02/02 đơn vị xếp loại Xuất sắc" "- 03 đơn vị xếp loại Tốt:" "và xếp loại Xuất sắc."
never "class names as in the scheme" "$t" "xếp loại xuất sắc" "xếp loại tốt"

# 6. The month as the body writes it, in the phụ lục title too.
mkdir "$tmp/feb"
cp "$D/ties/"* "$tmp/feb/"
sed -i 's/"month": 3/"month": 2/; s/tháng 3 năm 2024/tháng 02 năm 2024/' "$tmp/feb/report.json"
"$BAOCAO" render "$tmp/feb/report.json" -o "$tmp/feb.pdf" --quiet 2>/dev/null
t=$(pdftotext "$tmp/feb.pdf" - | tr '\n' ' ' | tr -s ' ')
says "month padding" "$t" "huyện Hòa An tháng 02 năm 2024 như sau" "HUYỆN HÒA AN THÁNG 02 NĂM 2024"

# 3. A notice to a commune ranks it among the communes of its section.
"$BAOCAO" render "$D/lists/report.json" --unit "UBND xã Mùn Chung" -o "$tmp/n.pdf" --quiet 2>/dev/null
t=$(pdftotext "$tmp/n.pdf" - | tr '\n' ' ' | tr -s ' ')
says "rank within the section" "$t" "xếp hạng 02/13 xã được đánh giá"
"$BAOCAO" render "$D/lists/report.json" --unit "Phòng Lao động - Thương binh và Xã hội" -o "$tmp/n.pdf" --quiet 2>/dev/null
t=$(pdftotext "$tmp/n.pdf" - | tr '\n' ' ' | tr -s ' ')
says "rank within the section" "$t" "xếp hạng 02/02 cơ quan, đơn vị được đánh giá"

# 2. A commune with every file-counting indicator at 0 had no files: never
# overdue or "chưa thực hiện", named in its own sentence.
t=$(text "$D/nofiles")
says "no files" "$t" "- Không phát sinh hồ sơ TTHC trong tháng 4 năm 2024: UBND xã Ta Ma (điểm các chỉ số về hồ sơ bằng 0)." \
    "hồ sơ xử lý quá hạn tại 11/15 đơn vị (trừ các phòng Tư pháp, Lao động - Thương binh và Xã hội; UBND các xã Chiềng Sinh, Ta Ma)." \
    "+ Tỷ lệ hồ sơ thanh toán trực tuyến: 10 đơn vị chưa thực hiện (UBND các xã Chiềng Sinh, Mường Mùn, Nà Sáy, Pú Nhung, Quài Cang, Quài Nưa, Quài Tở, Rạng Đông, Tỏa Tình, Tênh Phông);"
"$BAOCAO" facts "$D/nofiles/report.json" >"$tmp/f.json" 2>/dev/null
expect_eq "facts: no_files" "$(jq -c '.no_files.names' "$tmp/f.json")" '["UBND xã Ta Ma"]'
expect_eq "facts: an indicator's no_files" "$(jq -c '.indicators[] | select(.id == "dvctt.cs2") | .no_files.names' "$tmp/f.json")" '["UBND xã Ta Ma"]'

# 9. A city report on communes only: no "cơ quan, đơn vị"; nothing to report
# under 2.2 is said in a sentence, never an empty heading.
t=$(text "$D/communes")
says "boilerplate" "$t" "- UBND các xã, phường đã quan tâm" "- Chủ tịch UBND các xã, phường tiếp tục" \
    "2.2. Tồn tại, hạn chế - Trong tháng 12 năm 2023 không có đơn vị nào có hồ sơ xử lý quá hạn"
never "boilerplate" "$t" "cơ quan, đơn vị" "cấp xã" "khắc phục những tồn tại" "đạt kết quả cao nhất"
t=$(text "$D/lists")
says "boilerplate with offices" "$t" "- Các cơ quan, đơn vị, UBND các xã đã quan tâm" \
    "- Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã tiếp tục"

# 10. Line breaks: paragraphs of every length with a dash in a name never
# break beside the dash nor leave one word on their last line; the phụ lục
# title whose greedy last line would be "2023" is balanced.
mkdir "$tmp/lines"
cp "$D/communes/"* "$tmp/lines/"
# Fillers of wide (ab) and narrow (i) words move the dash across the line.
for k in $(seq 1 60); do
    printf 'Đoạn %d: %s%s Phòng Lao động - Thương binh và Xã hội %s cuoi%d.\n\n' "$k" \
        "$(printf 'ab %.0s' $(seq 1 $((k / 2))))" "$(printf 'i %.0s' $(seq 1 $((k % 2 + k % 5))))" \
        "$(printf 'cd %.0s' $(seq 1 $((k % 7))))" "$k"
done >"$tmp/lines/bo-sung-ket-qua.tpl"
"$BAOCAO" render "$tmp/lines/report.json" -o "$tmp/l.pdf" --quiet 2>/dev/null
# -layout: plain pdftotext joins a line ending in "-" with the next.
pdftotext -layout "$tmp/l.pdf" "$tmp/l.txt"
expect "no line ends with a name's dash" sh -c "! grep -qE 'động -[[:space:]]*\$' '$tmp/l.txt'"
expect "no line starts with a name's dash" sh -c "! grep -qE '^[[:space:]]*- Thương' '$tmp/l.txt'"
pdftotext "$tmp/l.pdf" "$tmp/l.txt"
lone=$(grep -cE '^cuoi[0-9]+\.$' "$tmp/l.txt")
expect_eq "no paragraph ends with a lone word" "$lone" 0
expect "the test paragraphs are there" grep -q 'cuoi60\.' "$tmp/l.txt"
pdftotext -layout "$tmp/l.pdf" "$tmp/l.txt"
expect "the phụ lục title's last line is not one word" sh -c "! grep -qE '^ *2023 *\$' '$tmp/l.txt'"
expect "the phụ lục title is there" grep -q 'THÁNG 12 NĂM 2023' "$tmp/l.txt"

# 4. One số/date policy: a notice without a số leaves its day and month
# blank too, and so does a report whose số is left empty, "Kèm theo" line included.
"$BAOCAO" render "$D/lists/report.json" --unit "UBND xã Mùn Chung" -o "$tmp/n.pdf" --quiet 2>/dev/null
head=$(pdftotext -layout "$tmp/n.pdf" - | grep 'Tuần Giáo, ngày')
case "$head" in *"ngày 07"*) bad "blank số, filled day: $head" ;; *"tháng 5 năm 2024"*) ok ;; *) bad "no date line: $head" ;; esac
mkdir "$tmp/nonum"
cp "$D/ties/"* "$tmp/nonum/"
sed -i 's/"number": "12"/"number": ""/' "$tmp/nonum/report.json"
"$BAOCAO" render "$tmp/nonum/report.json" -o "$tmp/nn.pdf" --quiet 2>/dev/null
pdftotext -layout "$tmp/nn.pdf" "$tmp/nn.txt"
expect "report without số: no day in the header" sh -c "! grep -q 'ngày 08 tháng 4' '$tmp/nn.txt'"
expect "report without số: the Kèm theo line blank alike" grep -qE 'Kèm theo Báo cáo số +/BC-UBND ngày +tháng 4 năm 2024' "$tmp/nn.txt"
t=$(text "$D/ties")
says "a number given: the date printed" "$t" "Hòa An, ngày 08 tháng 4 năm 2024"

# 5. The note on "-" only under a table that prints a "-"; its nouns are
# those of the units present (unit-kinds.json): communes and wards only, or
# offices beside communes.
pdftotext "$tmp/nn.pdf" "$tmp/nn.txt"
expect "no '-' in the table, no note on it" sh -c "! grep -q 'Dấu (-)' '$tmp/nn.txt'"
"$BAOCAO" render "$D/communes/report.json" -o "$tmp/c.pdf" --quiet 2>/dev/null
t=$(pdftotext "$tmp/c.pdf" - | tr '\n' ' ' | tr -s ' ')
says "a '-' in the table, the note naming communes and wards" "$t" \
    "Lưu ý: Các chỉ số đánh giá bởi dấu (-) là nhiệm vụ UBND các xã, phường không phải thực hiện"
never "the note's noun" "$t" "các đơn vị không phải" "cơ quan"
"$BAOCAO" render "$D/lists/report.json" -o "$tmp/l.pdf" --quiet 2>/dev/null
t=$(pdftotext "$tmp/l.pdf" - | tr '\n' ' ' | tr -s ' ')
says "the note naming offices and communes" "$t" \
    "Lưu ý: Các chỉ số đánh giá bởi dấu (-) là nhiệm vụ các cơ quan, đơn vị, UBND các xã không phải thực hiện"

finish
