#!/usr/bin/env bash
# The DOCX of every sample (and of a notice): LibreOffice opens it and its
# PDF says what baocao's PDF says, with the same orientation per section;
# python3-docx reads every paragraph, table and section; the package is
# consistent (tests/docx_check.py); the bytes are the same on every run and
# in every time zone; bad output paths fail with nothing written.
set -u
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || { echo "soffice not installed (./build.sh test installs it)"; exit 77; }
py=/usr/bin/python3   # Debian's, with python3-docx
"$py" -c "import docx" 2>/dev/null || { echo "python3-docx not installed"; exit 77; }
check() { "$py" "$SRC/tests/docx_check.py" "$@"; }

# words FILE: its words one per line (whitespace normalised); a word that a
# line break cut after its hyphen is joined again (Word and LibreOffice break
# "dvc-index-…" there, baocao's layout never does).
words() { tr -s ' \t\n\f' '\n\n\n\n' <"$1" | sed '/^$/d' | sed -e ':a' -e '/[^ ]-$/{N;s/\n//;ba' -e '}'; }
# first_run PDF: the last page of the first orientation (the body, before a phụ lục).
first_run() {
    pdfinfo -f 1 -l 999 "$1" | awk '/^Page +[0-9]+ size:/ { o = ($4 > $6); if (NR > 0 && seen && o != first) exit;
        if (!seen) { first = o; seen = 1 } last = $2 } END { print last }'
}
# orientations PDF: the orientation of each run of pages ("portrait landscape").
orientations() {
    pdfinfo -f 1 -l 999 "$1" | awk '/^Page +[0-9]+ size:/ { o = ($4 > $6) ? "landscape" : "portrait";
        if (o != last) { s = s (s ? " " : "") o; last = o } } END { print s }'
}

