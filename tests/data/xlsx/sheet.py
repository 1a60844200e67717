#!/usr/bin/env python3
# sheet.py OUT.xlsx < sheet.xml — a one-sheet workbook ("Sheet1") around the
# worksheet XML on stdin, for tests that generate hostile sheets.
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml",
               '<workbook xmlns:r="r"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
               "</sheets></workbook>")
    z.writestr("xl/_rels/workbook.xml.rels",
               '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
               "</Relationships>")
    z.writestr("xl/worksheets/sheet1.xml", sys.stdin.buffer.read())
