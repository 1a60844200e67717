#!/usr/bin/env bash
# notice_batch.sh — `baocao batch`: the district report plus one notice per
# commune (seed 001 for xã Bình Thành, with the original's errors corrected),
# the manifest, determinism, a broken unit, safe file names, QĐ 459 notices.
set -u
. "$(dirname "$0")/lib.sh"

DH=$SRC/samples/dinh-hoa-2024-02
out=$tmp/out

"$BAOCAO" batch "$DH/report.json" -o "$out" 2>"$tmp/err"
expect_eq "batch exits 0" "$?" 0
expect_eq "24 PDFs (the district report and 23 notices)" "$(find "$out" -name '*.pdf' | wc -l)" 24
expect_eq "a sidecar per PDF" "$(find "$out" -name '*.meta.json' | wc -l)" 24
expect_eq "nothing else but the manifest" "$(ls "$out" | grep -v '\.pdf$' | grep -vc '\.meta\.json$')" 1
# The portal total differs from the sum of the axes: one warning naming both.
expect_eq "one warning about Bình Thành's total" \
    "$(grep -c 'Bình Thành.*86,8 but the given total is 86,02' "$tmp/err")" 1

expect_eq "no progress bar when stderr is not a terminal" "$(grep -c '\] [0-9]*/24' "$tmp/err")" 0

# manifest_check DIR N: N files listed, each present with the listed size,
# SHA-256 (sha256sum) and page count (pdfinfo), readable by poppler, and
# its archive sidecar (archive_meta.h) recording the same SHA-256.
manifest_check() {
    local dir=$1 n=0
    while IFS='|' read -r path pages bytes sha side; do
        n=$((n + 1))
        expect "$path: pdfinfo reads it" pdfinfo "$dir/$path" >/dev/null 2>&1
        expect_eq "$path: SHA-256" "$(sha256sum "$dir/$path" | cut -d' ' -f1)" "$sha"
        expect_eq "$path: bytes" "$(stat -c %s "$dir/$path")" "$bytes"
        expect_eq "$path: pages" "$(pdfinfo "$dir/$path" 2>/dev/null | awk '/^Pages:/ { print $2 }')" "$pages"
        expect "$path: its sidecar $side has the same SHA-256" grep -q "\"SHA256\": \"$sha\"" "$dir/$side"
    done < <(sed -n 's/.*"path": "\([^"]*\)", "pages": \([0-9]*\), "bytes": \([0-9]*\), "sha256": "\([0-9a-f]*\)".*"sidecar": "\([^"]*\)".*/\1|\2|\3|\4|\5/p' \
             "$dir/manifest.json")
    expect_eq "$dir: files in the manifest" "$n" "$2"
}
manifest_check "$out" 24
expect "manifest: số ký hiệu and date of the notice" \
    grep -q '"unit": "Xã Bình Thành", "kind": "notice", "path": "xa-binh-thanh.pdf".*"code": "/UBND-VP", "date": ""' \
    "$out/manifest.json"
expect "manifest: the district report" \
    grep -q '"kind": "report", "path": "ubnd-huyen-dinh-hoa.pdf".*"code": "96/BC-UBND"' "$out/manifest.json"
expect "manifest: nothing failed" grep -q '"failed": \[\]' "$out/manifest.json"

# ---- the Bình Thành notice against seed 001 -----------------------------------
bt=$out/xa-binh-thanh.pdf
# Running text on one line, white space collapsed, so sentences can be matched whole.
pdftotext -raw "$bt" - | tr '\n' ' ' | tr -s ' ' >"$tmp/bt.txt"
pdftotext -layout "$bt" - | tr -s ' ' >"$tmp/bt.layout"
while IFS= read -r s; do
    expect "notice: $s" grep -qF -- "$s" "$tmp/bt.txt"
