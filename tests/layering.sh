#!/usr/bin/env bash
# The stages are libraries that see only what they link: a file of layout/
# that includes input/'s header does not compile with layout's own flags,
# while one including model/'s doc.h (a stage layout links) does. The flags
# are the real ones, from the build's compile_commands.json.
set -u
. "$(dirname "$0")/lib.sh"
: "${BUILD:?set BUILD to the build directory}"

db=$BUILD/compile_commands.json
expect "compile_commands.json exists" test -s "$db"
# try STAGE HEADER: compiles a file of STAGE that includes HEADER.
try() {
    local cmd
    cmd=$(jq -r --arg f "$SRC/src/$1/" 'map(select(.file | startswith($f))) | .[0].command' "$db")
    printf '#include "%s"\nint layering_probe;\n' "$2" >"$tmp/probe.c"
    cmd=${cmd% -c *}
    eval "$cmd -c '$tmp/probe.c' -o '$tmp/probe.o'" 2>"$tmp/err"
}
fails() { ! "$@"; }
expect "layout/ may include model/'s doc.h" try layout doc.h
expect "layout/ cannot include input/'s input.h" fails try layout input.h
expect "… because the header is not on its path" grep -q "input.h: No such file" "$tmp/err"
expect "model/ cannot include text/'s report.h" fails try model report.h
expect "pdf/ cannot include deliver/'s archive.h" fails try pdf archive.h
expect "text/ cannot include layout/'s layout.h" fails try text layout.h
expect "base/ cannot include model/'s dataset.h" fails try base dataset.h
# serve/ is a client of the public API only.
expect "serve/ may include baocao.h" try serve baocao.h
expect "serve/ cannot include app/'s render.h" fails try serve render.h
expect "serve/ cannot include base/'s diag.h" fails try serve diag.h
# JSON is read by input/ alone: no stage before it sees jsonin.h.
expect "layout/ cannot include input/'s jsonin.h" fails try layout jsonin.h
expect "base/ cannot include jsonin.h" fails try base jsonin.h
# Private headers: input/ and text/ use their own; app/, which links both
# stages, finds neither by name, nor through the stage's folder.
expect "input/ may include its private/records.h" try input private/records.h
expect "text/ may include its private/tmplparse.h" try text private/tmplparse.h
expect "app/ cannot include records.h" fails try app records.h
expect "app/ cannot include tmplparse.h" fails try app tmplparse.h
expect "app/ cannot include private/records.h" fails try app private/records.h
expect "… because the header refuses other stages" grep -q "a private header of src/input/" "$tmp/err"
expect "app/ cannot include private/tmplparse.h" fails try app private/tmplparse.h
# Libraries one kind of output alone needs are opened when it is made: a PDF
# render loads neither libxml2 (DOCX) nor libcurl (delivery); a DOCX loads libxml2.
loaded() { LD_DEBUG=libs "$BAOCAO" render "$SRC/samples/muong-lay-2024-11/report.json" -o "$tmp/$1" --quiet 2>&1 |
           grep 'calling init' | grep -o 'lib[^/ ]*\.so[.0-9]*' | sort -u | tr '\n' ' '; }
pdf_libs=$(loaded x.pdf)
expect "a PDF render does not load libxml2: $pdf_libs" bash -c "! grep -q 'libxml2' <<<'$pdf_libs'"
expect "a PDF render does not load libcurl: $pdf_libs" bash -c "! grep -q 'libcurl' <<<'$pdf_libs'"
expect "a PDF render loads libhpdf (the check sees libraries)" grep -q 'libhpdf' <<<"$pdf_libs"
expect "a DOCX render loads libxml2" grep -q 'libxml2' <<<"$(loaded x.docx)"
finish
