#!/usr/bin/env bash
# batch_output.sh — what `baocao batch` and `render` leave on disk is always
# whole: a PDF and its sidecar together or neither; a batch folder that holds
# exactly what its manifest lists, also after a re-run with other units and
# after a run killed with SIGKILL; one batch per folder at a time; and
# `archive DIR` files only what the manifest lists.
set -u
. "$(dirname "$0")/lib.sh"

DH=$SRC/samples/dinh-hoa-2024-02
trap 'rm -rf "$tmp"' EXIT

# consistent DIR: the folder matches its manifest — every listed PDF and
# sidecar present with the listed SHA-256 (and the sidecar naming it), no
# other PDF or sidecar, no temporary — or, with no manifest, a staging folder
# says a run was stopped part-way (archive refuses it, a re-run completes it).
consistent() {
    local dir=$1 path sha side
    if [ ! -f "$dir/manifest.json" ]; then
        ls -A "$dir" | grep -q '^\.staging-' || { echo "$dir: no manifest, no staging folder" >&2; return 1; }
        return 0
    fi
    jq -r '.files[] | [.path, .sha256, .sidecar] | join("|")' "$dir/manifest.json" >"$tmp/listed"
    while IFS='|' read -r path sha side; do
        [ "$(sha256sum "$dir/$path" | cut -d' ' -f1)" = "$sha" ] || { echo "$path: SHA-256 differs" >&2; return 1; }
        [ "$(jq -r .File.SHA256 "$dir/$side")" = "$sha" ] || { echo "$side: describes another PDF" >&2; return 1; }
    done <"$tmp/listed"
    local want have
    want=$(jq -r '.files[] | .path, .sidecar' "$dir/manifest.json" | sort)
    have=$(cd "$dir" && ls | grep -E '\.pdf$|\.meta\.json$' | sort)
    [ "$want" = "$have" ] || { echo "$dir: files not in the manifest: $(comm -13 <(echo "$want") <(echo "$have"))" >&2; return 1; }
    ! ls -A "$dir" | grep -qE '\.(pdf|json)\.tmp-' || { echo "$dir: temporaries left" >&2; return 1; }
}