done <<'EOF'
V/v kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong giải quyết thủ tục hành chính, cung cấp dịch vụ công trên cổng DVCQG tháng 02 năm 2024
Kính gửi:
UBND xã Bình Thành thông báo kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử xã Bình Thành tháng 02 năm 2024, như sau:
1.1. Điểm số trục nội dung Công khai minh bạch đạt 11,8/18 điểm, tăng 3,8 điểm so với tháng 01/2024.
1.2. Điểm số trục nội dung Tiến độ giải quyết đạt 20/20 điểm, tăng 0,9 điểm so với tháng 01/2024.
1.3. Điểm số trục nội dung Dịch vụ công trực tuyến đạt 6,9/12 điểm, giảm 0,3 điểm so với tháng 01/2024.
1.4. Điểm số trục nội dung Thanh toán trực tuyến đạt 10/10 điểm, tăng 0,1 điểm so với tháng 01/2024.
1.5. Điểm số trục nội dung Mức độ hài lòng đạt 18/18 điểm, giữ nguyên điểm số so với tháng 01/2024.
1.6. Điểm số trục nội dung Số hóa hồ sơ, kết quả TTHC đạt 20,1/22 điểm, giữ nguyên điểm số so với tháng 01/2024.
1.7. Điểm tổng hợp đạt 86,02/100 điểm, tăng 4,06 điểm; xếp hạng 08/23 xã, thị trấn và tăng 14 bậc trên bảng xếp hạng so với tháng 01 năm 2024.
2. Tổng hợp chi tiết số liệu của xã Bình Thành
3. Chủ tịch UBND xã yêu cầu
có giải pháp khắc phục những nội dung giảm điểm so với tháng 01/2024;
TM. ỦY BAN NHÂN DÂN CHỦ TỊCH
Ma Khánh Sơn
PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU THÁNG 02 NĂM 2024
PHỤ LỤC II. THỐNG KÊ CHI TIẾT CỦA UBND XÃ BÌNH THÀNH THÁNG 02 NĂM 2024
Đạt 81,96/100 điểm; xếp hạng 22/23 xã, thị trấn
Đạt 86,02/100 điểm; xếp hạng 08/23 xã, thị trấn
Tăng 4,06 điểm, tăng 14 bậc trên bảng xếp hạng
EOF
# Phụ lục I rows, every rate and change computed from the counts (the
# original printed 70,63%, -525%, 1000%, -0,13%, swapped signs in 3.5, -1,2%).
while IFS= read -r s; do
    expect "Phụ lục row: $s" grep -qF -- "$s" "$tmp/bt.layout"
done <<'EOF'
 1.1 Số TTHC công khai trên Cổng DVC quốc gia/tổng số TTHC 1.764/1.764 100% 1.731/1.731 100% 0%
 a) Hồ sơ đã đồng bộ 3.863 70,83% 68 65,38% -5,45%
 b) Hồ sơ chưa đồng bộ 1.591 29,17% 36 34,62% +5,45%
 2.1 Tỷ lệ hồ sơ giải quyết đúng hạn 96,91% 100% +3,09%
 3.1 TTHC cung cấp DVCTT một phần 3 1,79% 3 1,89% +0,1%
 3.3 Còn lại 161 95,83% 152 95,6% -0,23%
 a) Hồ sơ xử lý đúng hạn 98,63% 100% +1,37%
 b) Hồ sơ xử lý quá hạn 1,37% 0% -1,37%
 3.6 Tỷ lệ DVC trực tuyến có phát sinh hồ sơ 13,9% 9,8% -4,1%
 a) Thanh toán trực tuyến 2.955 93,75% 2.588 94,45% +0,7%
 6.4 Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa 135 95,74% 173 100% +4,26%
 b) Số lượng hoàn thành 2.082 2.206 +124
EOF
expect "6.3 thousands with dots, the change computed" grep -qE '837\.873 855\.589 \+17\.716' "$tmp/bt.layout"
# The phụ lục cite the notice as its header prints it: no số, so no day either
# (no-break spaces, as in the header; seed 001: "ngày    tháng 3 năm 2024").
expect "the phụ lục cite the notice" \
    grep -qP 'Kèm theo Công văn số[ \x{a0}]+/UBND-VP ngày[ \x{a0}]+tháng 3 năm 2024 của UBND xã Bình Thành\)' "$tmp/bt.txt"
expect "snapshot of the current month is 29/02/2024" grep -qF "29/02/2024" "$tmp/bt.txt"
for wrong in "1000%" "-525%" "86,2/100" "29/01/2024" "70,63%" "UBND huyện báo cáo"; do
    expect "not the original's error '$wrong'" sh -c "! grep -qF -- '$wrong' '$tmp/bt.txt'"
done
expect_eq "Bình Thành notice pages (body 2, Phụ lục I 2, Phụ lục II 1)" \
    "$(pdfinfo "$bt" | awk '/^Pages:/ { print $2 }')" 5