mkdir -p "$tmp/docx" "$tmp/lo"
docs=()
for dir in "$SRC"/samples/*/; do
    name=$(basename "$dir")
    expect "$name: PDF" "$BAOCAO" render "$dir" -o "$tmp/$name.pdf" --quiet
    expect "$name: DOCX by its name" "$BAOCAO" render "$dir" -o "$tmp/docx/$name.docx" --quiet
    docs+=("$name")
done
# A notice (công văn: V/v under Số, Kính gửi) through --format.
expect "notice: PDF" "$BAOCAO" render "$SRC/samples/dinh-hoa-2024-02" --unit "Xã Lam Vỹ" -o "$tmp/notice.pdf" --quiet
expect "notice: DOCX by --format" "$BAOCAO" render "$SRC/samples/dinh-hoa-2024-02" --unit "Xã Lam Vỹ" \
    --format docx -o "$tmp/docx/notice.docx" --quiet
docs+=(notice)
expect "no sidecar beside a DOCX" test ! -e "$tmp/docx/notice.meta.json"

# One LibreOffice run for all (it takes seconds to start), its own profile.
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp/lo" \
    "$tmp"/docx/*.docx >"$tmp/soffice.log" 2>&1
expect "soffice converts (exit 0)" test $? -eq 0

for name in "${docs[@]}"; do
    docx=$tmp/docx/$name.docx lo=$tmp/lo/$name.pdf own=$tmp/$name.pdf
    expect "$name: LibreOffice made a PDF" test -s "$lo"
    [ -s "$lo" ] || continue
    # The body word for word, in order; the whole document (tables too) as a
    # set of words: pdftotext reads a multi-row table header in another order
    # when the two set its cells a point apart, and LibreOffice 7.4 draws a
    # repeated header row whose cells continue a vMerge with no height.
    pdftotext -layout -l "$(first_run "$lo")" "$lo" "$tmp/lo.txt"
    pdftotext -layout -l "$(first_run "$own")" "$own" "$tmp/own.txt"
    words "$tmp/lo.txt" >"$tmp/lo.words"
    words "$tmp/own.txt" >"$tmp/own.words"
    expect "$name: LibreOffice's body text = baocao's ($(diff "$tmp/lo.words" "$tmp/own.words" | grep -c '^[<>]') words differ)" \
        cmp -s "$tmp/lo.words" "$tmp/own.words"
    pdftotext -layout "$lo" "$tmp/lo.txt"
    pdftotext -layout "$own" "$tmp/own.txt"
    words "$tmp/lo.txt" | sort -u >"$tmp/lo.words"
    words "$tmp/own.txt" | sort -u >"$tmp/own.words"
    expect "$name: LibreOffice's words = baocao's ($(diff "$tmp/lo.words" "$tmp/own.words" | grep -c '^[<>]') differ)" \
        cmp -s "$tmp/lo.words" "$tmp/own.words"
    expect_eq "$name: orientation per section" "$(orientations "$lo")" "$(orientations "$own")"
    expect_eq "$name: pages" "$(pdfinfo "$lo" | awk '/^Pages:/ { print $2 }')" \
        "$(pdfinfo "$own" | awk '/^Pages:/ { print $2 }')"

    sections=$(check structure "$docx")
    expect "$name: package, relationships, sections, tables consistent" test -n "$sections"
    expect_eq "$name: DOCX sections = the PDF's" "$(tr ' ' '\n' <<<"$sections" | uniq | paste -sd' ')" \
        "$(orientations "$own")"

    check read "$docx" >"$tmp/read" || bad "$name: python3-docx cannot read it"
    expect_eq "$name: python3-docx's sections" "$(sed -n 's/^SECTIONS //p' "$tmp/read")" "$sections"
    grep -v '^SECTIONS ' "$tmp/read" | sort -u >"$tmp/docx.set"
    sort -u "$tmp/own.words" >"$tmp/own.set"
    # Every word is in a paragraph or table python-docx reads, and no other:
    # only the page numbers (a field in the header) are in the PDF alone.
    expect_eq "$name: python3-docx reads every word" "$(comm -23 "$tmp/own.set" "$tmp/docx.set" | grep -v '^[0-9]*$')" ""
    expect_eq "$name: and nothing else" "$(comm -13 "$tmp/own.set" "$tmp/docx.set")" ""
    expect_eq "$name: tables" "$("$py" -c "import docx,sys; print(len(docx.Document(sys.argv[1]).tables))" "$docx")" \
        "$(unzip -p "$docx" word/document.xml | grep -o '<w:tbl>' | wc -l)"

    # Properties from the document's metadata, as the PDF's Info has them.
    expect_eq "$name: title" "$(check core "$docx" title)" "$(pdfinfo "$own" | sed -n 's/^Title: *//p')"
    expect_eq "$name: subject" "$(check core "$docx" subject)" "$(pdfinfo "$own" | sed -n 's/^Subject: *//p')"
    expect_eq "$name: creator" "$(check core "$docx" author)" "$(pdfinfo "$own" | sed -n 's/^Author: *//p')"
    expect_eq "$name: keywords" "$(check core "$docx" keywords)" "$(pdfinfo "$own" | sed -n 's/^Keywords: *//p')"
    # The PDF's CreationDate is the document's day at 00:00 +07:00.
    pdf_day=$(pdfinfo -isodates "$own" | sed -n 's/^CreationDate: *//p')
    expect_eq "$name: created" "$(check core "$docx" created)" \
        "$(date -u -d "$pdf_day" +%Y-%m-%dT%H:%M:%SZ)"
done

# Word constructs the issue asks for, in the Mường Lay report.
ml=$tmp/docx/muong-lay-2024-11.docx
unzip -p "$ml" word/document.xml >"$tmp/doc.xml"
for want in '<w:tblHeader/>' '<w:vMerge w:val="restart"/>' '<w:gridSpan w:val=' '<w:pgNumType w:start="1"/>' \
    '<w:titlePg/>' 'w:orient="landscape"' '<w:jc w:val="both"/>' 'w:firstLine="567"' '<w:pBdr><w:top w:val="single"' \
    'w:ascii="Times New Roman"'; do
    expect "document.xml or styles.xml has $want" grep -qF -- "$want" "$tmp/doc.xml" <(unzip -p "$ml" word/styles.xml)
done
expect "the page number is a PAGE field" grep -qF 'w:instr=" PAGE "' <(unzip -p "$ml" word/header1.xml)
expect "no font embedded" test -z "$(unzip -l "$ml" | grep -i font)"

