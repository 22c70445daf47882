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
writes each.

The workbooks kmap's commands read (tests/cli/workbook/) come with the
CSV of the same data: wide.xlsx (title rows, merged region and
organisation cells, a hidden sheet and a sheet of notes), per-org.xlsx
(one sheet per organisation, no organisation column), fills.xlsx
(ratings only as fill colours: standard, theme and tinted ones) and
errors.xlsx (error cells, a fill of no level, text and fill that
disagree); the first three also as LibreOffice's .ods and .xlsx
(NAME.ods, NAME-lo.xlsx). The files are committed, so the tests need neither tool;
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


# ---- workbooks for kmap's commands, with the CSV of the same data ----

HEAD = ["Region", "Organisation", "Yrke", "Nuläge 2024", 2025, "2026-2028"]
WIDE_ROWS = [
    ("Örebro län", "Kumla kommun", "Undersköterska", "Brist", "Brist",
     "Sårbart"),
    ("Örebro län", "Kumla kommun", "Sjuksköterska", "Sårbart", "B", None),
    ("Örebro län", "Kumla kommun", "Lärare F-3", "Hållbart", "Hållbart",
     "-"),
    ("Örebro län", "Kumla kommun", "Kock", "Övertalighet", "Hållbart",
     "Hållbart"),
    ("Örebro län", "Hallsbergs kommun", "Undersköterska", "Sårbart",
     "Brist", "Brist"),
    ("Örebro län", "Hallsbergs kommun", "Busschaufför", "Brist", None,
     "Sårbart"),
    ("Örebro län", "Hallsbergs kommun", "Elevassistent", "Hållbart",
     "Övertalighet", "Övertalighet"),
]


