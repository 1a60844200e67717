#!/usr/bin/env python3
"""Generates the QĐ 766 axis scores of the 23 communes of huyện Định Hóa
(Thái Nguyên) for 01/2024 and 02/2024. Run once; the CSVs are committed.

Bình Thành carries seed 001's real values (axes as printed, totals as the
portal printed them: 86,02 and 81,96, which do not equal the sums of the
axes). The other 22 communes are invented but plausible, placed so that
Bình Thành ranks 08/23 in February and 22/23 in January, as the seed says."""
import random

COMMUNES = ["Thị trấn Chợ Chu", "Bảo Cường", "Bảo Linh", "Bình Thành", "Bình Yên", "Bộc Nhiêu",
            "Điềm Mặc", "Định Biên", "Đồng Thịnh", "Kim Phượng", "Lam Vỹ", "Linh Thông",
            "Phú Đình", "Phú Tiến", "Phúc Chu", "Phượng Tiến", "Quy Kỳ", "Sơn Phú", "Tân Dương",
            "Tân Thịnh", "Thanh Định", "Trung Hội", "Trung Lương"]
AXES = ["cong_khai", "tien_do", "dvctt", "thanh_toan", "hai_long", "so_hoa"]
MAX = [18, 20, 12, 10, 18, 22]
REAL = {"02": ([11.8, 20, 6.9, 10, 18, 20.1], "86.02"), "01": ([8, 19.1, 7.2, 9.9, 18, 20.1], "81.96")}

rng = random.Random(766)

def axes_for(total):
    """Six axis scores (one decimal, within their maxima) adding up to total."""
    while True:
        shares = [m * rng.uniform(0.55, 1.0) for m in MAX]
        k = total / sum(shares)
        tenths = [min(m * 10, round(s * k * 10)) for s, m in zip(shares, MAX)]
        diff = round(total * 10) - sum(tenths)
        for i in range(6):      # settle the rounding remainder in 0.1 steps
            step = max(-tenths[i], min(diff, MAX[i] * 10 - tenths[i]))
            tenths[i] += step
            diff -= step
        if diff == 0:
            return [t / 10 for t in tenths]

def totals(n_above, bt, n):
    """n totals: n_above strictly above bt, the rest below, one decimal."""
    hi = [round(rng.uniform(bt + 0.3, 96), 1) for _ in range(n_above)]
    lo = [round(rng.uniform(68, bt - 0.3), 1) for _ in range(n - n_above)]
    t = hi + lo
    rng.shuffle(t)
    return t

others = [c for c in COMMUNES if c != "Bình Thành"]
plan = {"02": totals(7, 86.02, 22), "01": totals(21, 81.96, 22)}
for month, tot in plan.items():
    with open(f"scores-2024-{month}.csv", "w") as f:
        f.write("unit," + ",".join(AXES) + ",total\n")
        it = iter(tot)
        for c in COMMUNES:
            name = c if c.startswith("Thị trấn") else "Xã " + c
            if c == "Bình Thành":
                vals, total = REAL[month]
            else:
                t = next(it)
                vals, total = axes_for(t), None
            cells = [("%g" % v) for v in vals]
            f.write(name + "," + ",".join(cells) + "," + (total or "") + "\n")
