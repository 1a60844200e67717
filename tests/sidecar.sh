#!/usr/bin/env bash
# The archive sidecar X.meta.json (NĐ 30 Phụ lục VI keys) and the same
# essentials in the XMP, checked with jq, pdfinfo, sha256sum and xmllint.
set -u
. "$(dirname "$0")/lib.sh"

KEYS="FileCode FileCode.OrganId FileCode.FileCatalog FileCode.FileNotation DocOrdinal TypeName
CodeNumber CodeNotation IssuedDate OrganName Subject Language PageAmount Description SignerInfo
SignerInfo.Position SignerInfo.FullName To Priority IssuedAmount DueDate File.Name File.Size File.SHA256"

# xmp PDF: the XMP packet of the catalog's /Metadata stream, through qpdf.
xmp() {
    local root meta
    root=$(qpdf --show-object=trailer "$1" | sed -n 's|.*/Root \([0-9]*\) 0 R.*|\1|p')
    meta=$(qpdf --show-object="$root" "$1" | sed -n 's|.*/Metadata \([0-9]*\) 0 R.*|\1|p')
    qpdf --show-object="$meta" --filtered-stream-data "$1"
}
# xpath XML EXPR: the string value of EXPR.
xpath() { xmllint --xpath "string($2)" "$1" 2>/dev/null; }

for dir in "$SRC"/samples/*/; do
    name=$(basename "$dir")
    pdf="$tmp/$name.pdf" side="$tmp/$name.meta.json" rj="$dir/report.json"
    expect "$name renders" "$BAOCAO" render "$rj" -o "$pdf" --quiet
    expect "$name: sidecar written" test -s "$side"
    [ -s "$side" ] || continue
    for k in $KEYS; do
        # has() on the parent: a null value (left to the Hệ thống) is present.
        parent=${k%.*} leaf=${k##*.}
        [ "$parent" = "$k" ] && parent=""
        expect "$name: key $k present" jq -e --arg p "$parent" --arg l "$leaf" \
            '(if $p == "" then . else getpath($p | split(".")) end) | has($l)' "$side" >/dev/null
    done
    expect_eq "$name: PageAmount = pdfinfo Pages" "$(jq .PageAmount "$side")" \
        "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
    expect_eq "$name: File.SHA256 = sha256sum" "$(jq -r .File.SHA256 "$side")" \
        "$(sha256sum "$pdf" | cut -d' ' -f1)"
    expect_eq "$name: File.Size = bytes" "$(jq .File.Size "$side")" "$(stat -c %s "$pdf")"
    expect_eq "$name: File.Name" "$(jq -r .File.Name "$side")" "$name.pdf"
    expect_eq "$name: CodeNumber" "$(jq -r .CodeNumber "$side")" "$(jq -r '.document.number | if . == "" then null else . end' "$rj")"
    expect_eq "$name: CodeNotation" "$(jq -r .CodeNotation "$side")" "$(jq -r .document.notation "$rj")"
    expect_eq "$name: IssuedDate DD/MM/YYYY" "$(jq -r .IssuedDate "$side")" \
        "$(jq -r '.document.date | split("-") | reverse | join("/")' "$rj")"
    expect_eq "$name: OrganName" "$(jq -r .OrganName "$side")" "$(jq -r .agency.full_name "$rj")"
    expect_eq "$name: SignerInfo.FullName" "$(jq -r .SignerInfo.FullName "$side")" "$(jq -r .signer.name "$rj")"
    expect "$name: To lists recipients, not the 'Lưu' copy" jq -e \
        '(.To | length) > 0 and all(.To[]; .OrganName | startswith("Lưu") | not)' "$side" >/dev/null
    xmp "$pdf" >"$tmp/$name.xmp"
    expect "$name: XMP is well-formed XML" xmllint --noout "$tmp/$name.xmp"
    expect_eq "$name: XMP nd30:PageAmount" "$(xpath "$tmp/$name.xmp" '//*[local-name()="PageAmount"]')" \
        "$(jq .PageAmount "$side")"
    expect_eq "$name: XMP nd30:CodeNotation" \
        "$(xpath "$tmp/$name.xmp" '//*[local-name()="CodeNotation"]')" "$(jq -r .CodeNotation "$side")"
    expect "$name: XMP declares the nd30 extension schema" has "$tmp/$name.xmp" \
        "<pdfaSchema:prefix>nd30</pdfaSchema:prefix>"
done

# Deterministic, and only the PDF's own bytes in it (no path, no time).
rj="$SRC/samples/muong-lay-2024-11/report.json"
mkdir "$tmp/again"
"$BAOCAO" render "$rj" -o "$tmp/again/muong-lay-2024-11.pdf" --quiet
expect "sidecar deterministic" cmp -s "$tmp/again/muong-lay-2024-11.meta.json" "$tmp/muong-lay-2024-11.meta.json"

# --no-sidecar writes none; a name without .pdf gets .meta.json appended.
"$BAOCAO" render "$rj" -o "$tmp/plain.pdf" --quiet --no-sidecar
expect "--no-sidecar: no sidecar" test ! -e "$tmp/plain.meta.json"
"$BAOCAO" render "$rj" -o "$tmp/noext" --quiet
expect "sidecar of a name without .pdf" test -s "$tmp/noext.meta.json"

# Blank number: CodeNumber and IssuedDate are left for the Hệ thống (null).
"$BAOCAO" render "$rj" -o "$tmp/blank.pdf" --quiet --blank-number
expect_eq "blank number: CodeNumber null" "$(jq .CodeNumber "$tmp/blank.meta.json")" "null"
expect_eq "blank number: IssuedDate null" "$(jq .IssuedDate "$tmp/blank.meta.json")" "null"
expect "blank number: no số in the PDF's Keywords" sh -c "pdfinfo '$tmp/blank.pdf' | grep -q '^Keywords: */BC-UBND$'"

# A subject with XML and JSON specials: valid XMP, exact text in both.
cp -r "$SRC/samples/muong-lay-2024-11" "$tmp/amp"
subject='Kết quả <đánh giá> & "xếp hạng" tháng 11'
jq --arg s "$subject" '.document.subject = $s' "$rj" >"$tmp/amp/report.json"
expect "subject with & and < renders" "$BAOCAO" render "$tmp/amp/report.json" -o "$tmp/amp.pdf" --quiet
xmp "$tmp/amp.pdf" >"$tmp/amp.xmp"
expect "& and <: XMP is well-formed XML" xmllint --noout "$tmp/amp.xmp"
expect_eq "& and <: dc:description" "$(xpath "$tmp/amp.xmp" '//*[local-name()="description"]/*/*')" "$subject"
expect_eq "& and <: sidecar Subject" "$(jq -r .Subject "$tmp/amp.meta.json")" "$subject"
expect "& and <: pdfinfo reads the title" sh -c "pdfinfo '$tmp/amp.pdf' | grep -qF -- '$subject'"
finish
