#!/usr/bin/env bash
# Renders every sample and checks the PDFs with poppler and qpdf, not with
# our own code: text, page sizes, fonts, positions of the NĐ 30 header.
set -u
. "$(dirname "$0")/lib.sh"

# word_box PDF PAGE WORD [NTH]: "xMin yMin xMax yMax" (pt, origin top-left) of a word.
word_box() {
    pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null |
        awk -v w="$3" -v n="${4:-1}" -F'"' '/<word/ { t=$0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t);
            if (t == w && ++k == n) { print $2, $4, $6, $8; exit } }'
}
near() { awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; exit !(d <= tol && d >= -tol) }'; }
MM=2.834646

for dir in "$SRC"/samples/*/; do
    name=$(basename "$dir")
    pdf="$tmp/$name.pdf"
    expect "$name renders" "$BAOCAO" render "$dir/report.json" -o "$pdf" --quiet
    [ -s "$pdf" ] || continue
    pdftotext -layout "$pdf" "$tmp/$name.txt" 2>"$tmp/err"
    pdffonts "$pdf" >"$tmp/$name.fonts" 2>>"$tmp/err"
    expect "$name: poppler prints no warning" test ! -s "$tmp/err"
    expect "$name: qpdf --check clean" qpdf --check "$pdf" >/dev/null
    expect "$name: every font embedded" awk 'NR > 2 && $(NF-4) != "yes" { exit 1 }' "$tmp/$name.fonts"
    expect "$name: fonts listed" test "$(awk 'NR > 2' "$tmp/$name.fonts" | wc -l)" -ge 2
    # Real font subsets: whole Tinos tables made every sample 160-170 KB.
    expect "$name: under 100 KB" test "$(stat -c %s "$pdf")" -lt 100000
    # The first line of the signer's authority: "TM. ỦY BAN NHÂN DÂN", "TL. CHỦ TỊCH".
    auth=$(jq -r '.signer.authority[0]' "$dir/report.json")
    auth_first=${auth%% *} auth_last=${auth##* }
    for line in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "ỦY BAN NHÂN DÂN" \
                "Nơi nhận:" "$auth" "Phụ lục"; do
        expect "$name: '$line'" has "$tmp/$name.txt" "$line"
    done
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    expect "$name: first page A4 portrait" sh -c "pdfinfo -f 1 -l 1 '$pdf' | grep -q 'size: *595.276 x 841.89'"
    expect "$name: last page A4 landscape" sh -c "pdfinfo -f $pages -l $pages '$pdf' | grep -q 'size: *841.89 x 595.276'"

    # Quốc hiệu centred on the right header column (65–165 mm of the text box,
    # i.e. 145 mm from the page's left edge), within 1 mm.
    read -r x0 y0 x1 y1 <<<"$(word_box "$pdf" 1 "CỘNG")"
    read -r _ _ x2 _ <<<"$(word_box "$pdf" 1 "NAM")"
    expect "$name: Quốc hiệu centred at 145 mm" near "$(awk -v a="$x0" -v b="$x2" 'BEGIN{print (a+b)/2}')" \
        "$(awk -v m=$MM 'BEGIN{print 145*m}')" "$MM"
    # "Số:" and the date share a baseline.
    read -r _ _ _ sy <<<"$(word_box "$pdf" 1 "Số:")"
    read -r _ _ _ dy <<<"$(word_box "$pdf" 1 "ngày")"
    expect "$name: Số and the date on one baseline" near "$sy" "$dy" 0.5
    # Top margin: the first header line starts 20 mm from the top (ascender within 1 mm).
    expect "$name: header at the top margin" near "$y0" "$(awk -v m=$MM 'BEGIN{print 20*m}')" "$MM"
    # The signature block is centred on the same right column, on whichever
    # page the body ends.
    sp=$(for p in $(seq 1 "$pages"); do [ -n "$(word_box "$pdf" "$p" "$auth_first")" ] && echo "$p" && break; done)
    read -r x0 _ _ _ <<<"$(word_box "$pdf" "${sp:-1}" "$auth_first")"
    # "DÂN" of the header's "ỦY BAN NHÂN DÂN" comes first on page 1.
    nth=$([ "${sp:-1}" = 1 ] && [ "$auth_last" = DÂN ] && echo 2 || echo 1)
    read -r _ _ x2 _ <<<"$(word_box "$pdf" "${sp:-1}" "$auth_last" "$nth")"
    expect "$name: signature block centred at 145 mm" near "$(awk -v a="$x0" -v b="$x2" 'BEGIN{print (a+b)/2}')" \
        "$(awk -v m=$MM 'BEGIN{print 145*m}')" "$MM"
    # The tên loại is centred on the text box (30 + 165/2 = 112.5 mm).
    read -r x0 _ x2 _ <<<"$(word_box "$pdf" 1 "CÁO")"
    read -r x0 _ _ _ <<<"$(word_box "$pdf" 1 "BÁO")"
    if [ -n "$x2" ] && grep -q '"doc_type"\|"type": "B' "$dir/report.json"; then
        expect "$name: title centred at 112.5 mm" near "$(awk -v a="$x0" -v b="$x2" 'BEGIN{print (a+b)/2}')" \
            "$(awk -v m=$MM 'BEGIN{print 112.5*m}')" "$MM"
    fi
    # The table header is repeated on every landscape page.
    for p in $(seq 2 "$pages"); do
        if pdfinfo -f "$p" -l "$p" "$pdf" | grep -q 'size: *841.89'; then
            expect "$name: table header on page $p" sh -c "pdftotext -f $p -l $p '$pdf' - | grep -q 'ĐIỂM CÁC'"
            # "STT" fits its column on one line (it used to break as "ST" / "T").
            expect "$name: STT unbroken on page $p" test -n "$(word_box "$pdf" "$p" "STT")"
        fi
    done
    # Same input, same bytes.
    "$BAOCAO" render "$dir/report.json" -o "$tmp/again.pdf" --quiet
    expect "$name: deterministic output" cmp -s "$pdf" "$tmp/again.pdf"
done

# The report's own facts.
t="$tmp/huyen-dien-bien-2023-07.txt"
expect "seed 003 number" has "$t" "Số: 405/BC-UBND"
expect "seed 003 date" has "$t" "Điện Biên, ngày 17 tháng 8 năm 2023"
expect "seed 003 signer" has "$t" "Bùi Hải Bình"
expect "seed 003 corrected QLĐĐ sum" has "$t" "58,94/85"
expect "seed 003 appendix reference" has "$t" "(Kèm theo Báo cáo số 405/BC-UBND ngày 17 tháng 8 năm 2023 của UBND huyện Điện Biên)"
expect "seed 003 section row" has "$t" "CÁC CƠ QUAN CHUYÊN MÔN THUỘC HUYỆN"
t="$tmp/muong-lay-2024-11.txt"
expect "seed 000 appendix title names the report's month" has "$t" "THÁNG 11 NĂM 2024"
expect "seed 000 appendix title is not the original's wrong month" sh -c "! grep -q 'THÁNG 10 NĂM 2024' '$t'"
expect "seed 000 99,64" has "$t" "99,64"
expect "seed 000 (classes): the phụ lục title says XẾP LOẠI" has "$t" "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG"
t="$tmp/dien-bien-phu-2023-12.txt"
expect "seed 002 number padded" has "$t" "Số: 08/BC-UBND"
expect "seed 002 month padded for January" has "$t" "ngày 05 tháng 01 năm 2024"
expect "seed 002 deputy signs" has "$t" "KT. CHỦ TỊCH"
expect "seed 002 scale 10" has "$t" "8,63"
expect "seed 002 has no công khai columns" sh -c "! grep -q 'công khai' '$t'"
t="$tmp/dinh-hoa-2024-02.txt"
expect "Định Hóa report number" has "$t" "Số: 96/BC-UBND"
# QĐ 766 ranks, it does not classify: the phụ lục title says so, as section 1 does.
expect "Định Hóa (ranks): the phụ lục title says XẾP HẠNG" has "$t" "KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG CHẤT LƯỢNG"
expect "Định Hóa (ranks): no XẾP LOẠI anywhere" sh -c "! grep -qi 'xếp loại' '$t'"
expect "Định Hóa: Bình Thành's portal total in the table" grep -qE "Xã Bình Thành .*86,02 +08" "$t"
# tỉnh Phú Sơn, Quý IV/2025: the quarter in the trích yếu (from trich-yeu.tpl),
# the phụ lục title and the comparison; a list over style.max_names gives the
# count; the special zones' "-" explained.
t=$(tr '\n' ' ' <"$tmp/tinh-phu-son-2025-q4.txt" | tr -s ' ')
for s in "môi trường điện tử tỉnh Phú Sơn Quý IV năm 2025" "TỈNH PHÚ SƠN QUÝ IV NĂM 2025" \
         "giảm so với Quý III/2025, cụ thể" "Thực hiện chấm điểm đánh giá 100/100 xã, phường, đặc khu" \
         "Thanh toán trực tuyến: 14 đơn vị chưa thực hiện (chi tiết tại Phụ lục)" \
         "Dấu (-): chỉ số không áp dụng đối với đơn vị" "Đặc khu Hòn Ngọc"; do
    expect "Phú Sơn: $s" grep -qF "$s" <<<"$t"
done

t="$tmp/son-la-2024-q2.txt"
expect "quarterly: signed by the Chánh Văn phòng" has "$t" "CHÁNH VĂN PHÒNG"
expect "quarterly: phụ lục title names the quarter" has "$t" "QUÝ II NĂM 2024"
expect "quarterly: total of 18 with two decimals" grep -qE "Sở Tư pháp .* 2,00 .*1,90 .* 17,40 +4\.815 +Tốt" "$t"
expect "quarterly: informational column after the total" grep -qE "UBND huyện Sông Mã .* 9,20 +4\.120 +Trung bình" "$t"
expect "quarterly: did not report, spanned, '-' totals" grep -qE "Sở Giao thông vận tải +Không gửi kết quả chấm điểm đánh giá +- +-" "$t"
expect "quarterly: not assessed units are not in the table" sh -c "! grep -qE '^ *[0-9]+ +(Sở Ngoại vụ|Ban Dân tộc) ' '$t'"
expect "quarterly: n/N counts them" has "$t" "Thực hiện chấm điểm đánh giá 05/08 cơ quan, đơn vị"
expect "quarterly: non-reporting unit named" has "$t" "01 đơn vị không gửi kết quả chấm điểm: Sở Giao thông vận tải."
expect "quarterly: not assessed named with the reason" has "$t" "Không đánh giá Sở Ngoại vụ, Ban Dân tộc do không phát sinh hồ sơ thủ tục"
expect "quarterly: KPS cell marker" grep -qE "Sở Văn hóa - Thể thao và Du lịch +2,00 +2,00 +1,00 +KPS +KPS +-" "$t"
expect "quarterly: the scheme's noun for its indicators" has "$t" "có nhiều tiêu chí đạt điểm tối đa nhất"
expect "quarterly: no 'chỉ số' in a criteria scheme's text" sh -c "! grep -q 'chỉ số' '$t'"
expect "quarterly: a unit with no files is not overdue" sh -c "! grep -A3 'quá hạn:' '$t' | grep -q 'Văn hóa'"

# A failing render leaves nothing behind.
mkdir "$tmp/bad"
cp "$SRC/samples/muong-lay-2024-11/"* "$tmp/bad/"
sed -i '2s/,30,/,31,/' "$tmp/bad/scores.csv"
"$BAOCAO" render "$tmp/bad/report.json" -o "$tmp/bad/out.pdf" 2>/dev/null
expect "bad input exits 1" test $? -eq 1
expect "bad input leaves no PDF" sh -c "! ls '$tmp/bad/' | grep -q 'out.pdf'"

# A table row taller than a page is refused, naming the row, not cut off.
mkdir "$tmp/tall"
cp "$SRC/samples/dien-bien-phu-2023-12/"* "$tmp/tall/"
long=$(printf 'rất dài %.0s' $(seq 500))
sed -i "s/^UBND xã Nà Tấu,/\"UBND xã Nà Tấu $long\",/" "$tmp/tall/scores.csv"
"$BAOCAO" render "$tmp/tall/report.json" -o "$tmp/tall/out.pdf" 2>"$tmp/tall.err"
expect "a row taller than a page exits 1" test $? -eq 1
expect "the message names the row" grep -q 'layout-too-tall.*"12 UBND xã Nà Tấu rất dài' "$tmp/tall.err"
expect "and no PDF is written" test ! -e "$tmp/tall/out.pdf"

# Blank number mode.
"$BAOCAO" render "$SRC/samples/muong-lay-2024-11/report.json" -o "$tmp/blank.pdf" --blank-number --quiet
pdftotext -layout "$tmp/blank.pdf" "$tmp/blank.txt"
# The blanks are no-break spaces (U+00A0), which layout keeps as they are.
read -r _ _ sx _ <<<"$(word_box "$tmp/blank.pdf" 1 "Số:")"
read -r nx _ _ _ <<<"$(word_box "$tmp/blank.pdf" 1 "/BC-UBND")"
expect "blank number: a gap of at least 5 mm between Số: and /BC-UBND" \
    awk -v a="$sx" -v b="$nx" -v m=$MM 'BEGIN { exit !(b - a >= 5 * m) }'
expect "blank date: the day blank, month and year kept" grep -qP 'ngày[ \x{a0}]{6,}tháng 12 năm 2024' "$tmp/blank.txt"

finish
