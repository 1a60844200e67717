#!/usr/bin/env python3
"""Generates the data of huyện Định Hóa (Thái Nguyên), tháng 02/2024: the QĐ 766
axis scores of its 23 communes for 01/2024 and 02/2024, the statistics of the
notices' Phụ lục I and II, and each commune's notice metadata (units.json).
Run once; the files are committed.

Bình Thành carries seed 001's real values (axes as printed, totals as the
portal printed them: 86,02 and 81,96, which do not equal the sums of the
axes; the statistics with the counts behind the printed rates). The other 22
communes are invented but plausible, placed so that Bình Thành ranks 08/23
in February and 22/23 in January, as the seed says."""
import json
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

def unit_name(c):
    return c if c.startswith("Thị trấn") else "Xã " + c

others = [c for c in COMMUNES if c != "Bình Thành"]
plan = {"02": totals(7, 86.02, 22), "01": totals(21, 81.96, 22)}
for month, tot in plan.items():
    with open(f"scores-2024-{month}.csv", "w") as f:
        f.write("unit," + ",".join(AXES) + ",total\n")
        it = iter(tot)
        for c in COMMUNES:
            if c == "Bình Thành":
                vals, total = REAL[month]
            else:
                t = next(it)
                vals, total = axes_for(t), None
            cells = [("%g" % v) for v in vals]
            f.write(unit_name(c) + "," + ",".join(cells) + "," + (total or "") + "\n")

