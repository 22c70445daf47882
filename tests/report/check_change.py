"""The report's change section against kmap diff's JSON of the same rounds.

usage: check_change.py REPORT.html REPORT.xlsx DIFF.json TITLE
Run with Debian's /usr/bin/python3 (python3-openpyxl). Exit 0 when the
HTML has the section (its h2 is TITLE), its critical table names exactly
the occupations that became and ceased to be critical, its forecast table
and bar hold the diff's overall counts, its comments table only names
occupations critical in the new round; and the XLSX workbook's
Förändring sheet holds the same names and counts.
"""
import json
import sys
from html.parser import HTMLParser

import openpyxl

html_path, xlsx_path, diff_path, title = sys.argv[1:5]
d = json.load(open(diff_path, encoding="utf-8"))
crit = d["critical_changes"]
became = [e["occupation"] for e in crit["became"]]
ceased = [e["occupation"] for e in crit["ceased"]]
critical_new = {e["occupation"] for e in crit["ranks"]
                if e["new"] and e["new"]["critical"]}
f = d["forecast_check"]["overall"]
counts = [f["compared"], f["came_true"], f["too_pessimistic"],
          f["too_optimistic"]]
errors = []


class Section(HTMLParser):
    """The tables (rows of cell texts) and SVG texts after <h2 id=change>."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.heading = None
        self.tables, self.svg_text = [], []
        self.cell = self.row = self.tag = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2":
            self.inside = a.get("id") == "change"
            self.tag = "h2" if self.inside else None
            if self.inside:
                self.heading = ""
        if not self.inside:
            return
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
            self.tables[-1].append(self.row)
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag == "text":
            self.tag = "text"
            self.svg_text.append("")

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag in ("h2", "text"):
            self.tag = None

    def handle_data(self, data):
        if not self.inside:
            return
        if self.tag == "h2":
            self.heading += data
        elif self.tag == "text":
            self.svg_text[-1] += data
        if self.cell is not None:
            self.cell += data


p = Section()
p.feed(open(html_path, encoding="utf-8").read())
if p.heading is None or p.heading.strip() != title:
    errors.append("html: no section headed %r (got %r)" % (title, p.heading))
else:
    tables = p.tables
    # the first table: became and ceased, the occupation in column 2
    names = [r[1] for r in tables[0][1:]] if tables and len(
        tables[0]) > 1 else []
    if names != became + ceased:
        errors.append("html: critical in and out %s, diff says %s"
                      % (names, became + ceased))
    overall = [t for t in tables if t and t[0][1:5] and
               t[0][1] in ("jämförda", "compared") and len(t) == 2]
    got = [int(x) for x in overall[0][1][1:5]] if overall else None
    if got != counts:
        errors.append("html: forecast %s, diff says %s" % (got, counts))
    legend = [int(t.split()[0]) for t in p.svg_text if t.strip()]
    if legend != counts[1:]:
        errors.append("html: forecast bar %s, diff says %s"
                      % (legend, counts[1:]))
    comments = [t for t in tables if t and t[0] and
                t[0][-1] in ("kommentar efter", "new comment")]
    occ = {r[0] for r in comments[0][1:] if r[0]} if comments else set()
    if not occ or not occ <= critical_new:
        errors.append("html: comments on %s, critical now %s"
                      % (sorted(occ), sorted(critical_new)))

wb = openpyxl.load_workbook(xlsx_path)
if "Förändring" not in wb.sheetnames:
    errors.append("xlsx: no sheet Förändring in %s" % wb.sheetnames)
else:
    ws = wb["Förändring"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    cells = {c for r in rows for c in r if c is not None}
    for name in became + ceased:
        if name not in cells:
            errors.append("xlsx: %s not on the sheet" % name)
    if not any(r[1:5] == counts for r in rows):
        errors.append("xlsx: no row with the forecast counts %s" % counts)
    if any(isinstance(c, str) and c.startswith("=") for c in cells):
        errors.append("xlsx: a formula on the sheet")

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
