#!/usr/bin/env python3
"""gen.py BAOCAO.txt OUTDIR — writes report.fodt (LibreOffice) and
report.html (WeasyPrint, wkhtmltopdf): the seed 003 report that baocao
renders from samples/huyen-dien-bien-2023-07, in the same Tinos font, A4
portrait body and A4 landscape appendix. The body paragraphs are taken from
`pdftotext -layout` of baocao's PDF (BAOCAO.txt), so the peers follow the
template as it changes; header, closing and the appendix table are the
seed's. One content description, two renderings."""
import html
import os
import re
import sys

HEAD_LEFT = ["ỦY BAN NHÂN DÂN", "<b>HUYỆN ĐIỆN BIÊN</b>", "Số: 405/BC-UBND"]
HEAD_RIGHT = ["<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", "<b>Độc lập - Tự do - Hạnh phúc</b>",
              "<i>Điện Biên, ngày 17 tháng 8 năm 2023</i>"]
TITLE = ["BÁO CÁO", "Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện "
         "thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử huyện "
         "Điện Biên tháng 7 năm 2023"]
RECIPIENTS = ["<b><i>Nơi nhận:</i></b>", "- Văn phòng UBND tỉnh;", "- Lãnh đạo UBND huyện;",
              "- Các phòng, ban, cơ quan, đơn vị huyện;", "- UBND các xã thuộc huyện;", "- Lưu: VT."]
SIGNER = ["<b>TM. ỦY BAN NHÂN DÂN</b>", "<b>CHỦ TỊCH</b>", "", "", "", "", "<b>Bùi Hải Bình</b>"]
APPENDIX = ["<b>Phụ lục</b>",
            "<b>KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP TRONG GIẢI "
            "QUYẾT TTHC, DVC THEO THỜI GIAN THỰC TRÊN MÔI TRƯỜNG ĐIỆN TỬ HUYỆN ĐIỆN BIÊN THÁNG 7 "
            "NĂM 2023</b>",
            "<i>(Kèm theo Báo cáo số 405/BC-UBND ngày 17 tháng 8 năm 2023 của UBND huyện Điện Biên)</i>"]
NOTE = ("<i>Lưu ý: Các chỉ số đánh giá bởi dấu (-) là nhiệm vụ các cơ quan, đơn vị, UBND các xã "
        "không phải thực hiện hoặc chưa đến thời điểm báo cáo./.</i>")
COLUMNS = ["STT", "TÊN ĐƠN VỊ", "Công khai Chỉ số 1 (5đ)", "Công khai Chỉ số 2 (5đ)",
           "Công khai Chỉ số 3 (10đ)", "Tiến độ, KQ giải quyết (30đ)", "DVCTT Chỉ số 1 (10đ)",
           "DVCTT Chỉ số 2 (10đ)", "Số hóa Chỉ số 1 (5đ)", "Số hóa Chỉ số 2 (10đ)",
           "Hài lòng Chỉ số 1 (5đ)", "Hài lòng Chỉ số 2 (5đ)", "Hài lòng Chỉ số 3 (5đ)",
           "TỔNG ĐIỂM ĐẠT ĐƯỢC", "TỔNG ĐIỂM QUY ĐỔI", "XẾP LOẠI"]
