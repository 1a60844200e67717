#!/usr/bin/env bash
# Signs a rendered report into its empty field ChuKyNguoiKy with an independent
# signer (poppler's pdfsig, a throw-away self-signed NSS certificate made by
# certutil) and checks that the signature is valid, covers the whole file, and
# that the signer only appended: the original is a byte prefix of the result.
set -u
. "$(dirname "$0")/lib.sh"

nss="$tmp/nss"
make_signer "$nss"
expect "certutil made the signing certificate" sh -c "pdfsig -nssdir 'sql:$nss' -list-nicks /dev/null 2>/dev/null | grep -qx baocao-test"

for sample in muong-lay-2024-11 huyen-dien-bien-2023-07; do
    for level in 1b 2b; do
        pdf="$tmp/$sample-$level.pdf" signed="$tmp/$sample-$level-signed.pdf"
        expect "$sample $level renders" "$BAOCAO" render "$SRC/samples/$sample/report.json" -o "$pdf" \
            --pdfa "$level" --quiet --no-sidecar
        [ -s "$pdf" ] || continue
        expect "$sample $level: field ChuKyNguoiKy exists unsigned" sh -c \
            "pdfsig '$pdf' 2>/dev/null | grep -A1 'Field Name: ChuKyNguoiKy' | grep -q 'not signed'"
        # (pdfsig 22.12 prints a harmless "NSS_Shutdown failed" after signing.)
        expect "$sample $level: pdfsig signs into ChuKyNguoiKy" sh -c "pdfsig -nssdir 'sql:$nss' \
            -sign ChuKyNguoiKy -nick baocao-test -reason 'kiểm thử' '$pdf' '$signed' 2>'$tmp/sign.err'"
        [ -s "$signed" ] || continue
        pdfsig -nssdir "sql:$nss" "$signed" >"$tmp/report.txt" 2>/dev/null
        # The first signature listed is the one in ChuKyNguoiKy.
        awk '/^Signature #1:/,/^Signature #2:/' "$tmp/report.txt" >"$tmp/sig1.txt"
        expect "$sample $level: signed field is ChuKyNguoiKy" has "$tmp/sig1.txt" "Signature Field Name: ChuKyNguoiKy"
        expect "$sample $level: signature valid" has "$tmp/sig1.txt" "Signature Validation: Signature is Valid."
        expect "$sample $level: whole document signed" has "$tmp/sig1.txt" "Total document signed"
        # Signed ranges [0 - a], [b - end]: from the first byte to the last.
        size=$(stat -c %s "$signed")
        ranges=$(sed -n 's/.*Signed Ranges: \[\([0-9]*\) - [0-9]*\], \[[0-9]* - \([0-9]*\)\].*/\1 \2/p' "$tmp/sig1.txt")
        expect_eq "$sample $level: signed ranges span the file" "$ranges" "0 $size"
        expect "$sample $level: seal field DauCoQuan still unsigned" sh -c \
            "grep -A1 'Field Name: DauCoQuan' '$tmp/report.txt' | grep -q 'not signed'"
        orig=$(stat -c %s "$pdf")
        expect "$sample $level: signer appended ($orig < $size bytes)" test "$orig" -lt "$size"
        expect "$sample $level: original is an unchanged prefix of the signed file" \
            cmp -s -n "$orig" "$pdf" "$signed"
        expect "$sample $level: signed file passes qpdf --check" sh -c "qpdf --check '$signed' >/dev/null 2>&1"
    done
done
finish
