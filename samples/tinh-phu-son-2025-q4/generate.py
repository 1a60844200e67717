#!/usr/bin/env python3
"""Generates the illustrative data of tỉnh Phú Sơn (an invented province under
the two-level local government in force from 1 July 2025: the province and its
communes, wards and special zones, no district level): the QĐ 766 axis scores
of its 100 units (78 xã, 20 phường, 2 đặc khu) for Quý III and Quý IV năm 2025.
The names and figures are invented. Run once; the files are committed."""
import random

FIRST = ["An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Mỹ", "Hưng", "Thuận", "Phước", "Vĩnh",
         "Quang", "Minh", "Đức", "Xuân", "Trung", "Đông", "Lâm", "Hải"]
SECOND = ["Lộc", "Thịnh", "Sơn", "Hiệp", "Thành", "Cường", "Phong", "Tiến", "Lợi", "Khánh", "Điền",
          "Yên", "Định", "Nghĩa", "Hà"]
AXES = ["cong_khai", "tien_do", "dvctt", "thanh_toan", "hai_long", "so_hoa"]
MAX = [18, 20, 12, 10, 18, 22]

rng = random.Random(2025)
pairs = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
rng.shuffle(pairs)
communes = ["Xã " + p for p in pairs[:78]]
wards = ["Phường " + p for p in pairs[78:98]]
zones = ["Đặc khu Hòn Ngọc", "Đặc khu Cồn Mây"]
units = wards + communes + zones

def axes(level):
    """Six axis scores (one decimal, within their maxima) around a share of the maxima."""
    out = []
    for i, m in enumerate(MAX):
        # Most units settle their files on time: the tiến độ axis is often full.
        share = min(1.0, max(0.0, rng.gauss(level + (0.2 if i == 1 else 0), 0.08)))
        out.append(round(m * share, 1))
    return out

def quarter(path, levels):
    with open(path, "w") as f:
        f.write("Tên đơn vị," + ",".join(AXES) + ",Ghi chú\n")
        for u in units:
            v = axes(levels[u])
            cells = ["%g" % x for x in v]
            # The special zones have no online payment of fees this year.
            if u.startswith("Đặc khu"):
                cells[3] = "-"
            # Fourteen communes had no online payment at all (0 points).
            if u in communes[10:24]:
                cells[3] = "0"
            note = "Đơn vị mới thành lập từ 01/7/2025" if u == zones[1] else ""
            f.write(u + "," + ",".join(cells) + "," + note + "\n")

levels = {u: rng.uniform(0.62, 0.97) for u in units}
quarter("scores-2025-q3.csv", levels)
levels = {u: min(0.99, lv + rng.uniform(-0.06, 0.1)) for u, lv in levels.items()}
quarter("scores-2025-q4.csv", levels)