# Kính gửi: the three entries' dashes start at one x, just after "Kính gửi:",
# on the lines below it.
pdftotext -bbox -f 1 -l 1 "$bt" - >"$tmp/bt.bbox"
read -r colon_x colon_y <<<"$(awk -F'"' '/>gửi:</ { print $6, $4; exit }' "$tmp/bt.bbox")"
mapfile -t dashes < <(awk -F'"' -v y="$colon_y" '/>-</ && $4 > y && $4 < y + 60 { print $2, $4 }' "$tmp/bt.bbox")
expect_eq "three Kính gửi entries" "${#dashes[@]}" 3
for d in "${dashes[@]}"; do
    read -r x _ <<<"$d"
    expect "Kính gửi dash at x $x aligned with the first (${dashes[0]%% *})" \
        awk -v a="$x" -v b="${dashes[0]%% *}" 'BEGIN { exit !(a - b < 0.5 && b - a < 0.5) }'
    expect "Kính gửi dash at x $x right after the colon ($colon_x)" \
        awk -v a="$x" -v c="$colon_x" 'BEGIN { exit !(a > c && a < c + 10) }'
done

# One notice alone (render --unit) is the same file as the batch's.
"$BAOCAO" render "$DH/report.json" --unit "Xã Bình Thành" -o "$tmp/bt-alone.pdf" --quiet
expect "render --unit gives the batch's bytes" cmp -s "$tmp/bt-alone.pdf" "$bt"
"$BAOCAO" render "$DH/report.json" --unit "Xã Không Có" -o "$tmp/none.pdf" 2>"$tmp/none.err"
expect_eq "render --unit of an unknown unit: exit 1" "$?" 1
expect "… naming it" grep -q 'no unit "Xã Không Có"' "$tmp/none.err"

# ---- same input, same bytes; --jobs does not change anything --------------------
"$BAOCAO" batch "$DH/report.json" -o "$tmp/again" --jobs 1 --quiet
expect "second run (--jobs 1): identical files" diff -r "$out" "$tmp/again"

# ---- one unit with bad data: only that unit fails -------------------------------
bad=$tmp/bad
mkdir "$bad"
cp "$DH"/*.csv "$DH"/*.json "$bad/"
# Phú Đình: a count that is not a number. Bảo Linh is renamed so that its file
# name collides with Bảo Cường's; Lam Vỹ gets a name that tries to leave DIR.
awk -F, -v OFS=, '$1 == "Xã Phú Đình" && $3 == "3.1" { $6 = "ba" } { print }' \
    "$DH/statistics-2024-02.csv" >"$bad/statistics-2024-02.csv"
sed -i 's#Xã Bảo Linh#XÃ BẢO CƯỜNG#; s#Xã Lam Vỹ#../../Lam Vỹ#' "$bad"/*.csv "$bad/units.json"
"$BAOCAO" batch "$bad/report.json" -o "$bad/out" --quiet 2>"$tmp/bad.err"
expect_eq "a broken unit: exit 1" "$?" 1
expect "the error names the unit, file, row and field" \
    grep -q 'Xã Phú Đình.*statistics-2024-02.csv:[0-9]*: unit "Xã Phú Đình", row 3.1: prev "ba" must be a number' "$tmp/bad.err"
expect_eq "only that unit failed" "$(grep -c 'error' "$tmp/bad.err")" 1
expect "no file for the broken unit" test ! -e "$bad/out/xa-phu-dinh.pdf"
expect_eq "no temporary file left" "$(find "$bad" -name '*.tmp-*' | wc -l)" 0
manifest_check "$bad/out" 23
expect "the manifest lists the failure" grep -q '"failed": \[$' "$bad/out/manifest.json"
expect "failure entry names the unit" grep -q '{"unit": "Xã Phú Đình", "error": ' "$bad/out/manifest.json"
expect "colliding names get -2" test -s "$bad/out/xa-bao-cuong-2.pdf"
expect "a name with ../ stays inside DIR" test -s "$bad/out/lam-vy.pdf"
expect_eq "nothing written outside DIR" "$(find "$tmp" -maxdepth 2 -name '*.pdf' -newer "$tmp/again" | wc -l)" 0

# A unit without a score this period has nothing to be notified of (no notice,
# a warning); a unit whose statistics lack a row would print a table unlike
# the others'.
un=$tmp/unscored
mkdir "$un"
cp "$DH"/*.csv "$DH"/*.json "$un/"
sed -i 's/^Xã Quy Kỳ,.*/Xã Quy Kỳ,,,,,,,/' "$un/scores-2024-02.csv"
sed -i '/^Xã Tân Dương,I,3.2,/d' "$un/statistics-2024-02.csv"
"$BAOCAO" batch "$un/report.json" -o "$un/out" 2>"$tmp/un.err"
expect_eq "an unscored unit, a missing row: exit 1" "$?" 1
expect "the unscored unit is a warning, not a failure" \
    grep -q 'warning \[notice-unscored\]: .*scores-2024-02.csv:18:' "$tmp/un.err"
