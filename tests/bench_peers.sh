#!/usr/bin/env bash
# The benchmark is not run here (it installs LibreOffice), but its script
# must parse and the peer documents it generates from baocao's own text must
# carry that text and be well-formed.
set -u
. "$(dirname "$0")/lib.sh"

expect "bench/run parses" bash -n "$SRC/bench/run"
"$BAOCAO" render "$SRC/samples/huyen-dien-bien-2023-07/report.json" -o "$tmp/r.pdf" --quiet
pdftotext -layout "$tmp/r.pdf" "$tmp/r.txt"
expect "gen.py runs" python3 "$SRC/bench/peers/gen.py" "$tmp/r.txt" "$tmp/peers"
# The first body paragraph as baocao wrote it (lines joined), in both peers.
first=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import gen
print(gen.body_paragraphs(open(sys.argv[2], encoding="utf-8").read())[0])' "$SRC/bench/peers" "$tmp/r.txt")
expect "body found" test "${#first}" -gt 100
expect "body starts with the decision cited" grep -q 'Quyết định số 459/QĐ-UBND' <<<"$first"
expect "HTML has the body" has "$tmp/peers/report.html" "$first"
expect "FODT has the body" has "$tmp/peers/report.fodt" "$first"
expect "FODT is well-formed XML" python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$tmp/peers/report.fodt"
expect "HTML has all 26 unit rows" test "$(grep -o "<td class='name'>" "$tmp/peers/report.html" | wc -l)" -eq 26
finish
