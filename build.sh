#!/usr/bin/env bash
# build.sh — the two set-up commands of README.md, for a fresh Debian 12.
#   ./build.sh samples   install what is missing, build, render samples/*/ into out/*.pdf
#   ./build.sh test      install what is missing, build, run the whole test suite,
#                        then again under ASan/UBSan, then valgrind on a render,
#                        then a 20-second smoke run of each libFuzzer harness
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-samples}
case "$mode" in samples|test) ;; *) echo "usage: $0 samples|test" >&2; exit 2 ;; esac

# Debian packages: build (compiler, CMake, libraries), tests (poppler, qpdf,
# the three font families the glyph tests use, the sRGB profile for PDF/A;
# certutil for the signing test, lighttpd with WebDAV for the archive test,
# python3 for the benchmark's peer generator, clang and its libFuzzer runtime
# for fuzz/run; man-db for the installed manual page; LibreOffice Writer
# without its GUI, python3-docx and unzip for the DOCX test; curl, chromium
# with its driver and selenium for the tests of baocao serve).
pkgs=(build-essential cmake pkg-config libhpdf-dev libutf8proc-dev libjansson-dev libzip-dev libexpat1-dev libdeflate-dev
      libfontconfig-dev libssl-dev libcurl4-openssl-dev libxml2-dev libmicrohttpd-dev fontconfig icc-profiles-free)
[ "$mode" = test ] && pkgs+=(poppler-utils qpdf fonts-liberation2 fonts-dejavu-core valgrind
                             jq libnss3-tools libxml2-utils openssl lighttpd lighttpd-mod-webdav
                             lighttpd-mod-openssl python3 clang libclang-rt-14-dev man-db
                             libreoffice-writer-nogui python3-docx unzip curl chromium chromium-driver python3-selenium)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "build.sh: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"

if [ "$mode" = samples ]; then
    mkdir -p out
    for r in samples/*/report.json; do
        name=$(basename "$(dirname "$r")")
        ./build/baocao render "$r" -o "out/$name.pdf"
        echo "out/$name.pdf"
        # A dataset that says how to write per-unit notices gets them too.
        if grep -q '"notices"' "$r"; then
            ./build/baocao batch "$r" -o "out/$name-notices" --quiet
            echo "out/$name-notices/ ($(ls "out/$name-notices"/*.pdf | wc -l) PDFs, manifest.json)"
        fi
    done
    exit 0
fi

(cd build && ctest --output-on-failure -j"$jobs")

# The same suite with AddressSanitizer and UndefinedBehaviorSanitizer.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBAOCAO_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j"$jobs")

# valgrind on the whole pipeline, once per sample: no invalid access, no leak.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for r in samples/*/report.json; do
    valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        ./build/baocao render "$r" -o "$tmp/out.pdf" --quiet
done
valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    ./build/baocao archive "$tmp/out.pdf" --to-dir "$tmp/archive" --quiet
# and on a batch: the report and a notice per unit, PDF and DOCX, on two threads.
valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    ./build/baocao batch samples/huyen-dien-bien-2023-07/report.json -o "$tmp/batch" --jobs 2 --format pdf,docx --quiet
# helgrind on the same batch: the two threads share the parsed fonts, the
# font-program and ICC caches, libdeflate and libxml2; no data race, no lock misuse.
valgrind -q --tool=helgrind --error-exitcode=4 \
    ./build/baocao batch samples/huyen-dien-bien-2023-07/report.json -o "$tmp/batch-hg" --jobs 2 --format pdf,docx --quiet
echo "valgrind: 0 errors on $(ls samples/*/report.json | wc -l) renders, an archive run and a batch; helgrind: 0 races on a 2-thread batch"

# Each fuzzer briefly (fuzz/README.md has the long runs): no crash, leak or sanitizer report.
fuzz/run 20
