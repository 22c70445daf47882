"""Checks a kmap HTML report with Python's own HTML parser.

usage: check_html.py REPORT.html SUMMARY.json CRITICAL.json [TEXT...]
Exits 1 listing what is wrong. Checked: one self-contained page (no
script, no external resource), the sections, a heatmap row per occupation
of the summary JSON with a level letter in every coloured cell, the
critical occupations of the critical JSON, and each TEXT appearing as
text (escaped in the source, so never as markup).
Run with Debian's /usr/bin/python3.
"""
import json
import sys
from html.parser import HTMLParser

LETTERS = {"l1": "Ö", "l2": "H", "l3": "S", "l4": "B"}


class Report(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.ids = []
        self.external = []
        self.text = []
        self.heatmap_rows = []  # [occupation, [(class, text), ...]]
        self.in_heatmap = False
        self.cell = None
        self.row = None
        self.in_th_occ = False
        self.stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.stack.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        for key in ("src", "href"):
            if key in a:
                self.external.append(a[key])
        if tag == "link" or (tag == "img" and "src" in a):
            self.external.append(tag)
        cls = (a.get("class") or "").split()
        if tag == "table" and "heatmap" in cls:
            self.in_heatmap = True
        if self.in_heatmap and tag == "tr":
            self.row = None
        if self.in_heatmap and tag == "th" and "occ" in cls:
            self.in_th_occ = True
            self.row = ["", []]
            self.heatmap_rows.append(self.row)
        if self.in_heatmap and tag == "td" and self.row is not None:
            self.cell = [" ".join(c for c in cls if c.startswith("l")
                                  and c != "lv"), ""]
            self.row[1].append(self.cell)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if tag == "table":
            self.in_heatmap = False
        if tag == "th":
            self.in_th_occ = False
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self.in_th_occ and self.row is not None:
            self.row[0] += data
        if self.cell is not None:
            self.cell[1] += data


def main():
    path, summary, critical = sys.argv[1:4]
    wanted = sys.argv[4:]
    raw = open(path, encoding="utf-8").read()
    p = Report()
    p.feed(raw)
    p.close()
    errors = []
    text = "".join(p.text)
    if not raw.startswith("<!DOCTYPE html>"):
        errors.append("no doctype")
    if "script" in p.tags:
        errors.append("a <script> element")
    if p.external:
        errors.append("external resources: %r" % p.external[:5])
    for section in ("inputs", "summary", "heatmap", "critical",
                    "disagreement", "quality"):
        if section not in p.ids:
            errors.append("no section #" + section)
    if "svg" not in p.tags or "rect" not in p.tags:
        errors.append("no SVG bars")
    occupations = [o["occupation"] for o in
                   json.load(open(summary, encoding="utf-8"))["occupations"]]
    got = [r[0] for r in p.heatmap_rows]
    if got != occupations:
        errors.append("heatmap rows %r, want %r" % (got[:3], occupations[:3]))
    for occ, cells in p.heatmap_rows:
        for cls, letter in cells:
            if cls and LETTERS.get(cls) != letter:
                errors.append("%s: cell %s shows %r" % (occ, cls, letter))
    crit = json.load(open(critical, encoding="utf-8"))["occupations"]
    for o in crit:
        if o["critical"] and o["occupation"] not in text:
            errors.append("critical occupation %s missing" % o["occupation"])
        for c in o["comments"] if o["critical"] else []:
            # line breaks are <br> in the page
            flat = c["comment"].replace("\r", "").replace("\n", "")
            if flat not in text.replace("\r", "").replace("\n", ""):
                errors.append("comment missing: %r" % c["comment"][:40])
    for w in wanted:
        if w not in text:
            errors.append("text missing: %r" % w)
    for e in errors:
        print(e)
    sys.exit(1 if errors else 0)


main()