# a copy of the sample with another document number (other bytes in every
# PDF); every notice numbered (xã Bình Thành's is blank), so all can be filed
copy_sample() {
    mkdir -p "$2"
    cp "$DH"/*.csv "$2/"
    jq '(.units[] | select(.number == "")).number = "7"' "$DH/units.json" >"$2/units.json"
    jq --arg n "$1" '.document.number = $n' "$DH/report.json" >"$2/report.json"
}
copy_sample 96 "$tmp/a"
copy_sample 97 "$tmp/b"

# 5. An empty output directory name: a clear error, nothing read out of bounds.
"$BAOCAO" batch "$tmp/a/report.json" -o "" --quiet 2>"$tmp/err"
expect_eq "-o \"\": exit 1" "$?" 1
expect "-o \"\": says the name is empty" grep -qF '[out-dir]: the output directory name is empty' "$tmp/err"
"$BAOCAO" batch "$tmp/a/report.json" -o "$tmp/a/report.json" --quiet 2>"$tmp/err"
expect_eq "-o onto a file: exit 1" "$?" 1
expect "-o onto a file: not a directory" grep -qF '[out-dir]' "$tmp/err"

# 8. render: a directory where the sidecar goes leaves no PDF either.
mkdir -p "$tmp/r/x.meta.json"
"$BAOCAO" render "$tmp/a/report.json" -o "$tmp/r/x.pdf" --quiet 2>"$tmp/err"
expect_eq "render, sidecar blocked: exit 1" "$?" 1
expect "render, sidecar blocked: names the sidecar" grep -qF "$tmp/r/x.meta.json: cannot write" "$tmp/err"
expect_eq "render, sidecar blocked: no PDF, no temporary" "$(ls -A "$tmp/r")" "x.meta.json"
rmdir "$tmp/r/x.meta.json"
"$BAOCAO" render "$tmp/a/report.json" -o "$tmp/r/x.pdf" --quiet
expect_eq "render: PDF and sidecar" "$(ls -A "$tmp/r" | tr '\n' ' ')" "x.meta.json x.pdf "

out=$tmp/out
"$BAOCAO" batch "$tmp/a/report.json" -o "$out" --quiet 2>/dev/null
expect_eq "first run: exit 0" "$?" 0
expect "first run: folder matches the manifest" consistent "$out"
expect_eq "first run: 24 documents" "$(jq '.files | length' "$out/manifest.json")" 24

# 8. batch: a unit whose sidecar cannot be written fails with no PDF.
rm "$out/xa-bao-cuong.meta.json"
mkdir "$out/xa-bao-cuong.meta.json"
"$BAOCAO" batch "$tmp/a/report.json" -o "$out" --quiet 2>"$tmp/err"
expect_eq "sidecar blocked: exit 1" "$?" 1
expect "sidecar blocked: the unit is reported" grep -qF 'Xã Bảo Cường: ' "$tmp/err"
expect "sidecar blocked: no PDF for it" test ! -e "$out/xa-bao-cuong.pdf"
expect_eq "sidecar blocked: listed as failed" "$(jq -r '.failed[].unit' "$out/manifest.json")" "Xã Bảo Cường"
expect_eq "sidecar blocked: the others written" "$(jq '.files | length' "$out/manifest.json")" 23
rmdir "$out/xa-bao-cuong.meta.json"

# 9. A second batch into a folder another one holds is refused.
flock "$out/.baocao-batch.lock" "$BAOCAO" batch "$tmp/b/report.json" -o "$out" --quiet 2>"$tmp/err"
expect_eq "locked folder: exit 1" "$?" 1
expect "locked folder: says another batch is writing: $(cat "$tmp/err")" \
    grep -qF "[batch-busy]: $out: another batch is writing into this directory" "$tmp/err"
expect "locked folder: nothing changed" consistent "$out"

# 11. Units renamed or removed leave nothing behind.
"$BAOCAO" batch "$tmp/a/report.json" -o "$out" --quiet 2>/dev/null
copy_sample 96 "$tmp/c"
sed -i 's/Xã Bảo Cường/Xã Bảo Cường Mới/g; /^"\?Xã Bảo Linh/d' "$tmp"/c/*.csv
sed -i 's/Xã Bảo Cường/Xã Bảo Cường Mới/g' "$tmp/c/units.json"
jq 'del(.units[] | select(.unit == "Xã Bảo Linh"))' "$tmp/c/units.json" >"$tmp/u" && mv "$tmp/u" "$tmp/c/units.json"
"$BAOCAO" batch "$tmp/c/report.json" -o "$out" --quiet 2>"$tmp/err"
expect_eq "renamed units: exit 0 ($(cat "$tmp/err"))" "$?" 0
expect "renamed units: the new name is there" test -f "$out/xa-bao-cuong-moi.pdf"
expect "renamed units: the old names are gone" test ! -e "$out/xa-bao-cuong.pdf" -a ! -e "$out/xa-bao-linh.pdf" \
    -a ! -e "$out/xa-bao-cuong.meta.json" -a ! -e "$out/xa-bao-linh.meta.json"
expect "renamed units: folder matches the manifest" consistent "$out"

# 11. archive DIR files only what the manifest lists.
"$BAOCAO" render "$tmp/b/report.json" -o "$out/x.pdf" --quiet   # not the batch's
"$BAOCAO" archive "$out" --to-dir "$tmp/filed" >"$tmp/log" 2>&1
expect_eq "archive of the batch folder: exit 0 ($(tail -1 "$tmp/log"))" "$?" 0
expect_eq "archive: only the manifest's documents" "$(grep -c '^stored .*\.pdf$' "$tmp/log")" \
    "$(jq '.files | length' "$out/manifest.json")"
rm "$out/x.pdf" "$out/x.meta.json"

# 10. SIGKILL mid-run: the folder still matches its manifest (or says it is
# incomplete); the next run completes it and removes every leftover.
"$BAOCAO" batch "$tmp/a/report.json" -o "$out" --quiet 2>/dev/null
touch "$tmp/marker"
sleep 1   # file times strictly after the marker's
"$BAOCAO" batch "$tmp/b/report.json" -o "$out" --quiet --jobs 1 2>/dev/null &
pid=$!
for i in $(seq 600); do
    [ -n "$(find "$out" -name '*.pdf' -newer "$tmp/marker" | head -1)" ] && break
    sleep 0.05
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
expect "killed run: a new PDF had been written before the kill" \
    test -n "$(find "$out" -name '*.pdf' -newer "$tmp/marker" | head -1)"
expect "killed run: folder matches the manifest" consistent "$out"
printf 'junk' >"$out/old.pdf.tmp-ABC123"
printf 'junk' >"$out/manifest.json.tmp-ABC123"
printf 'mine' >"$out/notes.tmp-1"   # not the batch's: kept
mkdir -p "$out/.staging-XYZ123" && printf 'junk' >"$out/.staging-XYZ123/a.pdf"
"$BAOCAO" batch "$tmp/b/report.json" -o "$out" --quiet 2>/dev/null
expect_eq "after the kill: re-run exits 0" "$?" 0
expect "after the kill: folder matches the manifest" consistent "$out"
expect_eq "after the kill: no staging folder or temporary left" \
    "$(ls -A "$out" | grep -cE '^\.staging-|\.(pdf|json)\.tmp-')" 0
expect_eq "after the kill: a file not the batch's kept" "$(cat "$out/notes.tmp-1")" "mine"
rm "$out/notes.tmp-1"
expect_eq "after the kill: the new run's number" "$(jq -r '.files[0].code' "$out/manifest.json")" "97/BC-UBND"

# 10. A run stopped between moving the manifest aside and writing the new
# one (made by hand: its documents half moved in): archive refuses the
# folder, the next run removes what the old manifest listed and it does not make.
mkdir "$out/.staging-kill01"
mv "$out/manifest.json" "$out/.staging-kill01/manifest.previous"
jq '.files[0].path = "gone.pdf" | .files[0].sidecar = "gone.meta.json"' \
    "$out/.staging-kill01/manifest.previous" >"$tmp/m" && mv "$tmp/m" "$out/.staging-kill01/manifest.previous"
printf 'old' >"$out/gone.pdf"; printf 'old' >"$out/gone.meta.json"
"$BAOCAO" archive "$out" --to-dir "$tmp/filed2" >"$tmp/log" 2>&1
expect_eq "incomplete folder: archive exits 1" "$?" 1
expect "incomplete folder: archive says why" grep -qF '[archive-incomplete]' "$tmp/log"
"$BAOCAO" batch "$tmp/b/report.json" -o "$out" --quiet 2>/dev/null
expect "incomplete folder: the re-run removes what only the old manifest listed" \
    test ! -e "$out/gone.pdf" -a ! -e "$out/gone.meta.json"
expect "incomplete folder: then matches its manifest" consistent "$out"
expect_eq "incomplete folder: no staging folder left" "$(ls -A "$out" | grep -c '^\.staging-')" 0

# A manifest that names a file outside its folder is refused, by batch and archive.
jq '.files[0].path = "../escape.pdf"' "$out/manifest.json" >"$tmp/m" && cp "$tmp/m" "$out/manifest.json"
"$BAOCAO" archive "$out" --to-dir "$tmp/filed3" >"$tmp/log" 2>&1
expect_eq "manifest naming ../: archive exits 1" "$?" 1
expect "manifest naming ../: [manifest]" grep -qF '"../escape.pdf" is not a file name of this directory' "$tmp/log"

finish
