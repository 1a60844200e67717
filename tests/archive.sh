#!/usr/bin/env bash
# `baocao archive --to-dir` / `--to file://`: the local archive layout
# YEAR/<agency>/<SO-KY-HIEU>.pdf with sidecars and manifest.json, skip and
# conflict decisions, and the checks made before anything is filed.
set -u
. "$(dirname "$0")/lib.sh"

mkdir "$tmp/in"
for s in muong-lay-2024-11 huyen-dien-bien-2023-07 dien-bien-phu-2023-12; do
    "$BAOCAO" render "$SRC/samples/$s/report.json" -o "$tmp/in/$s.pdf" --quiet
done
arch="$tmp/arch"
ml="$arch/2024/uy-ban-nhan-dan-thi-xa-muong-lay/1004-BC-UBND"

"$BAOCAO" archive "$tmp/in" --to-dir "$arch" >"$tmp/out1" 2>"$tmp/err1"
expect_eq "to-dir: exit 0" "$?" 0
expect_eq "to-dir: 6 files stored" "$(grep -c '^stored ' "$tmp/out1")" 6
expect "to-dir: PDF filed under YEAR/agency/SO-KY-HIEU.pdf" cmp -s "$ml.pdf" "$tmp/in/muong-lay-2024-11.pdf"
expect "to-dir: sidecar beside it" cmp -s "$ml.meta.json" "$tmp/in/muong-lay-2024-11.meta.json"
expect "to-dir: Điện Biên Phủ's 08/BC-UBND" test -s "$arch/2024/uy-ban-nhan-dan-thanh-pho-dien-bien-phu/08-BC-UBND.pdf"
expect_eq "to-dir: 7 files in all (with manifest.json)" "$(find "$arch" -type f | wc -l)" 7
expect_eq "manifest: 3 documents, sorted by path" \
    "$(jq -r '.Documents[].Path' "$arch/manifest.json" | tr '\n' ' ')" \
    "2023/uy-ban-nhan-dan-huyen-dien-bien/405-BC-UBND.pdf 2024/uy-ban-nhan-dan-thanh-pho-dien-bien-phu/08-BC-UBND.pdf 2024/uy-ban-nhan-dan-thi-xa-muong-lay/1004-BC-UBND.pdf "
expect_eq "manifest: SHA-256 of the filed PDF" \
    "$(jq -r '.Documents[2].SHA256' "$arch/manifest.json")" "$(sha256sum "$ml.pdf" | cut -d' ' -f1)"
expect_eq "manifest: its metadata file" "$(jq -r '.Documents[2].Metadata' "$arch/manifest.json")" \
    "2024/uy-ban-nhan-dan-thi-xa-muong-lay/1004-BC-UBND.meta.json"
cp "$arch/manifest.json" "$tmp/manifest1"

# Re-run through a file:// URL: all skipped, nothing rewritten.
"$BAOCAO" archive "$tmp/in/muong-lay-2024-11.pdf" "$tmp/in" --to "file://$arch" >"$tmp/out2" 2>/dev/null
expect_eq "re-run: exit 0" "$?" 0
expect_eq "re-run: all skipped" "$(grep -c '^skipped ' "$tmp/out2")" 6
expect "re-run: manifest unchanged" cmp -s "$arch/manifest.json" "$tmp/manifest1"

# Conflict: the archived PDF differs; it stays as it is, exit 3.
printf 'x' >>"$ml.pdf"
changed=$(sha256sum "$ml.pdf")
"$BAOCAO" archive "$tmp/in" --to-dir "$arch" >"$tmp/out3" 2>"$tmp/err3"
expect_eq "conflict: exit 3" "$?" 3
expect "conflict: reported" grep -q '^conflict 2024/uy-ban-nhan-dan-thi-xa-muong-lay/1004-BC-UBND.pdf' "$tmp/out3"
expect_eq "conflict: file untouched" "$(sha256sum "$ml.pdf")" "$changed"
expect_eq "conflict: no temporary left" "$(find "$arch" -name '*.tmp-*' | wc -l)" 0

# Checked before anything is sent: the target stays empty.
cp "$tmp/in/huyen-dien-bien-2023-07.pdf" "$tmp/stale.pdf"
cp "$tmp/in/huyen-dien-bien-2023-07.meta.json" "$tmp/stale.meta.json"
printf 'x' >>"$tmp/stale.pdf"
"$BAOCAO" archive "$tmp/in" "$tmp/stale.pdf" --to-dir "$tmp/a2" 2>"$tmp/err4"
expect_eq "stale sidecar: exit 1" "$?" 1
expect "stale sidecar: named" grep -q 'archive-stale-sidecar.*stale.pdf' "$tmp/err4"
expect "stale sidecar: nothing filed" test ! -e "$tmp/a2"

"$BAOCAO" render "$SRC/samples/muong-lay-2024-11/report.json" -o "$tmp/nosc.pdf" --quiet --no-sidecar
"$BAOCAO" archive "$tmp/nosc.pdf" --to-dir "$tmp/a2" 2>"$tmp/err5"
expect_eq "no sidecar: exit 1" "$?" 1
expect "no sidecar: says which" grep -q 'nosc.meta.json' "$tmp/err5"

"$BAOCAO" render "$SRC/samples/muong-lay-2024-11/report.json" -o "$tmp/blank.pdf" --quiet --blank-number
"$BAOCAO" archive "$tmp/blank.pdf" --to-dir "$tmp/a2" 2>"$tmp/err6"
expect_eq "blank số: exit 1" "$?" 1
expect "blank số: key archive-no-number" grep -q 'archive-no-number' "$tmp/err6"

mkdir "$tmp/noagency"
cp "$tmp/in/muong-lay-2024-11.pdf" "$tmp/noagency/"
jq '.OrganName = "---"' "$tmp/in/muong-lay-2024-11.meta.json" >"$tmp/noagency/muong-lay-2024-11.meta.json"
"$BAOCAO" archive "$tmp/noagency" --to-dir "$tmp/a2" 2>"$tmp/err9"
expect_eq "agency without a folder name: exit 1" "$?" 1
expect "agency without a folder name: key archive-no-agency" grep -q 'archive-no-agency' "$tmp/err9"

mkdir "$tmp/dup"
cp "$tmp/in/muong-lay-2024-11.pdf" "$tmp/in/muong-lay-2024-11.meta.json" "$tmp/dup/"
"$BAOCAO" render "$SRC/samples/muong-lay-2024-11/report.json" -o "$tmp/dup/z.pdf" --quiet --pdfa 2b
"$BAOCAO" archive "$tmp/dup" --to-dir "$tmp/a2" 2>"$tmp/err7"
expect_eq "same số, different content: exit 1" "$?" 1
expect "same số, different content: key archive-duplicate" grep -q 'archive-duplicate' "$tmp/err7"
expect "nothing filed by the failed runs" test ! -e "$tmp/a2"

"$BAOCAO" archive "$tmp/in" 2>/dev/null
expect_eq "no --to: usage error" "$?" 2
"$BAOCAO" archive --to-dir "$tmp/a2" 2>/dev/null
expect_eq "no files: usage error" "$?" 2
"$BAOCAO" archive "$tmp/in" --to ftp://example.org/x 2>"$tmp/err8"
expect_eq "ftp:// refused: exit 1" "$?" 1
expect "ftp:// refused: says what is accepted" grep -q 'http://, https:// or file://' "$tmp/err8"
finish
