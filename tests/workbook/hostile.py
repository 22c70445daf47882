#!/usr/bin/python3
"""Writes the hostile workbooks the reader must refuse cleanly
(tests/unit/test_workbook.c, tests/fuzz/corpus/workbook/):

    /usr/bin/python3 tests/workbook/hostile.py [OUTDIR]

Each is small on disk; what it would unpack to, or what it asks for, is
not. Python's zipfile and zlib only, so they can be regenerated anywhere.
"""
import os
import struct
import sys
import zipfile
import zlib

SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" '
      'xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>' % (SML, REL))
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>' % REL)
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
      'openxmlformats.org/package/2006/content-types"/>')


def sheet(rows, tail=""):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s">'
            '<sheetData>%s</sheetData>%s</worksheet>' % (SML, rows, tail))


def xlsx(path, sheet_xml, extra=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        if isinstance(sheet_xml, str):
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in extra:
            z.writestr(name, data)


def xlsx_stream(path, head, body, count, tail):
    """A sheet whose middle is body repeated count times, deflated as it
    is made (the file stays small, the entry does not)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            chunk = (body * 4096).encode()
            for _ in range(count // 4096):
                f.write(chunk)
            f.write(tail.encode())


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods(path, table):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<office:document-content %s><office:body>'
                   '<office:spreadsheet><table:table table:name="T">%s'
                   '</table:table></office:spreadsheet></office:body>'
                   '</office:document-content>' % (ODS_NS, table))


def cfb(path, names):
    """An OLE2 compound file whose directory holds the given streams."""
    sec = 512
    hdr = bytearray(512)
    hdr[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", hdr, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", hdr, 0x2C, 1)          # FAT sectors
    struct.pack_into("<I", hdr, 0x30, 1)          # first directory sector
    struct.pack_into("<I", hdr, 0x38, 4096)
    struct.pack_into("<I", hdr, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", hdr, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    hdr[0x4C:0x200] = b"\xff" * (0x200 - 0x4C)
    struct.pack_into("<I", hdr, 0x4C, 0)          # FAT in sector 0
    fat = bytearray(b"\xff" * sec)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)
    dirs = bytearray(sec)
    for i, (name, kind) in enumerate([("Root Entry", 5)] +
                                     [(n, 2) for n in names]):
        e = bytearray(128)
        u = name.encode("utf-16-le") + b"\0\0"
        e[0:len(u)] = u
        struct.pack_into("<HBB", e, 0x40, len(u), kind, 1)
        struct.pack_into("<III", e, 0x44, 0xFFFFFFFF, 0xFFFFFFFF,
                         0xFFFFFFFF)
        dirs[128 * i:128 * (i + 1)] = e
    with open(path, "wb") as f:
        f.write(hdr + fat + dirs)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "hostile")
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)

    # 64 MiB of white space in a sheet: a ratio of about 1000
    xlsx_stream(p("bomb.xlsx"), sheet("")[:-len("</sheetData></worksheet>")],
                " " * 64, 1 << 20, "</sheetData></worksheet>")
    xlsx(p("doctype.xlsx"),
         '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
         '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
         '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" '
         't="inlineStr"><is><t>&b;</t></is></c></row></sheetData>'
         '</worksheet>' % SML)
    xlsx(p("entity-strings.xlsx"), sheet(""), [(
        "xl/sharedStrings.xml",
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM '
        '"file:///etc/passwd">]><sst xmlns="%s"><si><t>&x;</t></si></sst>'
        % SML)])
    xlsx(p("deep.xlsx"), sheet('<row r="1">' + "<x>" * 5000 + "</x>" * 5000
                               + "</row>"))
    xlsx(p("column-xfe.xlsx"),
         sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'))
    xlsx(p("column-huge.xlsx"),
         sheet('<row r="1"><c r="%s1"><v>1</v></c></row>' % ("A" * 40)))
    xlsx(p("row-huge.xlsx"),
         sheet('<row r="99999999999999999999"><c><v>1</v></c></row>'))
    xlsx(p("rows-backwards.xlsx"),
         sheet('<row r="5"><c r="A5"><v>1</v></c></row>'
               '<row r="3"><c r="A3"><v>1</v></c></row>'))
    xlsx(p("cells-shuffled.xlsx"),
         sheet('<row r="2"><c r="D2"><v>4</v></c><c r="A2"><v>1</v></c>'
               '<c r="B2"><v>2</v></c><c><v>3</v></c></row>'))
    xlsx(p("cell-twice.xlsx"),
         sheet('<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c>'
               '<c r="B2"><v>3</v></c></row>'))
    xlsx(p("cell-wrong-row.xlsx"),
         sheet('<row r="2"><c r="B3"><v>1</v></c></row>'))
    xlsx(p("string-index.xlsx"),
         sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))
    # a shared-strings table that says it holds more than the cap (and
    # holds one): refused before any string is read
    xlsx(p("strings-declared.xlsx"), sheet(""), [(
        "xl/sharedStrings.xml",
        '<?xml version="1.0"?><sst xmlns="%s" count="3000000" '
        'uniqueCount="3000000"><si><t>a</t></si></sst>' % SML)])
    # a million cells in one row, all called A1
    xlsx_stream(p("million-cells.xlsx"), sheet("")[:-len(
        "</sheetData></worksheet>")] + '<row r="1">', '<c r="A1"><v>1</v></c>',
        1 << 20, "</row></sheetData></worksheet>")
    # a million cells without references: past XFD
    xlsx_stream(p("million-columns.xlsx"), sheet("")[:-len(
        "</sheetData></worksheet>")] + '<row r="1">', '<c><v>1</v></c>',
        1 << 20, "</row></sheetData></worksheet>")
    # a 32 MiB attribute: one XML token
    xlsx_stream(p("token.xlsx"), sheet("")[:-len("</sheetData></worksheet>")]
                + '<row r="1" x="', "a" * 64, 1 << 19,
                '"/></sheetData></worksheet>')
    xlsx(p("merge-huge.xlsx"),
         sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
               '</row>', '<mergeCells><mergeCell ref="A1:XFD1048576"/>'
               '</mergeCells>'))
    xlsx(p("merge-bad.xlsx"),
         sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
               '</row>', '<mergeCells><mergeCell ref="A1:ZZZZ9"/>'
               '<mergeCell ref="A1:A3"/></mergeCells>'))
    # merged ranges found when the word appears before them in a string
    xlsx(p("merge-prefixed.xlsx"),
         '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="%s">'
         '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>'
         'mergeCells &lt;mergeCells</x:t></x:is></x:c></x:row>'
         '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B2"/>'
         '</x:mergeCells></x:worksheet>' % SML)
    with zipfile.ZipFile(p("not-a-workbook.zip"), "w") as z:
        z.writestr("hello.txt", "hej")
    with zipfile.ZipFile(p("odt.zip"), "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    ods(p("rows-repeated.ods"),
        '<table:table-row table:number-rows-repeated="2000000">'
        '<table:table-cell/></table:table-row>')
    ods(p("columns-repeated.ods"),
        '<table:table-row><table:table-cell table:number-columns-repeated='
        '"99999"/></table:table-row>')
    ods(p("cells-repeated.ods"),
        '<table:table-row table:number-rows-repeated="1000">'
        '<table:table-cell office:value-type="float" office:value="1" '
        'table:number-columns-repeated="16384"/></table:table-row>')
    ods(p("space-count.ods"),
        '<table:table-row><table:table-cell office:value-type="string">'
        '<text:p>a<text:s text:c="999999999"/></text:p></table:table-cell>'
        '</table:table-row>')
    cfb(p("encrypted.xlsx"), ["EncryptionInfo", "EncryptedPackage"])
    cfb(p("old.xls"), ["Workbook", "SummaryInformation"])
    with open(os.path.join(os.path.dirname(out), "plan.xlsx"), "rb") as f:
        data = f.read()
    with open(p("truncated.xlsx"), "wb") as f:
        f.write(data[:len(data) // 2])
    with open(p("empty.xlsx"), "wb") as f:
        pass


if __name__ == "__main__":
    main()