WIDTHS_MM = [10, 48, 14, 14, 14, 17, 14, 14, 14, 14, 14, 14, 14, 20, 17, 20]
S = "- 4,81 -"
ROWS = [
    ("I", "CÁC CƠ QUAN CHUYÊN MÔN THUỘC HUYỆN"),
    ("1", "Trung tâm QLĐĐ", S, "23,45 5,16 5,6 1,26 5,33 5 5 3,33 58,94/85 69,34", "Trung bình"),
    ("2", "Phòng Tư pháp", S, "28,24 8,32 7,18 0,25 8,32 5 5 3,33 70,45/85 82,88", "Tốt"),
    ("3", "Phòng Nội vụ", S, "13,96 - - 0 4,05 5 5 3,33 36,15/65 55,62", "Trung bình"),
    ("4", "Phòng Lao động - Thương binh và Xã hội", S, "30 10 - 1,66 10 5 5 3,33 69,8/75 93,07",
     "Xuất sắc"),
    ("5", "Phòng Kinh tế và Hạ tầng", S, "30 10 10 5 10 5 5 3,33 83,14/85 97,81", "Xuất sắc"),
    ("II", "UBND CÁC XÃ"),
    ("1", "UBND xã Hua Thanh", S, "30 10 0 0 0,7 5 5 5 60,51/85 71,19", "Khá"),
    ("2", "UBND xã Hẹ Muông", S, "30 10 0 0 0,4 5 5 5 60,21/85 70,84", "Khá"),
    ("3", "UBND xã Mường Lói", S, "0 0 0 0 0 5 5 5 19,81/85 23,31", "Yếu"),
    ("4", "UBND xã Mường Nhà", S, "30 10 3,48 5 2,6 5 5 5 70,89/85 83,40", "Tốt"),
    ("5", "UBND xã Mường Pồn", S, "30 10 0 4,93 8 5 5 5 72,74/85 85,58", "Tốt"),
    ("6", "UBND xã Na Tông", S, "0 0 0 0 0 5 5 5 19,81/85 23,31", "Yếu"),
    ("7", "UBND xã Na Ư", S, "30 10 0 1 1,7 5 5 5 62,51/85 73,54", "Khá"),
    ("8", "UBND xã Noong Hẹt", S, "26,67 10 5,39 3,5 1 5 5 5 66,37/85 78,08", "Khá"),
    ("9", "UBND xã Noong Luống", S, "30 10 0 5 1 5 5 5 65,81/85 77,42", "Khá"),
    ("10", "UBND xã Núa Ngam", S, "29,71 10 4,81 4,79 10 5 5 5 79,12/85 93,08", "Xuất sắc"),
    ("11", "UBND xã Pa Thơm", S, "30 10 1,5 4,76 2,1 5 5 5 68,17/85 80,20", "Tốt"),
    ("12", "UBND xã Phu Luông", S, "30 10 0 5 0,4 5 5 5 65,21/85 76,72", "Khá"),
    ("13", "UBND xã Pom Lót", S, "30 9,41 2,12 4,33 3,6 5 5 5 69,27/85 81,49", "Tốt"),
    ("14", "UBND xã Sam Mứn", S, "30 10 6,67 4,17 1,2 5 5 5 71,85/85 84,53", "Tốt"),
    ("15", "UBND xã Thanh An", S, "30 9,72 0,31 4,76 4,2 5 5 5 68,8/85 80,94", "Tốt"),
    ("16", "UBND xã Thanh Chăn", S, "30 10 0 4,84 3,1 5 5 5 67,75/85 79,71", "Khá"),
    ("17", "UBND xã Thanh Hưng", S, "29,06 10 0,61 4,12 3,4 5 5 5 67/85 78,82", "Khá"),
    ("18", "UBND xã Thanh Luông", S, "30 10 1,25 4,87 3,8 3,33 3,33 3,33 64,72/85 76,14", "Khá"),
    ("19", "UBND xã Thanh Nưa", S, "0 0 0 0 0 5 5 5 19,81/85 23,31", "Yếu"),
    ("20", "UBND xã Thanh Xương", S, "27,86 10 3,33 3,75 1,6 5 5 5 66,35/85 78,06", "Khá"),
    ("21", "UBND xã Thanh Yên", S, "29,66 10 0,12 1,73 8,8 5 5 5 70,12/85 82,49", "Tốt"),
]


def body_paragraphs(layout_text):
    """The body of baocao's report: the lines between the title (centred,
    deeply indented) and "Nơi nhận:". In pdftotext -layout output a
    paragraph's first line is indented and its other lines start at the
    margin; a line holding only a number is a page number."""
    out, state = [], "before"
    for line in layout_text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if text.startswith("Nơi nhận:"):
            break
        if state == "before":
            state = "title" if text == "BÁO CÁO" else state
            continue
        if state == "title":
            if not text or indent >= 10:
                continue
            state = "body"
        if not text or re.fullmatch(r"\d+", text):
            continue
        if indent >= 2 or not out:
            out.append(text)
        else:
            out[-1] += " " + text
    return out


def cells(row):
    """A table row as its list of cell texts; section rows have two."""
    if len(row) == 2:
        return list(row)
    return [row[0], row[1]] + row[2].split() + row[3].split() + [row[4]]


# ---- HTML (WeasyPrint, wkhtmltopdf) ----

CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@page appendix { size: A4 landscape; margin: 20mm 15mm 15mm 15mm; }
body { font-family: Tinos; font-size: 14pt; line-height: 1.15; margin: 0; }
p { margin: 0; }
.head { width: 100%; border-collapse: collapse; font-size: 13pt; }
.head td { text-align: center; vertical-align: top; padding: 0; }
.head td:first-child, .sign td:first-child { width: 65mm; }
.title { text-align: center; font-weight: bold; margin: 12pt 40pt; }
.body p { text-align: justify; text-indent: 1cm; margin-top: 6pt; }
.sign { width: 100%; margin-top: 12pt; }
.sign td { vertical-align: top; padding: 0; }
.rcp { font-size: 12pt; } .rcp p { font-size: 11pt; }
.signer { text-align: center; }
.appendix { page: appendix; page-break-before: always; text-align: center; }
.grid { border-collapse: collapse; table-layout: fixed; font-size: 10pt; margin: 6pt auto 0; }
.grid th, .grid td { border: 0.5pt solid black; padding: 1pt; text-align: center; }
.grid td.name { text-align: left; }
.grid thead { display: table-header-group; }
.grid tr { page-break-inside: avoid; }
.note { font-size: 12pt; text-align: left; margin-top: 6pt; }
"""


def lines(items):
    return "".join("<p>%s</p>" % (s or "&#160;") for s in items)


def write_html(path, body):
    esc = html.escape
    # CSS widths exclude padding and borders: 1 mm per column.
    head_cells = "".join("<th style='width:%dmm'>%s</th>" % (w - 1, esc(c)) for w, c in zip(WIDTHS_MM, COLUMNS))
    rows = []
    for row in ROWS:
        c = cells(row)
        if len(c) == 2:
            rows.append("<tr><td><b>%s</b></td><td class='name' colspan='15'><b>%s</b></td></tr>"
                        % (esc(c[0]), esc(c[1])))
        else:
            rows.append("<tr><td>%s</td><td class='name'>%s</td>%s</tr>"
                        % (esc(c[0]), esc(c[1]), "".join("<td>%s</td>" % esc(x) for x in c[2:])))
    doc = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo 405/BC-UBND</title>
<style>{CSS}</style></head><body>
<table class="head"><tr><td>{lines(HEAD_LEFT)}</td><td>{lines(HEAD_RIGHT)}</td></tr></table>
<div class="title">{lines(TITLE)}</div>
<div class="body">{lines(body)}</div>
<table class="sign"><tr><td class="rcp">{lines(RECIPIENTS)}</td>
<td class="signer">{lines(SIGNER)}</td></tr></table>
<div class="appendix">{lines(APPENDIX)}
<table class="grid" style="width:{sum(WIDTHS_MM)}mm"><thead><tr>{head_cells}</tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table><p class="note">{NOTE}</p></div>
</body></html>
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)


# ---- Flat ODT (LibreOffice) ----

NS = " ".join('xmlns:%s="urn:oasis:names:tc:opendocument:xmlns:%s"' % (p, u) for p, u in [
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"),
    ("table", "table:1.0"), ("fo", "xsl-fo-compatible:1.0"), ("svg", "svg-compatible:1.0")])


def span(s):
    """Inline <b>/<i> markup of the content as ODF spans."""
    out = html.escape(s.replace("<b><i>", "\x04").replace("</i></b>", "\x02")
                      .replace("<b>", "\x01").replace("</b>", "\x02")
                      .replace("<i>", "\x03").replace("</i>", "\x02"), quote=False)
    return (out.replace("\x01", '<text:span text:style-name="B">')
            .replace("\x03", '<text:span text:style-name="I">')
            .replace("\x04", '<text:span text:style-name="BI">').replace("\x02", "</text:span>"))


def paras(items, style):
    return "".join('<text:p text:style-name="%s">%s</text:p>' % (style, span(s)) for s in items)


def cell(content, style="Cell", span_cols=1):
    extra = ' table:number-columns-spanned="%d"' % span_cols if span_cols > 1 else ""
    return ('<table:table-cell table:style-name="%s"%s>%s</table:table-cell>' % (style, extra, content)
            + "<table:covered-table-cell/>" * (span_cols - 1))


def write_fodt(path, body):
    cols = "".join('<style:style style:name="C%d" style:family="table-column">'
                   '<style:table-column-properties style:column-width="%dmm"/></style:style>'
                   % (i, w) for i, w in enumerate(WIDTHS_MM))
    body_rows = []
    for row in ROWS:
        c = cells(row)
        if len(c) == 2:
            body_rows.append(cell(paras(["<b>%s</b>" % c[0]], "TC")) +
                             cell(paras(["<b>%s</b>" % c[1]], "TL"), span_cols=15))
        else:
            body_rows.append(cell(paras([c[0]], "TC")) + cell(paras([c[1]], "TL")) +
                             "".join(cell(paras([x], "TC")) for x in c[2:]))
    grid = ('<table:table table:name="PhuLuc" table:style-name="Grid">'
            + "".join('<table:table-column table:style-name="C%d"/>' % i for i in range(len(WIDTHS_MM)))
            + "<table:table-header-rows><table:table-row>"
            + "".join(cell(paras(["<b>%s</b>" % c], "TC")) for c in COLUMNS)
            + "</table:table-row></table:table-header-rows>"
            + "".join("<table:table-row>%s</table:table-row>" % r for r in body_rows)
            + "</table:table>")
    two = lambda name, left, right, lstyle, rstyle: (  # noqa: E731
        '<table:table table:name="%s" table:style-name="Two">'
        '<table:table-column table:style-name="HL"/><table:table-column table:style-name="HR"/><table:table-row>'
        '<table:table-cell>%s</table:table-cell><table:table-cell>%s</table:table-cell>'
        '</table:table-row></table:table>' % (name, paras(left, lstyle), paras(right, rstyle)))
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Tinos" svg:font-family="Tinos"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0mm" fo:margin-bottom="0mm"/>
<style:text-properties style:font-name="Tinos" fo:font-size="14pt" fo:language="vi" fo:country="VN"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="Portrait"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm"
 style:print-orientation="portrait" fo:margin-top="20mm" fo:margin-bottom="20mm" fo:margin-left="30mm" fo:margin-right="15mm"/></style:page-layout>
<style:page-layout style:name="Landscape"><style:page-layout-properties fo:page-width="297mm" fo:page-height="210mm"
 style:print-orientation="landscape" fo:margin-top="20mm" fo:margin-bottom="15mm" fo:margin-left="15mm" fo:margin-right="15mm"/></style:page-layout>
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="BI" style:family="text"><style:text-properties fo:font-weight="bold" fo:font-style="italic"/></style:style>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="13pt"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-left="14mm" fo:margin-right="14mm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="TitleTop" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="12pt"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="10mm" fo:margin-top="6pt"/></style:style>
<style:style style:name="Rcp" style:family="paragraph"><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Sig" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Appx" style:family="paragraph" style:master-page-name="Wide"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Ctr" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Note" style:family="paragraph"><style:paragraph-properties fo:margin-top="6pt"/><style:text-properties fo:font-size="12pt"/></style:style>
<style:style style:name="TC" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="TL" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="Two" style:family="table"><style:table-properties style:width="165mm" table:align="margins" fo:margin-top="12pt"/></style:style>
<style:style style:name="Grid" style:family="table"><style:table-properties style:width="{sum(WIDTHS_MM)}mm" table:align="center" fo:margin-top="6pt"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.5mm" style:vertical-align="middle"/></style:style>
{cols}
<style:style style:name="HL" style:family="table-column"><style:table-column-properties style:column-width="65mm"/></style:style>
<style:style style:name="HR" style:family="table-column"><style:table-column-properties style:column-width="100mm"/></style:style>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="Portrait"/>
<style:master-page style:name="Wide" style:page-layout-name="Landscape"/>
</office:master-styles>
<office:body><office:text>
{two("Head", HEAD_LEFT, HEAD_RIGHT, "H", "H")}
<text:p text:style-name="TitleTop">{span(TITLE[0])}</text:p>{paras(TITLE[1:], "Title")}
{paras(body, "Body")}
{two("Sign", RECIPIENTS, SIGNER, "Rcp", "Sig")}
<text:p text:style-name="Appx">{span(APPENDIX[0])}</text:p>{paras(APPENDIX[1:], "Ctr")}
{grid}
{paras([NOTE], "Note")}
</office:text></office:body></office:document>
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: gen.py BAOCAO-LAYOUT.txt OUTDIR")
    with open(sys.argv[1], encoding="utf-8") as f:
        body = body_paragraphs(f.read())
    if not body:
        sys.exit("gen.py: no body found between the title and 'Nơi nhận:' in " + sys.argv[1])
    os.makedirs(sys.argv[2], exist_ok=True)
    write_html(os.path.join(sys.argv[2], "report.html"), body)
    write_fodt(os.path.join(sys.argv[2], "report.fodt"), body)