expect "the unscored unit named with its line" \
    grep -q 'scores-2024-02.csv:18: unit "Xã Quy Kỳ" has no score this period' "$tmp/un.err"
expect "the missing row named" \
    grep -q 'unit "Xã Tân Dương": statistics row 11 should be I 3.2 (TTHC cung cấp DVCTT toàn trình)' "$tmp/un.err"
expect_eq "… and the 22 others written" "$(find "$un/out" -name '*.pdf' | wc -l)" 22

# ---- QĐ 459: the district report and one notice per unit ------------------------
hdb=$SRC/samples/huyen-dien-bien-2023-07/report.json
"$BAOCAO" batch "$hdb" -o "$tmp/hdb" --quiet --blank-number
expect_eq "QĐ 459 batch exits 0" "$?" 0
# --blank-number: số and date left for the e-office, in the PDFs and the manifest.
expect "blank số and date in the manifest" \
    grep -q '"path": "ubnd-xa-hua-thanh.pdf".*"code": "/UBND-VP", "date": ""' "$tmp/hdb/manifest.json"
units=$(($(wc -l <"$SRC/samples/huyen-dien-bien-2023-07/scores.csv") - 1))
expect_eq "QĐ 459: the report and $units notices" "$(find "$tmp/hdb" -name '*.pdf' | wc -l)" $((units + 1))
"$BAOCAO" score --csv "$hdb" >"$tmp/hdb.csv"
IFS='|' read -r conv rating rank <<<"$(cells "$tmp/hdb.csv" unit "UBND xã Hua Thanh" converted rating rank)"
pdftotext "$tmp/hdb/ubnd-xa-hua-thanh.pdf" - | tr '\n' ' ' | tr -s ' ' >"$tmp/ht.txt"
rating_lc=$(printf '%s' "$rating" | sed 's/^K/k/; s/^T/t/; s/^X/x/; s/^Y/y/')
# A commune is ranked among the communes (section II), not with the offices.
read -r srank scount <<<"$(awk -F, -v c="$conv" '$1 == "II" { n++; if ($(NF-2) + 0 > c + 0) above++ }
    END { print above + 1, n }' "$tmp/hdb.csv")"
expect "QĐ 459 notice: score, class and rank within its section" \
    grep -qF "quy đổi ${conv/./,}/100 điểm, xếp loại $rating_lc; xếp hạng $(printf %02d "$srank")/$scount UBND xã" "$tmp/ht.txt"
expect "QĐ 459: the overall rank differs, so the test tells them apart" test "$rank" != "$srank"
expect "QĐ 459 notice: no date (--blank-number)" sh -c "! grep -q 'ngày 18 tháng 8' '$tmp/ht.txt'"
expect "QĐ 459 notice: Kính gửi the unit" grep -qF "Kính gửi: UBND xã Hua Thanh" "$tmp/ht.txt"
expect "QĐ 459 notice: an indicator below its maximum" \
    grep -qF "Số hóa hồ sơ khi tiếp nhận: đạt 0/5 điểm." "$tmp/ht.txt"

# ---- usage and missing configuration ----------------------------------------------
"$BAOCAO" batch "$hdb" 2>/dev/null
expect_eq "batch without -o: usage error" "$?" 2
"$BAOCAO" batch "$hdb" -o "$tmp/x" --jobs 0 2>/dev/null
expect_eq "--jobs 0: usage error" "$?" 2
"$BAOCAO" batch "$SRC/samples/muong-lay-2024-11/report.json" -o "$tmp/ml" 2>"$tmp/ml.err"
expect_eq "a report without notices: exit 1" "$?" 1
expect "… saying so" grep -q 'no-notices' "$tmp/ml.err"
expect "… and writing nothing" test ! -e "$tmp/ml/manifest.json"

finish
