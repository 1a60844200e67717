#!/bin/bash
# scale.sh — a province-sized dataset: 10,000 units (100 in section I, the
# rest in II) made here with awk, scored and rendered. Peak memory is measured
# by hand (README, "Scale"); this checks that both finish and that the table
# has every unit and a plausible number of pages.
set -u
. "$(dirname "$0")/lib.sh"

N=10000
cp "$SRC/samples/huyen-dien-bien-2023-07/report.json" "$tmp/"
# The sample's long_names and expected counts are about its own 26 units.
sed -i -e '/"long_names"/,/}/d' -e 's/, "expected": [0-9]*//' "$tmp/report.json"
awk -v n=$N 'BEGIN {
    srand(7)
    print "unit,section,cong_khai.cs1,cong_khai.cs2,cong_khai.cs3,tien_do,dvctt.cs1,dvctt.cs2,so_hoa.cs1,so_hoa.cs2,hai_long.cs1,hai_long.cs2,hai_long.cs3"
    for (i = 1; i <= n; i++)
        printf "UBND xã Số %d,%s,-,%.2f,-,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f\n", i, i <= 100 ? "I" : "II",
            rand() * 5, rand() * 30, rand() * 10, rand() * 10, rand() * 5, rand() * 10, rand() * 5, rand() * 5, rand() * 5
}' >"$tmp/scores.csv"

"$BAOCAO" score --csv "$tmp/report.json" >"$tmp/table.csv" 2>"$tmp/err"
expect_eq "score: exit status ($(head -c 300 "$tmp/err"))" "$?" 0
expect_eq "score: one row per unit" "$(($(wc -l <"$tmp/table.csv") - 1))" $N
expect "score: the last unit is there" grep -q ",UBND xã Số $N," "$tmp/table.csv"
expect_eq "score: ranks run from 1 to at most $N" \
    "$(awk "$AWK_CSV"'NR == 1 { n = csv_split($0, h); for (i = 1; i <= n; i++) if (h[i] == "rank") c = i; next }
        { csv_split($0, f); r = f[c] + 0; if (r < 1 || r > '$N') bad++; if (r == 1) one++ }
        END { print (bad ? "out of range" : "ok") (one ? "" : ", no rank 1") }' "$tmp/table.csv")" ok

"$BAOCAO" render "$tmp/report.json" -o "$tmp/big.pdf" --quiet 2>"$tmp/err"
expect_eq "render: exit status ($(head -c 300 "$tmp/err"))" "$?" 0
pages=$(pdfinfo "$tmp/big.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
# The appendix holds 10 to 40 units a landscape page.
expect "render: $pages pages for $N units" test "${pages:-0}" -ge $((N / 40)) -a "${pages:-0}" -le $((N / 10 + 10))
pdftotext -f "$pages" -l "$pages" "$tmp/big.pdf" "$tmp/last.txt"
expect "render: the last page has the last unit" has "$tmp/last.txt" "UBND xã Số $N"

finish
