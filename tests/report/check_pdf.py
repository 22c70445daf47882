"""Reads the HTML report as Chromium printed it, from the PDF's text.

usage: check_pdf.py REPORT.pdf CRITICAL.json
Exits 1 listing what is wrong. Checked: every page is A4; and for every
critical occupation, its section ("N. Occupation") and its "Brist hos
PERIOD (n av m):" list, in which every organisation that the critical
JSON says rates Brist in the occupation's last period is named. The text
is read only inside each page (pdftotext -x -y -W -H), so a list cut off
at the page's edge is missing here as it is on paper.
Run with Debian's /usr/bin/python3; needs pdftotext and pdfinfo
(poppler-utils).
"""
import json
import re
import subprocess
import sys

A4 = (595.3, 841.9)  # points


def pages(path):
    """[(width, height)] of each page, from pdfinfo."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", path],
                         capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"^Page +\d+ size: +([\d.]+) x ([\d.]+) pts", out,
                       re.M)
    return [(float(w), float(h)) for w, h in sizes]


def page_text(path, number, size):
    """The text of one page that lies on the page, white space as one."""
    w, h = size
    out = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number),
                          "-x", "0", "-y", "0", "-W", str(int(w)), "-H",
                          str(int(h)), "-enc", "UTF-8", path, "-"],
                         capture_output=True, text=True, check=True).stdout
    return out


def main():
    pdf, critical = sys.argv[1:3]
    doc = json.load(open(critical, encoding="utf-8"))
    errors = []
    sizes = pages(pdf)
    if not sizes:
        errors.append("no pages")
    for i, (w, h) in enumerate(sizes):
        if abs(w - A4[0]) > 2 or abs(h - A4[1]) > 2:
            errors.append("page %d is %gx%g pt, not A4" % (i + 1, w, h))
    text = " ".join(page_text(pdf, i + 1, s) for i, s in enumerate(sizes))
    text = re.sub(r"\s+", " ", text)
    crit = [o for o in doc["occupations"]
            if o["critical"] and not o["set_apart"]]
    if not crit:
        errors.append("no critical occupation to look for")
    heads = ["%d. %s" % (o["rank"], o["occupation"]) for o in crit]
    checked = 0
    for k, o in enumerate(crit):
        head = heads[k]
        at = text.find(head)
        if at < 0:
            errors.append("no section %r" % head)
            continue
        last = o["last_period"]
        names = [b["organisation"]
                 for b in o["periods"][last]["brist_organisations"]]
        if not names:
            continue
        m = re.compile(r"Brist hos %s \((\d+) av (\d+)\): " %
                       re.escape(last)).search(text, at)
        if not m:
            errors.append("%s: no 'Brist hos %s' list" % (head, last))
            continue
        if int(m.group(1)) != len(names):
            errors.append("%s: the list says %s, the JSON has %d" %
                          (head, m.group(1), len(names)))
        # the list ends where the next heading begins
        rest = text[m.end():]
        ends = [rest.find(s) for s in heads[k + 1:k + 2] +
                ["Kommentarer", "Oenighet"]]
        ends = [e for e in ends if e >= 0]
        listed = rest[:min(ends)] if ends else rest
        for n in names:
            if n not in listed:
                errors.append("%s: %r rates Brist in %s but is not in the "
                              "printed list" % (head, n, last))
        checked += 1
    if not checked:
        errors.append("no 'Brist hos' list checked")
    for e in errors[:20]:
        print(e)
    sys.exit(1 if errors else 0)


main()