# ---- statistics of Phụ lục I and II -----------------------------------------
# (appendix, stt, label, kind); kinds: section, heading, count (a count, with
# its base in *_total when it has a rate), ratio (printed n/N), rate (a
# percentage given by the portal), score (filled in from the scores).
ROWS = [
    ("I", "I", "Công khai, minh bạch", "section"),
    ("I", "1.1", "Số TTHC công khai trên Cổng DVC quốc gia/tổng số TTHC", "ratio"),
    ("I", "1.2", "Số hồ sơ tiếp nhận đã đồng bộ", "heading"),
    ("I", "a)", "Hồ sơ đã đồng bộ", "count"),
    ("I", "b)", "Hồ sơ chưa đồng bộ", "count"),
    ("I", "II", "Tiến độ giải quyết", "section"),
    ("I", "2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "rate"),
    ("I", "2.2", "Tỷ lệ hồ sơ giải quyết quá hạn (chi tiết tại Phụ lục II)", "rate"),
    ("I", "III", "Dịch vụ công trực tuyến", "section"),
    ("I", "3.1", "TTHC cung cấp DVCTT một phần", "count"),
    ("I", "3.2", "TTHC cung cấp DVCTT toàn trình", "count"),
    ("I", "3.3", "Còn lại", "count"),
    ("I", "3.4", "Tỷ lệ nộp hồ sơ trực tuyến (chi tiết tại Phụ lục II)", "heading"),
    ("I", "a)", "Hồ sơ nộp trực tuyến", "rate"),
    ("I", "b)", "Hồ sơ nộp trực tiếp và theo hình thức khác", "rate"),
    ("I", "3.5", "Kết quả xử lý hồ sơ nộp trực tuyến với hồ sơ đang xử lý", "heading"),
    ("I", "a)", "Hồ sơ xử lý đúng hạn", "rate"),
    ("I", "b)", "Hồ sơ xử lý quá hạn", "rate"),
    ("I", "3.6", "Tỷ lệ DVC trực tuyến có phát sinh hồ sơ", "rate"),
    ("I", "3.7", "Số lượng tăng trưởng DVC trực tuyến", "count"),
    ("I", "IV", "Thanh toán trực tuyến", "section"),
    ("I", "4.1", "Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính cung cấp trên Cổng dịch vụ công quốc gia", "heading"),
    ("I", "a)", "Cung cấp trên Cổng DVC quốc gia", "count"),
    ("I", "b)", "Chưa tích hợp, cung cấp dịch vụ thanh toán trực tuyến", "count"),
    ("I", "4.2", "Tỷ lệ hồ sơ thanh toán trực tuyến", "heading"),
    ("I", "a)", "Thanh toán trực tuyến", "count"),
    ("I", "b)", "Thanh toán trực tiếp và hình thức khác", "count"),
    ("I", "4.3", "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", "heading"),
    ("I", "a)", "Thanh toán trực tuyến", "count"),
    ("I", "b)", "Thanh toán trực tiếp và hình thức khác", "count"),
    ("I", "V", "Mức độ hài lòng", "section"),
    ("I", "5.1", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", "rate"),
    ("I", "5.2", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", "rate"),
    ("I", "5.3", "Tỷ lệ xử lý phản ánh, kiến nghị theo phân loại", "heading"),
    ("I", "a)", "Kiến nghị về những vướng mắc, bất cập về quy định hành chính", "rate"),
    ("I", "b)", "Phản ánh về hành vi của cán bộ, công chức, viên chức", "rate"),
    ("I", "VI", "Số hóa kết quả hồ sơ TTHC", "section"),
    ("I", "6.1", "Tỷ lệ hồ sơ, kết quả TTHC được số hóa", "rate"),
    ("I", "6.2", "Tỷ lệ hồ sơ được cấp kết quả điện tử", "rate"),
    ("I", "6.3", "Số lượng tài khoản Cổng DVC quốc gia được xác thực với cơ sở dữ liệu quốc gia về dân cư", "count"),
    ("I", "6.4", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa", "count"),
    ("I", "VII", "Điểm tổng hợp và xếp hạng", "score"),
    ("II", "1", "Số lượng hồ sơ quá hạn", "heading"),
    ("II", "a)", "Trên Cổng Dịch vụ công quốc gia", "count"),
    ("II", "b)", "Trên Hệ thống thông tin giải quyết TTHC tỉnh Thái Nguyên", "count"),
    ("II", "2", "Tỷ lệ nộp hồ sơ trực tuyến", "rate"),
    ("II", "3", "Chứng thực điện tử bản sao từ bản chính", "heading"),
    ("II", "a)", "Đã triển khai", "ratio"),
    ("II", "b)", "Số lượng hoàn thành", "count"),
    ("II", "4", "Tỷ lệ hồ sơ TTHC số hóa hồ sơ, kết quả giải quyết TTHC", "rate"),
]

# Seed 001's figures: (prev, prev_total, now, now_total) per row, in ROWS order
# for the rows that carry values; totals of the a)/b) pairs are their sums.
BT = {
    ("I", "1.1"): (1764, 1764, 1731, 1731),
    ("I", "1.2a)"): (3863, 5454, 68, 104), ("I", "1.2b)"): (1591, 5454, 36, 104),
    ("I", "2.1"): (96.91, "", 100, ""), ("I", "2.2"): (3.09, "", 0, ""),
    ("I", "3.1"): (3, 168, 3, 159), ("I", "3.2"): (4, 168, 4, 159), ("I", "3.3"): (161, 168, 152, 159),
    ("I", "3.4a)"): (99.3, "", 100, ""), ("I", "3.4b)"): (0.7, "", 0, ""),
    ("I", "3.5a)"): (98.63, "", 100, ""), ("I", "3.5b)"): (1.37, "", 0, ""),
    ("I", "3.6"): (13.9, "", 9.8, ""), ("I", "3.7"): (983, "", 983, ""),
    ("I", "4.1a)"): (13, 13, 14, 14), ("I", "4.1b)"): (0, 13, 0, 14),
    ("I", "4.2a)"): (2955, 3152, 2588, 2740), ("I", "4.2b)"): (197, 3152, 152, 2740),
    ("I", "4.3a)"): (105, 177, 92, 164), ("I", "4.3b)"): (72, 177, 72, 164),
    ("I", "5.1"): (100, "", 100, ""), ("I", "5.2"): (100, "", 100, ""),
    ("I", "5.3a)"): ("", "", "", ""), ("I", "5.3b)"): ("", "", "", ""),
    ("I", "6.1"): (99.29, "", 100, ""), ("I", "6.2"): (100, "", 100, ""),
    ("I", "6.3"): (837873, "", 855589, ""), ("I", "6.4"): (135, 141, 173, 173),
    ("II", "1a)"): ("-", "", "-", ""), ("II", "1b)"): (0, "", 0, ""),
    ("II", "2"): (99.3, "", 100, ""),
    ("II", "3a)"): (1, 1, 1, 1), ("II", "3b)"): (2082, "", 2206, ""),
    ("II", "4"): (91.40, "", 91.40, ""),
}

def rate(lo, hi):
    return round(rng.uniform(lo, hi), 2)

def invented():
    """Plausible figures for a commune, consistent within each row group."""
    v = {}
    n_tthc = rng.randint(1650, 1800)
    v["1.1"] = (n_tthc, n_tthc, n_tthc - rng.randint(0, 40), n_tthc - rng.randint(0, 40))
    v["1.1"] = (v["1.1"][0], v["1.1"][0], v["1.1"][2], v["1.1"][2])
    for key, lo, hi in (("1.2", 40, 6000), ("4.2", 50, 3500), ("4.3", 60, 200)):
        p_tot, n_tot = rng.randint(lo, hi), rng.randint(lo, hi)
        pa, na = round(p_tot * rng.uniform(0.55, 0.98)), round(n_tot * rng.uniform(0.55, 0.98))
        v[key + "a)"] = (pa, p_tot, na, n_tot)
        v[key + "b)"] = (p_tot - pa, p_tot, n_tot - na, n_tot)
    ontime = (rate(90, 100), rate(92, 100))
    v["2.1"] = (ontime[0], "", ontime[1], "")
    v["2.2"] = (round(100 - ontime[0], 2), "", round(100 - ontime[1], 2), "")
    p_tot, n_tot = rng.randint(150, 175), rng.randint(150, 175)
    p1, n1, p2, n2 = rng.randint(1, 6), rng.randint(1, 6), rng.randint(2, 8), rng.randint(2, 8)
    v["3.1"], v["3.2"] = (p1, p_tot, n1, n_tot), (p2, p_tot, n2, n_tot)
    v["3.3"] = (p_tot - p1 - p2, p_tot, n_tot - n1 - n2, n_tot)
    for key in ("3.4", "3.5"):
        a = (rate(95, 100), rate(95, 100))
        v[key + "a)"] = (a[0], "", a[1], "")
        v[key + "b)"] = (round(100 - a[0], 2), "", round(100 - a[1], 2), "")
    v["3.6"] = (rate(5, 20), "", rate(5, 20), "")
    g = rng.randint(600, 1200)
    v["3.7"] = (g, "", g + rng.randint(0, 30), "")
    f_prev, f_now = rng.randint(10, 15), rng.randint(10, 15)
    v["4.1a)"], v["4.1b)"] = (f_prev, f_prev, f_now, f_now), (0, f_prev, 0, f_now)
    v["5.1"], v["5.2"] = (100, "", 100, ""), (100, "", rate(97, 100), "")
    v["5.3a)"], v["5.3b)"] = ("", "", "", ""), ("", "", "", "")
    v["6.1"], v["6.2"] = (rate(90, 100), "", rate(92, 100), ""), (100, "", 100, "")
    acc = rng.randint(300000, 900000)
    v["6.3"] = (acc, "", acc + rng.randint(1000, 20000), "")
    pt, nt = rng.randint(100, 200), rng.randint(100, 200)
    v["6.4"] = (pt - rng.randint(0, 8), pt, nt - rng.randint(0, 5), nt)
    od = rng.randint(0, 3)
    v["II1a)"], v["II1b)"] = ("-", "", "-", ""), (od, "", rng.randint(0, 3), "")
    v["II2"] = v["3.4a)"]
    v["II3a)"], v["II3b)"] = (1, 1, 1, 1), (c := rng.randint(800, 2500), "", c + rng.randint(20, 200), "")
    d = rate(85, 100)
    v["II4"] = (d, "", round(min(100, d + rng.uniform(0, 3)), 2), "")
    return v

def fmt(x):
    return "" if x == "" else ("%g" % x if isinstance(x, (int, float)) else x)

with open("statistics-2024-02.csv", "w") as f:
    f.write("unit,appendix,stt,label,kind,prev,prev_total,now,now_total\n")
    for c in COMMUNES:
        inv = None if c == "Bình Thành" else invented()
        parent = ""
        for app, stt, label, kind in ROWS:
            if not stt.endswith(")"):
                parent = stt
            key = parent + stt if stt.endswith(")") else stt
            vals = ("", "", "", "")
            if kind not in ("section", "heading", "score"):
                vals = BT[(app, key)] if inv is None else inv[key if app == "I" else "II" + key]
            lab = '"%s"' % label if "," in label else label
            f.write(",".join([unit_name(c), app, stt, lab, kind] + [fmt(x) for x in vals]) + "\n")

# ---- who issues each notice ---------------------------------------------------
SIGNERS = ["Nông Văn Hùng", "Ma Thị Hạnh", "Hoàng Văn Toản", "Ma Khánh Sơn", "Lường Văn Dũng",
           "Đào Thị Thu", "Ma Đình Quân", "Nguyễn Văn Hải", "Trần Thị Huyền", "Hà Văn Tuấn",
           "Ma Văn Chiến", "Lý Thị Mai", "Hoàng Thị Lan", "Dương Văn Thắng", "Phạm Văn Long",
           "Mạc Thị Hương", "Ngô Văn Sơn", "La Văn Bình", "Đinh Thị Nga", "Tạ Văn Hòa",
           "Bế Văn Quang", "Ma Thị Thúy", "Triệu Văn Kiên"]
units = []
for i, c in enumerate(COMMUNES):
    town = c.startswith("Thị trấn")
    kind = "thị trấn" if town else "xã"
    place = c[len("Thị trấn "):] if town else c
    locality = f"{kind} {place}"
    units.append({
        "unit": unit_name(c),
        "agency": ["ỦY BAN NHÂN DÂN", locality.upper()],
        "name": f"UBND {locality}",
        "full_name": f"Ủy ban nhân dân {locality}",
        "locality": locality,
        "place": place,
        "number": "" if c == "Bình Thành" else str(rng.randint(20, 160)),
        "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": SIGNERS[i],
                   "position": "Chủ tịch"},
        "addressees": ["Các cơ quan đơn vị đóng trên địa bàn " + kind,
                       "Các bộ phận chuyên môn thuộc UBND " + kind,
                       ("%d xóm" % (14 if c == "Bình Thành" else rng.randint(8, 24))) if not town
                       else "%d tổ dân phố" % rng.randint(8, 14)],
    })
with open("units.json", "w") as f:
    json.dump({"units": units}, f, ensure_ascii=False, indent=1)
    f.write("\n")
