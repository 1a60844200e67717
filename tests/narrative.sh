#!/usr/bin/env bash
# The body of the monthly reports, written by templates/bao-cao-thang from
# data: each seed's facts in the seed's wording, read back from the PDF.
set -u
. "$(dirname "$0")/lib.sh"

# body SAMPLE_DIR: the PDF's text on one line, runs of white space as one
# space, so that phrases can be matched across line breaks.
body() {
    "$BAOCAO" render "$1/report.json" -o "$tmp/body.pdf" --quiet &&
        pdftotext -nopgbrk "$tmp/body.pdf" - | tr '\n' ' ' | tr -s ' '
}
says() {   # says TEXT PHRASE...
    local text=$1
    shift
    for p in "$@"; do
        case "$text" in *"$p"*) ok ;; *) bad "missing: $p" ;; esac
    done
}
# Seed 003, huyện Điện Biên, tháng 7/2023: two sections, grouped names.
t=$(body "$SRC/samples/huyen-dien-bien-2023-07")
says "$t" \
    "1.1. Các cơ quan chuyên môn thuộc UBND huyện" \
    "Thực hiện chấm điểm đánh giá 05/10 cơ quan, đơn vị, trong đó:" \
    "- 02 đơn vị xếp loại xuất sắc: các phòng Lao động - Thương binh và Xã hội, Kinh tế và Hạ tầng." \
    "- 01 đơn vị xếp loại tốt: Phòng Tư pháp." \
    "- 02 đơn vị xếp loại trung bình: Trung tâm Quản lý Đất đai huyện, Phòng Nội vụ." \
    "1.2. UBND các xã thuộc huyện" \
    "Thực hiện chấm điểm đánh giá 21/21 UBND xã, trong đó:" \
    "- 01 đơn vị xếp loại xuất sắc: UBND xã Núa Ngam." \
    "- 07 đơn vị xếp loại tốt: UBND các xã Mường Nhà, Mường Pồn, Pa Thơm, Pom Lót, Sam Mứn, Thanh An, Thanh Yên." \
    "- 10 đơn vị xếp loại khá: UBND các xã Hua Thanh, Hẹ Muông, Na Ư, Noong Hẹt, Noong Luống, Phu Luông, Thanh Chăn, Thanh Hưng, Thanh Luông, Thanh Xương." \
    "- 03 đơn vị xếp loại yếu: UBND các xã Mường Lói, Na Tông, Thanh Nưa." \
    "- Không phát sinh hồ sơ TTHC trong tháng 7 năm 2023: UBND các xã Mường Lói, Na Tông, Thanh Nưa (điểm các chỉ số về hồ sơ bằng 0)." \
    "Tỷ lệ hồ sơ thanh toán trực tuyến: 07 đơn vị chưa thực hiện (UBND các xã Hua Thanh, Hẹ Muông, Mường Pồn, Na Ư, Noong Luống, Phu Luông, Thanh Chăn); 09 đơn vị thực hiện chưa đảm bảo 50% số điểm tối đa" \
    "Số hóa hồ sơ khi tiếp nhận: 03 đơn vị chưa thực hiện (Phòng Nội vụ; UBND các xã Hua Thanh, Hẹ Muông);" \
    "THÁNG 7 NĂM 2023" \
    "Trên đây là Báo cáo kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử huyện Điện Biên tháng 7 năm 2023./."

# Seed 002, TP Điện Biên Phủ, tháng 12/2023: one section, full names, the
# zero and below-half lists (the seed's "04 đơn vị" named three: it is 03).
t=$(body "$SRC/samples/dien-bien-phu-2023-12")
says "$t" \
    "Thực hiện chấm điểm đánh giá 12/12 đơn vị xã, phường, trong đó:" \
    "- 01 đơn vị xếp loại xuất sắc: UBND xã Pá Khoang." \
    "- 06 đơn vị xếp loại tốt: UBND phường Him Lam, UBND xã Thanh Minh, UBND phường Nam Thanh, UBND phường Mường Thanh, UBND phường Thanh Trường, UBND xã Nà Nhạn." \
    "- 01 đơn vị xếp loại trung bình: UBND xã Nà Tấu." \
    "UBND xã Pá Khoang đạt kết quả cao nhất (9,00 điểm, xếp loại xuất sắc); UBND các xã Pá Khoang, Thanh Minh có nhiều chỉ số đạt điểm tối đa nhất (07/08 chỉ số)." \
    "hồ sơ xử lý quá hạn: UBND các phường Noong Bua, Thanh Bình." \
    "Tỷ lệ nộp hồ sơ trực tuyến: 01 đơn vị thực hiện chưa đảm bảo 50% số điểm tối đa (UBND xã Nà Tấu)." \
    "Tỷ lệ hồ sơ thanh toán trực tuyến: 04 đơn vị chưa thực hiện (UBND xã Thanh Minh, UBND phường Tân Thanh, UBND phường Noong Bua, UBND xã Nà Tấu); 08 đơn vị thực hiện chưa đảm bảo 50%" \
    "Số hóa hồ sơ khi tiếp nhận: 01 đơn vị chưa thực hiện (UBND phường Noong Bua); 03 đơn vị thực hiện chưa đảm bảo 50% số điểm tối đa (UBND phường Tân Thanh, UBND xã Mường Phăng, UBND xã Nà Tấu)." \
    "THÁNG 12 NĂM 2023"
