#!/usr/bin/python3
"""Writes the workbook reader's test fixtures (tests/unit/test_workbook.c).

    /usr/bin/python3 tests/workbook/gen.py [OUTDIR]

plan.xlsx is written by openpyxl (python3-openpyxl): values, merged cells,
fills (rgb, indexed and theme colours with tints), several sheets, a
hidden and a very hidden one, numbers, booleans, errors and dates. What
openpyxl cannot write - an inline string, rich text with a phonetic run,
an empty <si/> - is then added to its XML parts, as Excel writes them.
With LibreOffice (soffice) present it also converts plan.xlsx to
plan.ods and saves that again as plan-lo.xlsx, the way LibreOffice
writes each. The files are committed, so the tests need neither tool;
tests/workbook.sh regenerates them and compares.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Color, Font, PatternFill

# Excel's standard colours (the row under the theme colours)
STANDARD = ["C00000", "FF0000", "FFC000", "FFFF00", "92D050", "00B050",
            "00B0F0", "0070C0", "002060", "7030A0"]


def solid(rgb=None, theme=None, tint=0.0, indexed=None):
    if theme is not None:
        c = Color(theme=theme, tint=tint)
    elif indexed is not None:
        c = Color(indexed=indexed)
    else:
        c = Color(rgb="FF" + rgb)
    return PatternFill(patternType="solid", fgColor=c)


def fixed_props(wb):
    when = datetime.datetime(2024, 3, 1, 12, 0, 0)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "kmap tests"
    wb.properties.lastModifiedBy = "kmap tests"


def build(path):
    wb = Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "Kumla"
    ws["A1"] = "Kompetensförsörjning Kumla 2024"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:G1")
    # row 2 stays empty
    head = ["Region", "Organisation", "Yrke", "Nuläge 2024", 2025,
            "2026-2028", "Kommentar"]
    for i, v in enumerate(head):
        ws.cell(row=3, column=i + 1, value=v)
    # a header typed as a date, and one as a number written as 2.5E3
    ws["H3"] = datetime.date(2027, 1, 1)
    ws["H3"].number_format = "yyyy-mm-dd"
    ws["I3"] = 2030.0
    rows = [
        ("Örebro län", "Kumla kommun", "Undersköterska", "Brist",
         "Brist", "Sårbart", "Svårt att rekrytera\nmed rätt profil"),
        (None, None, "Sjuksköterska", "Sårbart", None, "Brist", None),
        (None, None, "Lärare F-3", "Hållbart", "Hållbart", None,
         "  två inledande mellanslag"),
        (None, "Hallsbergs kommun", "Kock", "Övertalighet", True, False,
         "a  b"),
        (None, None, "Elevassistent", "#N/A", 3.5, 0.1, "slut "),
        (None, None, "Busschaufför", 42, 1e-7, -12, None),
    ]
    for r, vals in enumerate(rows, start=4):
        for c, v in enumerate(vals, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if v == "#N/A":
                cell.data_type = "e"
    ws.merge_cells("A4:A9")
    ws.merge_cells("B4:B6")
    ws.merge_cells("B7:B9")
    # a merged block whose first cell is coloured and holds the rating
    ws["H4"] = "Brist"
    ws["H4"].fill = solid("FF0000")
    ws.merge_cells("H4:I5")
    # fills: rgb, colour only (no text), theme with tint, indexed
    ws["D4"].fill = solid("FF0000")
    ws["E4"].fill = solid("C00000")
    ws["F4"].fill = solid("FFC000")
    ws["D5"].fill = solid("FFC000")
    ws["E5"].fill = solid("FF0000")          # empty, colour only
    ws["D6"].fill = solid("00B050")
    ws["E6"].fill = solid("92D050")
    ws["F6"].fill = solid(theme=9, tint=0.3999755851924192)  # accent6 +40%
    ws["D7"].fill = solid(theme=4, tint=-0.249977111117893)  # accent1 -25%
    ws["F7"].fill = solid(indexed=10)        # indexed red
    ws["D9"].fill = solid(indexed=13)        # indexed yellow
    ws["E9"].fill = solid(theme=7, tint=0.5999938962981048)  # accent4 +60%
    ws["G9"].fill = solid("FFFF00")          # empty, colour only
    ws["C7"].alignment = Alignment(wrap_text=True)  # styled, no fill
    ws["J8"].fill = PatternFill(patternType="gray125")  # not solid
    ws["J9"].number_format = "0.00"          # styled empty cell
    ws["B12"] = "efter ett tomt block"

    # a second visible sheet with a cell far right and down
    ws2 = wb.create_sheet("Hallsberg 2")
    ws2["A1"] = "Region"
    ws2["B1"] = "År"
    ws2["A2"] = "Örebro län"
    ws2["B2"] = 2024
    ws2["AB40"] = "långt bort"

    ws3 = wb.create_sheet("Dold")
    ws3["A1"] = "hidden"
    ws3.sheet_state = "hidden"
    ws4 = wb.create_sheet("Lista")
    ws4["A1"] = "very hidden"
    ws4.sheet_state = "veryHidden"

    # Excel's palette as cells: standard colours, theme accents and tints
    ws5 = wb.create_sheet("Färger")
    for i, rgb in enumerate(STANDARD, start=1):
        ws5.cell(row=i, column=1, value=rgb).fill = solid(rgb)
    tints = [0.0, 0.7999816888943144, 0.5999938962981048,
             0.3999755851924192, -0.249977111117893, -0.499984740745262]
    for t, theme in enumerate(range(4, 10)):
        for k, tint in enumerate(tints):
            c = ws5.cell(row=12 + t, column=1 + k,
                         value="accent%d %+d" % (theme - 3, round(tint * 100)))
            c.fill = solid(theme=theme, tint=tint)
    wb.save(path)


SST = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
       ' count="5" uniqueCount="4">'
       '<si><t>delad</t></si>'
       '<si/>'
       '<si><r><rPr><b/></rPr><t>Rik</t></r>'
       '<r><t xml:space="preserve"> text</t></r>'
       '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh>'
       '<phoneticPr fontId="1"/></si>'
       '<si><t>Brist</t></si></sst>')

ROW11 = ('<row r="11">'
         '<c r="A11" t="inlineStr"><is><t>inline &amp; direkt</t></is></c>'
         '<c r="B11" t="s"><v>0</v></c>'
         '<c r="C11" t="s"><v>1</v></c>'
         '<c r="D11" t="s"><v>2</v></c>'
         '<c r="E11" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>'
         '<c r="F11" t="b"><v>0</v></c>'
         '<c r="G11" t="e"><v>#DIV/0!</v></c>'
         '<c r="H11"><v>2.024E3</v></c>'
         '<c r="I11" t="inlineStr"><is><t>CR_x000D_LF_x005F_x</t></is></c>'
         '<c r="J11" s="3" t="s"><v>3</v></c>'
         '</row>')


def patch(path):
    """Adds what openpyxl 3.0 does not write, as Excel writes it: shared
    strings (an empty <si/>, rich text runs with a phonetic run), a
    formula's string result (t="str") and an escaped control character
    (_x000D_)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(
            tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename).decode("utf-8")
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace('<row r="12"', ROW11 + '<row r="12"', 1)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace('</Relationships>', (
                    '<Relationship Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/sharedStrings" '
                    'Target="sharedStrings.xml" Id="rId99"/>'
                    '</Relationships>'))
            elif info.filename == "[Content_Types].xml":
                data = data.replace('</Types>', (
                    '<Override PartName="/xl/sharedStrings.xml" '
                    'ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.sharedStrings+xml"/>'
                    '</Types>'))
            zout.writestr(info, data.encode("utf-8"))
        info = zipfile.ZipInfo("xl/sharedStrings.xml",
                               date_time=(2024, 3, 1, 12, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        zout.writestr(info, SST.encode("utf-8"))
    os.replace(tmp, path)


def soffice(src, fmt, outdir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return False
    prof = tempfile.mkdtemp(prefix="kmap-lo-")
    try:
        subprocess.run([exe, "-env:UserInstallation=file://" + prof,
                        "--headless", "--convert-to", fmt, "--outdir",
                        outdir, src], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return True


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    xlsx = os.path.join(out, "plan.xlsx")
    build(xlsx)
    patch(xlsx)
    work = tempfile.mkdtemp(prefix="kmap-gen-")
    try:
        if soffice(xlsx, "ods", work):
            shutil.copy(os.path.join(work, "plan.ods"),
                        os.path.join(out, "plan.ods"))
            lo = os.path.join(work, "lo")
            os.makedirs(lo)
            soffice(os.path.join(work, "plan.ods"), "xlsx", lo)
            shutil.copy(os.path.join(lo, "plan.xlsx"),
                        os.path.join(out, "plan-lo.xlsx"))
        else:
            print("soffice not found: only plan.xlsx written",
                  file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
