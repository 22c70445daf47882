"""Opens a kmap XLSX report with openpyxl and checks its content.

usage: check_xlsx.py REPORT.xlsx SUMMARY.json CRITICAL.json
Exits 1 listing what is wrong. Checked: the sheets and their order, no
formula anywhere, the heatmap's level names with their fills, numbers
stored as numbers with percent formats on shares, frozen and filtered
headers (the summary sheet freezes its title and overview only), the
title, ranks as numbers, every record in Poster (as many as the summary
counts), and a sheet per critical occupation.
Run with Debian's /usr/bin/python3 (python3-openpyxl).
"""
import json
import sys

import openpyxl

FILLS = {"Övertalighet": "FF0072B2", "Hållbart": "FF009E73",
         "Sårbart": "FFE69F00", "Brist": "FFD55E00"}


def main():
    path, summary, critical = sys.argv[1:4]
    wb = openpyxl.load_workbook(path)
    s = json.load(open(summary, encoding="utf-8"))
    crit = json.load(open(critical, encoding="utf-8"))["occupations"]
    errors = []
    fixed = ["Sammanfattning", "Värmekarta", "Kritiska yrken", "Poster",
             "Kvalitet"]
    # who disagrees and omställning follow the critical occupations when
    # there are any
    optional = [n for n in ("Oenighet", "Omställning") if n in wb.sheetnames]
    fixed[3:3] = optional
    if wb.sheetnames[:len(fixed)] != fixed:
        errors.append("sheets %r" % wb.sheetnames[:len(fixed)])
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    errors.append("%s!%s is a formula" % (ws.title,
                                                         c.coordinate))
    hm = wb["Värmekarta"]
    if hm.freeze_panes != "B2" or not hm.auto_filter.ref:
        errors.append("heatmap: freeze %r filter %r" %
                      (hm.freeze_panes, hm.auto_filter.ref))
    names = [r[0].value for r in hm.iter_rows(min_row=2)]
    want = [o["occupation"] for o in s["occupations"]]
    if names != want:
        errors.append("heatmap rows %r, want %r" % (names[:3], want[:3]))
    coloured = 0
    for row in hm.iter_rows(min_row=2, min_col=2):
        for c in row:
            if c.value in FILLS:
                coloured += 1
                if c.fill.fgColor.rgb != FILLS[c.value]:
                    errors.append("heatmap %s: %s filled %s" %
                                  (c.coordinate, c.value,
                                   c.fill.fgColor.rgb))
            elif c.value not in (None, "saknas", "ej aktuellt"):
                errors.append("heatmap %s: %r" % (c.coordinate, c.value))
    if not coloured:
        errors.append("heatmap: no coloured cell")
    sm = wb["Sammanfattning"]
    risk = [c for row in sm.iter_rows() for c in row if c.value == "risk"]
    if not risk:
        errors.append("Sammanfattning: no risk column")
    else:
        below = sm.cell(row=risk[0].row + 1, column=risk[0].column)
        if not isinstance(below.value, float) or below.number_format != "0%":
            errors.append("risk share %r format %r" % (below.value,
                                                     below.number_format))
        count = sm.cell(row=risk[0].row + 1, column=2)
        if not isinstance(count.value, int):
            errors.append("a count stored as %r" % type(count.value))
    if not sm.auto_filter.ref:
        errors.append("Sammanfattning: no filter")
    # only the title and the overview stay in view, not a table's rows
    if sm.freeze_panes != "A3":
        errors.append("Sammanfattning: freeze %r, want A3" % sm.freeze_panes)
    if sm["A1"].value != wb.properties.title or not sm["A1"].value:
        errors.append("title %r, document title %r" %
                      (sm["A1"].value, wb.properties.title))
    kr = wb["Kritiska yrken"]
    ranks = []
    for r in kr.iter_rows(min_row=2):  # the ranking, down to a blank row
        if r[0].value is None:
            break
        ranks.append(r[0].value)
    # the sheet lists the critical occupations: none when none is
    if any(o["critical"] for o in crit) and not ranks or \
            not all(isinstance(v, int) for v in ranks):
        errors.append("Kritiska yrken: ranks %r" % ranks[:5])
    records = sum(p["rated"] + p["missing"] + p["not_applicable"]
                  for p in s["total"].values())
    po = wb["Poster"]
    if po.max_row - 1 != records:
        errors.append("Poster has %d records, summary counts %d" %
                      (po.max_row - 1, records))
    if po.freeze_panes != "A2" or not po.auto_filter.ref:
        errors.append("Poster: freeze %r filter %r" % (po.freeze_panes,
                                                     po.auto_filter.ref))
    second = [c.value for c in po[2]]
    if not isinstance(second[8], int) or not second[7]:
        errors.append("Poster: file and line %r" % second[7:])
    ncrit = sum(1 for o in crit if o["critical"])
    extra = wb.sheetnames[len(fixed):]
    if len(extra) != ncrit:
        errors.append("%d occupation sheets for %d critical" %
                      (len(extra), ncrit))
    for e in errors[:20]:
        print(e)
    sys.exit(1 if errors else 0)


main()