def write_csv(path, head, rows):
    import csv
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def merge_runs(ws, col, first_row, values):
    """Merges each run of equal values in a column, the value in its first
    cell only, as a sheet laid out by hand has it."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            ws.cell(row=first_row + start, column=col, value=values[start])
            if i - start > 1:
                ws.merge_cells(start_row=first_row + start, start_column=col,
                               end_row=first_row + i - 1, end_column=col)
            start = i


def build_wide(out):
    wb = Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "Plan 2024"
    ws["A1"] = "Kompetensförsörjningsplan Örebro län 2024"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:F1")
    ws["A2"] = "Färgskattning i workshop, mars 2024"
    for i, v in enumerate(HEAD, start=1):
        ws.cell(row=4, column=i, value=v)
    merge_runs(ws, 1, 5, [r[0] for r in WIDE_ROWS])
    merge_runs(ws, 2, 5, [r[1] for r in WIDE_ROWS])
    for r, vals in enumerate(WIDE_ROWS, start=5):
        for c, v in enumerate(vals[2:], start=3):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    old = wb.create_sheet("Gammal plan")
    old.sheet_state = "hidden"
    for i, v in enumerate(HEAD, start=1):
        old.cell(row=1, column=i, value=v)
    for c, v in enumerate(("Örebro län", "Kumla kommun", "Kock", "Brist",
                           "Brist", "Brist"), start=1):
        old.cell(row=2, column=c, value=v)
    notes = wb.create_sheet("Anteckningar")
    notes["A1"] = "Workshop 2024-03-12, Kumla"
    notes["A2"] = "Deltagare: HR, skolförvaltningen, omsorgen"
    wb.save(os.path.join(out, "wide.xlsx"))
    write_csv(os.path.join(out, "wide.csv"), HEAD, WIDE_ROWS)


PER_ORG = {
    "Kumla kommun": [("Undersköterska", "Brist", "Brist", "Sårbart"),
                     ("Lärare F-3", "Hållbart", None, "Sårbart")],
    "Hallsbergs kommun": [("Undersköterska", "Sårbart", "Brist", "Brist"),
                          ("Kock", "Övertalighet", "Hållbart", "-")],
    "Lekebergs kommun": [("Sjuksköterska", "Brist", "Brist", "Brist")],
}


def build_per_org(out):
    wb = Workbook()
    fixed_props(wb)
    wb.remove(wb.active)
    rows = []
    for org, occs in PER_ORG.items():
        ws = wb.create_sheet(org)
        head = ["Region", "Yrke"] + HEAD[3:]
        for i, v in enumerate(head, start=1):
            ws.cell(row=1, column=i, value=v)
        for r, occ in enumerate(occs, start=2):
            vals = ("Örebro län",) + occ
            for c, v in enumerate(vals, start=1):
                if v is not None:
                    ws.cell(row=r, column=c, value=v)
            rows.append(("Örebro län", org) + occ)
    wb.save(os.path.join(out, "per-org.xlsx"))
    write_csv(os.path.join(out, "per-org.csv"), HEAD, rows)


# (fill, the level it means); None: a white fill on an empty cell, missing
FILLS = [
    [dict(rgb="C00000"), dict(rgb="FF0000"), dict(rgb="FFC000")],
    [dict(rgb="FFFF00"), dict(rgb="92D050"), dict(rgb="00B050")],
    [dict(rgb="00B0F0"), dict(rgb="0070C0"), dict(rgb="FFFFFF")],
    # openpyxl's theme (Office 2007): accent1 4F81BD, accent2 C0504D,
    # accent3 9BBB59, accent6 F79646 (theme 4, 5, 6, 9)
    [dict(theme=6, tint=0.3999755851924192),     # accent3 +40%: green
     dict(theme=9, tint=-0.249977111117893),     # accent6 -25%: orange
     dict(theme=4, tint=0.5999938962981048)],    # accent1 +60%: blue
    [dict(theme=5), dict(theme=6, tint=-0.499984740745262),
     dict(text="Brist", rgb="FF0000")],          # text and fill agree
]
FILL_WORDS = [["Brist", "Brist", "Sårbart"],
              ["Sårbart", "Hållbart", "Hållbart"],
              ["Övertalighet", "Övertalighet", None],
              ["Hållbart", "Sårbart", "Övertalighet"],
              ["Brist", "Hållbart", "Brist"]]
FILL_OCCS = ["Undersköterska", "Sjuksköterska", "Lärare F-3", "Kock",
             "Elevassistent"]


def build_fills(out):
    wb = Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "Färgskattning"
    for i, v in enumerate(HEAD, start=1):
        ws.cell(row=1, column=i, value=v)
    rows = []
    for r, (occ, fills) in enumerate(zip(FILL_OCCS, FILLS), start=2):
        ws.cell(row=r, column=1, value="Örebro län")
        ws.cell(row=r, column=2, value="Kumla kommun")
        ws.cell(row=r, column=3, value=occ)
        for c, f in enumerate(fills, start=4):
            f = dict(f)
            text = f.pop("text", None)
            cell = ws.cell(row=r, column=c, value=text)
            cell.fill = solid(**f)
        rows.append(("Örebro län", "Kumla kommun", occ) +
                    tuple(FILL_WORDS[r - 2]))
    wb.save(os.path.join(out, "fills.xlsx"))
    write_csv(os.path.join(out, "fills.csv"), HEAD, rows)


def build_errors(out):
    wb = Workbook()
    fixed_props(wb)
    ws = wb.active
    ws.title = "Fel"
    for i, v in enumerate(HEAD, start=1):
        ws.cell(row=1, column=i, value=v)
    rows = [("Örebro län", "Kumla kommun", "Undersköterska", "#N/A",
             "Brist", "Brist"),
            ("Örebro län", "Kumla kommun", "#REF!", "Brist", "Brist",
             "Brist"),
            ("Örebro län", "Kumla kommun", "Kock", None, "Brist", "Hållbart"),
            ("Örebro län", "Kumla kommun", "Lärare F-3", True, "Brist",
             "Brist"),
            ("Örebro län", "Kumla kommun", "Kock", "Brist", "Brist",
             "Brist")]
    for r, vals in enumerate(rows, start=2):
        for c, v in enumerate(vals, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, str) and v.startswith("#"):
                cell.data_type = "e"
    ws["D4"].fill = solid("7030A0")   # purple: no level's colour
    ws["E4"].fill = solid("00B050")   # says Brist, green fill: Hållbart
    ws["AB6"] = "utanför"             # data past the header's columns
    wb.save(os.path.join(out, "errors.xlsx"))


def soffice(src, fmt, outdir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return False
    srcs = src if isinstance(src, list) else [src]
    prof = tempfile.mkdtemp(prefix="kmap-lo-")
    try:
        subprocess.run([exe, "-env:UserInstallation=file://" + prof,
                        "--headless", "--convert-to", fmt, "--outdir",
                        outdir] + srcs, check=True,
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
    build_wide(out)
    build_per_org(out)
    build_fills(out)
    build_errors(out)
    names = ["plan", "wide", "per-org", "fills"]
    work = tempfile.mkdtemp(prefix="kmap-gen-")
    try:
        if soffice([os.path.join(out, n + ".xlsx") for n in names], "ods",
                   work):
            lo = os.path.join(work, "lo")
            os.makedirs(lo)
            soffice([os.path.join(work, n + ".ods") for n in names], "xlsx",
                    lo)
            for n in names:
                shutil.copy(os.path.join(work, n + ".ods"),
                            os.path.join(out, n + ".ods"))
                shutil.copy(os.path.join(lo, n + ".xlsx"),
                            os.path.join(out, n + "-lo.xlsx"))
        else:
            print("soffice not found: no .ods or -lo.xlsx written",
                  file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
