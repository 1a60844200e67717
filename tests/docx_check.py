#!/usr/bin/python3
"""docx_check.py — checks of a DOCX for tests/docx.sh (not a test itself).

  docx_check.py structure X.docx   the package is consistent: every part has a
      content type and every content type override a part; every relationship
      target exists; every r:id the document uses is a relationship of the
      right type; sections: page size, margins, orientation; tables: every row
      covers the grid, every vMerge continuation has a restart above it.
      Prints the orientation of each section ("portrait landscape").
  docx_check.py read X.docx        python-docx (Debian's python3-docx) reads
      every paragraph, table and section; prints the words of all paragraphs
      and table cells, one per line, then "SECTIONS portrait landscape …".
  docx_check.py core X.docx FIELD  a core property (title, subject, creator,
      keywords, created).
Exit 1 with a message on the first inconsistency.
"""
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def fail(msg):
    print("docx_check: " + msg, file=sys.stderr)
    sys.exit(1)


def rels_of(z, part):
    d, f = posixpath.split(part)
    path = posixpath.join(d, "_rels", f + ".rels")
    if path not in z.namelist():
        return {}
    out = {}
    for r in ET.fromstring(z.read(path)).iter(PR + "Relationship"):
        target = posixpath.normpath(posixpath.join(d, r.get("Target")))
        if target not in z.namelist():
            fail(f"{path}: {r.get('Id')} points to {target}, not in the package")
        out[r.get("Id")] = (r.get("Type"), target)
    return out


def structure(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    for n in names:   # every part is well-formed XML
        ET.fromstring(z.read(n))
    types = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(CT + "Default")}
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in types.iter(CT + "Override")}
    for p in overrides:
        if p not in names:
            fail(f"[Content_Types].xml names {p}, not in the package")
    for n in names:
        if n != "[Content_Types].xml" and n not in overrides and n.rsplit(".", 1)[-1] not in defaults:
            fail(f"{n} has no content type")
    top = rels_of(z, "")
    main = [t for (ty, t) in top.values() if ty == REL + "officeDocument"]
    if len(main) != 1:
        fail("_rels/.rels: not exactly one officeDocument")
    doc = main[0]
    if overrides.get(doc) != "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
        fail(f"{doc}: wrong content type {overrides.get(doc)}")
    rels = rels_of(z, doc)
    for p in [t for (ty, t) in rels.values() if ty == REL + "header"]:
        if overrides.get(p) != "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml":
            fail(f"{p}: not typed as a header")
    root = ET.fromstring(z.read(doc))
    body = root.find(W + "body")
    if body is None or len(body) == 0 or body[-1].tag != W + "sectPr":
        fail("the body does not end with its sectPr")
    sects = [body[-1]]
    for p in body.iter(W + "p"):
        ppr = p.find(W + "pPr")
        if ppr is not None and ppr.find(W + "sectPr") is not None:
            sects.insert(len(sects) - 1, ppr.find(W + "sectPr"))
    orients = []
    for i, s in enumerate(sects):
        for h in s.iter(W + "headerReference"):
            rid = h.get(R + "id")
            if rid not in rels or rels[rid][0] != REL + "header":
                fail(f"section {i + 1}: header {rid} is not a header relationship")
        if s.find(W + "titlePg") is not None and not any(h.get(W + "type") == "first" for h in s.iter(W + "headerReference")):
            fail(f"section {i + 1}: titlePg without a first-page header")
        sz, mar = s.find(W + "pgSz"), s.find(W + "pgMar")
        if sz is None or mar is None:
            fail(f"section {i + 1}: no pgSz or pgMar")
        w, h = int(sz.get(W + "w")), int(sz.get(W + "h"))
        if sorted((w, h)) != [11906, 16838]:
            fail(f"section {i + 1}: page {w}x{h} twips is not A4")
        land = w > h
        if land != (sz.get(W + "orient") == "landscape"):
            fail(f"section {i + 1}: orient does not match the page size")
        orients.append("landscape" if land else "portrait")
    for t in body.iter(W + "tbl"):
        ncols = len(t.find(W + "tblGrid").findall(W + "gridCol"))
        above = {}
        for r, tr in enumerate(t.findall(W + "tr")):
            col = 0
            for tc in tr.findall(W + "tc"):
                pr = tc.find(W + "tcPr")
                span = pr.find(W + "gridSpan") if pr is not None else None
                span = int(span.get(W + "val")) if span is not None else 1
                vm = pr.find(W + "vMerge") if pr is not None else None
                if vm is not None and vm.get(W + "val") != "restart" and not above.get(col):
                    fail(f"table row {r + 1}: a vMerge continuation at column {col + 1} with nothing above")
                above[col] = vm is not None
                col += span
            if col != ncols:
                fail(f"table row {r + 1}: cells cover {col} of {ncols} columns")
    print(" ".join(orients))


def read(path):
    import docx  # python3-docx
    d = docx.Document(path)
    words = []
    for p in d.paragraphs:
        words += p.text.split()
    for t in d.tables:
        for row in t.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:   # a merged cell is returned once per grid column
                    continue
                seen.add(id(cell._tc))
                for p in cell.paragraphs:
                    words += p.text.split()
    for w in words:
        print(w)
    print("SECTIONS " + " ".join("landscape" if s.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
                                 else "portrait" for s in d.sections))


def core(path, field):
    import docx
    p = docx.Document(path).core_properties
    v = getattr(p, field)
    print(v.strftime("%Y-%m-%dT%H:%M:%SZ") if hasattr(v, "strftime") else v)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "structure":
        structure(sys.argv[2])
    elif cmd == "read":
        read(sys.argv[2])
    elif cmd == "core":
        core(sys.argv[2], sys.argv[3])
    else:
        fail("unknown command " + cmd)
