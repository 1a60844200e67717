#!/usr/bin/env bash
# cmake --install into a temporary prefix, from a build whose source and build
# trees are then deleted; the prefix is moved elsewhere, and from another
# directory: the installed baocao renders a sample with the installed data,
# the man page reads, and the example program built with
# `pkg-config --cflags --libs baocao` renders a report and a notice through
# the public API (libbaocao.so.0, nothing but bc_ symbols exported).
set -u
. "$(dirname "$0")/lib.sh"
unset BAOCAO_DATADIR

mkdir -p "$tmp/src"
cp -r "$SRC"/CMakeLists.txt "$SRC"/baocao.pc.in "$SRC"/src "$SRC"/include "$SRC"/templates "$SRC"/fonts \
    "$SRC"/doc "$tmp/src/"
expect "configure" cmake -S "$tmp/src" -B "$tmp/build" -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_INSTALL_PREFIX=/nonexistent/baocao >"$tmp/cmake.log"
expect "build" cmake --build "$tmp/build" -j2 >>"$tmp/cmake.log" 2>&1
expect "install" cmake --install "$tmp/build" --prefix "$tmp/prefix" >>"$tmp/cmake.log"
rm -rf "$tmp/src" "$tmp/build"
mv "$tmp/prefix" "$tmp/moved"
p=$tmp/moved
libdir=$(dirname "$(find "$p" -name 'libbaocao.so.0' | head -1)")

for f in bin/baocao include/baocao.h share/baocao/templates/messages/vi.txt share/baocao/fonts/Tinos-Regular.ttf \
         share/man/man1/baocao.1; do
    expect "installed: $f" test -e "$p/$f"
done
expect "installed: libbaocao.so.0" test -e "$libdir/libbaocao.so.0"
expect_eq "SONAME" "$(objdump -p "$libdir/libbaocao.so.0" | awk '/SONAME/ { print $2 }')" "libbaocao.so.0"
expect_eq "only bc_ symbols exported" \
    "$(nm -D --defined-only "$libdir/libbaocao.so.0" | awk '{ print $3 }' | grep -cv '^bc_')" "0"
expect "man page renders" sh -c "LC_ALL=C.UTF-8 man -l '$p/share/man/man1/baocao.1' 2>/dev/null | grep -q 'NĐ 30 PDF/A'"

mkdir -p "$tmp/elsewhere"
cp -r "$SRC/samples/huyen-dien-bien-2023-07" "$tmp/elsewhere/sample"
cd "$tmp/elsewhere" || exit 1
expect "installed baocao renders from another directory" "$p/bin/baocao" render sample/report.json -o report.pdf --quiet
expect "its text is the report's" sh -c "pdftotext report.pdf - | grep -q 'BÁO CÁO'"
expect "its messages come from the installed catalog" \
    sh -c "'$p/bin/baocao' check no-such.json --lang vi 2>&1 | grep -q 'lỗi'"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
expect "pkg-config knows baocao" pkg-config --exists baocao
# shellcheck disable=SC2046
expect "the example compiles with pkg-config" \
    cc -Wall -Werror "$SRC/examples/render_report.c" $(pkg-config --cflags --libs baocao) -o render_report
export LD_LIBRARY_PATH=$libdir
expect "the example renders the report" ./render_report sample/report.json api.pdf
expect "its text is the report's" sh -c "pdftotext api.pdf - | grep -q 'BÁO CÁO'"
expect "the same bytes as the command line's" cmp report.pdf api.pdf
unit=$("$p/bin/baocao" score sample/report.json --csv --quiet | awk -F, 'NR > 1 && $NF != "" { print $2; exit }')
expect "the example renders a notice of $unit" ./render_report sample/report.json notice.pdf "$unit"
expect "the notice is a công văn" sh -c "pdftotext notice.pdf - | grep -q 'V/v'"
./render_report sample/report.json x.pdf "No Such Unit" 2>err.txt
expect "an API error has its key and message" grep -q '^\[unit-unknown\] ' err.txt

finish