case "$t" in *"không để xảy ra tình trạng xử lý hồ sơ quá hạn"*) bad "002 has overdue files" ;; *) ok ;; esac

# Seed 000, thị xã Mường Lay, tháng 11/2024: the sample overrides ket-qua.tpl
# with the seed's own style; decreases against tháng 10 with their amounts;
# the phụ lục title says tháng 11 (the seed printed tháng 10).
t=$(body "$SRC/samples/muong-lay-2024-11")
says "$t" \
    "- Đối với Bộ phận Tiếp nhận và Trả kết quả thị xã đạt 99,64 điểm: xếp loại xuất sắc." \
    "Thực hiện chấm điểm đánh giá 03/03 xã, phường. Trong đó 03/03 đơn vị xếp loại xuất sắc." \
    "Tổng điểm đạt được của UBND phường Na Lay và UBND xã Lay Nưa tuy vẫn đạt ở mức xuất sắc nhưng lại giảm so với tháng 10/2024" \
    "“Tỷ lệ nộp hồ sơ trực tuyến” của UBND phường Na Lay giảm 1,55 điểm; UBND xã Lay Nưa giảm 0,01 điểm." \
    "+ Điểm các chỉ số “Số hóa hồ sơ khi tiếp nhận” và “Số hóa kết quả giải quyết TTHC” của UBND xã Lay Nưa giảm lần lượt 0,18 và 1,01 điểm." \
    "Trong tháng 11 năm 2024 không để xảy ra tình trạng xử lý hồ sơ quá hạn" \
    "THỊ XÃ MƯỜNG LAY THÁNG 11 NĂM 2024"
case "$t" in *"MƯỜNG LAY THÁNG 10 NĂM 2024"*) bad "000 phụ lục month" ;; *) ok ;; esac

# A scheme without classes (QĐ 766 ranks): the first and the last unit.
t=$(body "$SRC/samples/dinh-hoa-2024-02")
says "$t" "Thực hiện chấm điểm đánh giá 23/23 xã, thị trấn; cao nhất là các xã Phú Tiến, Sơn Phú (cùng đạt 94,10 điểm), thấp nhất là xã Bảo Cường (69,10 điểm)."
case "$t" in *"đơn vị xếp loại"*) bad "a scheme without classes lists classes" ;; *) ok ;; esac

# Overrides and free paragraphs: a file next to report.json, no rebuild.
mkdir "$tmp/own"
cp "$SRC/samples/dien-bien-phu-2023-12/"* "$tmp/own/"
printf 'Chủ tịch UBND thành phố yêu cầu báo cáo kết quả khắc phục trước ngày 15/01/2024.\n' \
    >"$tmp/own/bo-sung-yeu-cau.tpl"
says "$(body "$tmp/own")" "Chủ tịch UBND thành phố yêu cầu báo cáo kết quả khắc phục trước ngày 15/01/2024."

# A changed sentence in templates/ (a copy given by --data-dir) changes the PDF.
mkdir "$tmp/data"
cp -r "$SRC/templates" "$SRC/fonts" "$tmp/data/"
sed -i 's/Trên đây là Báo cáo/Trên đây là nội dung Báo cáo/' "$tmp/data/templates/bao-cao-thang/ket-thuc.tpl"
"$BAOCAO" render "$SRC/samples/dien-bien-phu-2023-12/report.json" -o "$tmp/d.pdf" --data-dir "$tmp/data" --quiet
says "$(pdftotext "$tmp/d.pdf" - | tr '\n' ' ' | tr -s ' ')" "Trên đây là nội dung Báo cáo kết quả"

# Data is never template syntax or markup: a unit named with {{ }} and *.
sed -i 's/^UBND xã Nà Tấu,/UBND xã {{x}} *Tấu*,/' "$tmp/own/scores.csv"
says "$(body "$tmp/own")" "01 đơn vị xếp loại trung bình: UBND xã {{x}} *Tấu*."

# A template error names file:line:col and renders nothing.
printf 'Trên đây là\n{{document.subjcet}}\n' >"$tmp/own/ket-thuc.tpl"
"$BAOCAO" render "$tmp/own/report.json" -o "$tmp/own/out.pdf" 2>"$tmp/err"
expect "template error exits 1" test $? -eq 1
expect "template error names file:line:col" grep -q 'ket-thuc.tpl:2:1: unknown variable "document.subjcet"' "$tmp/err"
expect "template error leaves no PDF" test ! -e "$tmp/own/out.pdf"

finish