# Same bytes every run, whatever the time zone (zip entries carry DOS time).
TZ=America/Los_Angeles "$BAOCAO" render "$SRC/samples/muong-lay-2024-11" -o "$tmp/again.docx" --quiet
expect "deterministic: same bytes in another time zone" cmp -s "$ml" "$tmp/again.docx"
"$BAOCAO" render "$SRC/samples/muong-lay-2024-11" -o "$tmp/again.docx" --quiet
expect "deterministic: same bytes twice" cmp -s "$ml" "$tmp/again.docx"
expect "zip entries dated 1980-01-01 00:00" test -z "$(unzip -l "$ml" | awk 'NF == 4 && $2 ~ /^[0-9]+-/ && $2 $3 != "1980-01-0100:00"')"

# batch --format pdf,docx: each document twice, both in the manifest with
# their own figures; the DOCX without a sidecar. A later PDF-only run into
# the folder removes the DOCX files: the folder matches its manifest.
out=$tmp/batch
"$BAOCAO" batch "$SRC/samples/dinh-hoa-2024-02" -o "$out" --format pdf,docx --quiet
expect_eq "batch pdf,docx: exit 0" "$?" 0
npdf=$(ls "$out" | grep -c '\.pdf$') ndocx=$(ls "$out" | grep -c '\.docx$')
expect "batch pdf,docx: PDFs written" test "$npdf" -gt 1
expect_eq "batch pdf,docx: a DOCX for every PDF" "$(ls "$out" | sed -n 's/\.docx$//p')" "$(ls "$out" | sed -n 's/\.pdf$//p')"
expect_eq "batch pdf,docx: manifest lists both" "$(jq '.files | length' "$out/manifest.json")" "$((npdf + ndocx))"
expect_eq "batch pdf,docx: DOCX entries have no sidecar" \
    "$(jq '[.files[] | select(.path | endswith(".docx")) | select(has("sidecar"))] | length' "$out/manifest.json")" 0
bad_sums=0
while read -r path sum; do
    [ "$(sha256sum "$out/$path" | cut -d' ' -f1)" = "$sum" ] || bad_sums=$((bad_sums + 1))
done < <(jq -r '.files[] | "\(.path) \(.sha256)"' "$out/manifest.json")
expect_eq "batch pdf,docx: every SHA-256 in the manifest is its file's" "$bad_sums" 0
expect "batch DOCX = render DOCX" cmp -s "$out/ubnd-huyen-dinh-hoa.docx" "$tmp/docx/dinh-hoa-2024-02.docx"
"$BAOCAO" batch "$SRC/samples/dinh-hoa-2024-02" -o "$out" --quiet
expect_eq "batch again, PDF only: no DOCX left" "$(ls "$out" | grep -c '\.docx$')" 0
"$BAOCAO" batch "$SRC/samples/dinh-hoa-2024-02" -o "$out" --format odt 2>"$tmp/err"
expect_eq "--format odt: usage error" "$?" 2
expect "--format odt: says what it takes" grep -qF "takes pdf, docx or pdf,docx" "$tmp/err"

# Bad output paths: a clear error, nothing written.
"$BAOCAO" render "$SRC/samples/muong-lay-2024-11" -o "$tmp/no/such/dir/x.docx" 2>"$tmp/err"
expect_eq "missing folder: exit 1" "$?" 1
expect "missing folder: says so" grep -q "x.docx" "$tmp/err"
expect "missing folder: nothing written" test ! -e "$tmp/no"
"$BAOCAO" render "$SRC/samples/muong-lay-2024-11" --format docx -o "$tmp/x.pdf" 2>"$tmp/err"
expect_eq "--format docx -o x.pdf: exit 1" "$?" 1
expect "--format docx -o x.pdf: names the mismatch" grep -qF "a DOCX is written to a name ending in .docx, not .pdf" "$tmp/err"
expect "--format docx -o x.pdf: nothing written" test ! -e "$tmp/x.pdf"
"$BAOCAO" render "$SRC/samples/muong-lay-2024-11" --format pdf,docx -o "$tmp/x.docx" 2>"$tmp/err"
expect_eq "render --format pdf,docx: usage error" "$?" 2
echo "not a docx" >"$tmp/notes.docx"
"$BAOCAO" render "$SRC/samples/muong-lay-2024-11" -o "$tmp/notes.docx" 2>"$tmp/err"
expect "a file that is not a DOCX is not replaced" grep -qF "not a DOCX" "$tmp/err"
expect_eq "… and kept as it was" "$(cat "$tmp/notes.docx")" "not a docx"
expect "no temporary left" test -z "$(ls -A "$tmp" | grep '\.tmp-')"

finish
