#!/usr/bin/python3
"""Writes a large rating workbook for bench/workbook.sh: ROWS rows of
region, organisation, occupation and four coloured rating columns (seeded:
the same file every time), with the organisation merged over its block,
as HR analysts' sheets have it; each occupation once per organisation,
so that kmap summarises it without a conflict.

    /usr/bin/python3 bench/workbook_gen.py ROWS OUT.xlsx
"""
import random
import sys

from openpyxl import Workbook
from openpyxl.styles import PatternFill

LEVELS = [("Övertalighet", "0070C0"), ("Hållbart", "00B050"),
          ("Sårbart", "FFC000"), ("Brist", "FF0000")]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(2024)
    wb = Workbook()
    ws = wb.active
    ws.title = "Ratings"
    ws.append(["Region", "Organisation", "Yrke", "Nuläge 2024", 2025,
               2026, "2027-2029"])
    fills = {k: PatternFill("solid", fgColor="FF" + c) for k, c in LEVELS}
    block = 0
    for r in range(2, rows + 2):
        if (r - 2) % 50 == 0:
            block += 1
            start = r
        # an occupation once per organisation: kmap reads the file
        vals = ["Region %d" % (block % 21), "Kommun %d" % block,
                "Yrke %d" % ((r - start + 7 * block) % 120)]
        for c in range(4):
            vals.append(LEVELS[rnd.randrange(4)][0])
        ws.append(vals)
        for c in range(4):
            cell = ws.cell(row=r, column=4 + c)
            cell.fill = fills[cell.value]
        if (r - 1) % 50 == 0:
            ws.merge_cells(start_row=start, start_column=2, end_row=r,
                           end_column=2)
    wb.save(out)


if __name__ == "__main__":
    main()
