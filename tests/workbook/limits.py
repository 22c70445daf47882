#!/usr/bin/python3
"""Writes the large hostile workbooks of tests/workbook-limits.sh and
bench/limits.sh into OUTDIR (none is committed: each is made in a second
or two, and is small on disk, but what it unpacks to or asks for is not):

    /usr/bin/python3 tests/workbook/limits.py OUTDIR

bomb-declared.xlsx  a sheet that inflates to 2 GiB, its size declared
bomb-hidden.xlsx    the same with its declared size patched to 1000 bytes
bomb-ratio.xlsx     a sheet of 64 MiB that compresses 1000 times
rows-billion.ods    number-rows-repeated="1000000000" of a rated row
columns-billion.ods number-columns-repeated="1000000000" of a rated cell
cells-billion.ods   a rated row repeated to the last of 1,048,576 rows
empty-billion.ods   a table, then 17 billion empty cells (trailing repeats)
plain/empty-billion.ods  the same table without them
strings-count.xlsx  3,000,000 shared strings, uniqueCount="3000000"
strings-uncounted.xlsx  2,200,000 shared strings, uniqueCount="10"
strings-long.xlsx   one shared string of 2 MB

The deflated data of the bombs is one compressed block repeated (zlib's
Z_FULL_FLUSH ends each block on a byte boundary with no reference to what
came before), so they take no time to make; their CRC is left 0 (kmap
must stop long before it is checked).
"""
import os
import struct
import sys
import zipfile
import zlib

# the parts every workbook has, as hostile.py writes them
from hostile import CT, REL, RELS, SML, WB

HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Region</t>'
        '</is></c></row>' % SML)
TAIL = '</sheetData></worksheet>'


def piece(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)


def bomb(path, size, declared):
    """An .xlsx whose sheet is HEAD, `size` bytes of spaces and TAIL,
    its uncompressed size given as `declared` in both headers."""
    mib = 1 << 20
    body = piece(HEAD.encode()) + piece(b" " * mib) * (size // mib) + \
        piece(TAIL.encode()) + b"\x03\x00"
    name = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
    # append the sheet by hand: zipfile would inflate nothing, but it
    # would compute the CRC of `size` bytes
    with open(path, "rb") as f:
        data = f.read()
    eocd = data.rindex(b"PK\x05\x06")
    cd_size, cd_off = struct.unpack("<II", data[eocd + 12:eocd + 20])
    entries = struct.unpack("<H", data[eocd + 10:eocd + 12])[0]
    head, cd = data[:cd_off], data[cd_off:cd_off + cd_size]
    local = struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0x21, 0,
                        len(body), declared, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 0, 8, 0,
                          0x21, 0, len(body), declared, len(name), 0, 0, 0,
                          0, 0, len(head)) + name
    cd += central
    out = head + local + body
    end = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, entries + 1,
                      entries + 1, len(cd), len(out), 0)
    with open(path, "wb") as f:
        f.write(out + cd + end)


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def cell(text, attrs=""):
    return ('<table:table-cell office:value-type="string"%s><text:p>%s'
            '</text:p></table:table-cell>' % (attrs, text))


def ods(path, rows):
    header = "".join(cell(t) for t in ("Region", "Organisation", "Yrke",
                                         "2024"))
    table = ('<table:table-row>%s</table:table-row>'
             '<table:table-row>%s</table:table-row>%s' % (
                 header, "".join(cell(t) for t in ("R", "O", "Y", "Brist")),
                 rows))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<office:document-content %s><office:body>'
                   '<office:spreadsheet><table:table table:name="T">%s'
                   '</table:table></office:spreadsheet></office:body>'
                   '</office:document-content>' % (ODS_NS, table))


def strings(path, items, declared=None):
    n = len(items) if declared is None else declared
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" '
           'count="%d" uniqueCount="%d">' % (SML, n, n))
    sst += "".join("<si><t>%s</t></si>" % s for s in items) + "</sst>"
    rels = RELS.replace("</Relationships>",
                        '<Relationship Id="rId2" Type="%s/sharedStrings" '
                        'Target="sharedStrings.xml"/></Relationships>' % REL)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", HEAD + TAIL)
        z.writestr("xl/sharedStrings.xml", sst)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)
    bomb(p("bomb-declared.xlsx"), 2 << 30, (2 << 30) + len(HEAD + TAIL))
    bomb(p("bomb-hidden.xlsx"), 2 << 30, 1000)
    bomb(p("bomb-ratio.xlsx"), 64 << 20, (64 << 20) + len(HEAD + TAIL))
    rated = "".join(cell(t) for t in ("R", "O2", "Y", "Brist"))
    ods(p("rows-billion.ods"),
        '<table:table-row table:number-rows-repeated="1000000000">%s'
        '</table:table-row>' % rated)
    ods(p("columns-billion.ods"),
        '<table:table-row>%s</table:table-row>' %
        cell("Brist", ' table:number-columns-repeated="1000000000"'))
    ods(p("cells-billion.ods"),
        '<table:table-row table:number-rows-repeated="1048574">%s'
        '</table:table-row>' % rated)
    ods(p("empty-billion.ods"),
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="16384"/>'
        '</table:table-row>')
    os.makedirs(p("plain"), exist_ok=True)
    ods(p("plain/empty-billion.ods"), "")
    strings(p("strings-count.xlsx"), ["s%d" % i for i in range(3000000)])
    strings(p("strings-uncounted.xlsx"), ["s%d" % i for i in range(2200000)],
            10)
    strings(p("strings-long.xlsx"), [os.urandom(1 << 20).hex()])


main()
