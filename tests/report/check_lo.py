"""What LibreOffice read from kmap's XLSX report and --excel CSV.

usage: check_lo.py OUTDIR REPORT CSVNAME SUMMARY.json CRITICAL.json REF.csv
OUTDIR holds LibreOffice's conversions to CSV (headless soffice
--convert-to csv, every sheet, text cells quoted, so that a number is a
field without quotes): REPORT-<sheet>.csv from the XLSX report and
CSVNAME-<sheet>.csv from the --excel CSV. Exits 1 listing what is wrong.
Checked against kmap's own numbers:
  - Sammanfattning: the counts, risk share and index per period
    (SUMMARY.json's total);
  - Kritiska yrken: rank, n, the Brist count and share, risk share and
    worse of each occupation (CRITICAL.json), ranks included;
  - the --excel CSV (';', decimal comma, read as Swedish): every field
    that kmap's plain CSV (REF.csv) has as a number is a number here,
    with the same value, and the header row is not REF.csv's (--lang sv
    heads the columns in Swedish).
Run with Debian's /usr/bin/python3.
"""
import csv
import glob
import json
import os
import sys


def fields(line):
    """A CSV line as [(text, quoted)]."""
    out, i, n = [], 0, len(line)
    while True:
        if i < n and line[i] == '"':
            j, buf = i + 1, []
            while j < n:
                if line[j] == '"' and j + 1 < n and line[j + 1] == '"':
                    buf.append('"')
                    j += 2
                elif line[j] == '"':
                    break
                else:
                    buf.append(line[j])
                    j += 1
            out.append(("".join(buf), True))
            i = j + 1
        else:
            j = line.find(",", i)
            j = n if j < 0 else j
            out.append((line[i:j], False))
            i = j
        if i >= n:
            return out
        i += 1  # the comma


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [fields(line.rstrip("\r\n")) for line in f]


def number(field):
    """The number LibreOffice read (a field without quotes), or None."""
    text, quoted = field
    if quoted or text == "":
        return None
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1], 0.01
    try:
        return float(text) * scale
    except ValueError:
        return None


def same(a, b):
    return a is not None and b is not None and abs(a - b) < 6e-5


def sheet(outdir, base, name, errors):
    path = os.path.join(outdir, "%s-%s.csv" % (base, name))
    if not os.path.exists(path):
        errors.append("LibreOffice wrote no %s (%s)" % (
            path, ", ".join(sorted(os.listdir(outdir)))))
        return []
    return rows(path)


def check_summary(table, total, errors):
    keys = ["overtalighet", "hallbart", "sarbart", "brist", "missing",
            "risk_share", "index"]
    head = [i for i, r in enumerate(table) if r and r[0][0] == "period"]
    if not head:
        errors.append("Sammanfattning: no period table")
        return 0
    seen = 0
    for r in table[head[0] + 1:]:
        label = r[0][0].replace(" (nu)", "")
        if label not in total:
            break
        for k, key in enumerate(keys):
            got, want = number(r[k + 1]), total[label][key]
            if not same(got, want):
                errors.append("Sammanfattning %s %s: LibreOffice read %r, "
                              "kmap says %r" % (label, key, r[k + 1], want))
        seen += 1
    if seen != len(total):
        errors.append("Sammanfattning: %d periods, kmap has %d" %
                      (seen, len(total)))
    return seen


def check_critical(table, crit, errors):
    by_name = {o["occupation"]: o for o in crit["occupations"]}
    keys = ["rank", "raters", "brist_raters", "brist_share", "risk_share",
            "worse"]
    cols = [0, 3, 4, 5, 6, 7]
    seen = 0
    for r in table[1:]:
        if len(r) < 8 or r[1][0] not in by_name:
            break
        o = by_name[r[1][0]]
        for key, c in zip(keys, cols):
            if not same(number(r[c]), o[key]):
                errors.append("Kritiska yrken %s %s: LibreOffice read %r, "
                              "kmap says %r" % (o["occupation"], key, r[c],
                                                o[key]))
        seen += 1
    if not seen:
        errors.append("Kritiska yrken: no occupation read")
    return seen


def check_csv(table, ref_path, errors):
    with open(ref_path, encoding="utf-8") as f:
        ref = list(csv.reader(f))
    if len(table) != len(ref):
        errors.append("--excel CSV: %d rows, kmap wrote %d" %
                      (len(table), len(ref)))
    if table and [t for t, _ in table[0]] == ref[0]:
        errors.append("--excel CSV: the header is the plain CSV's %r" %
                      ref[0][:4])
    numbers = 0
    for i, (got, want) in enumerate(zip(table[1:], ref[1:])):
        for k, w in enumerate(want):
            try:
                value = float(w)
            except ValueError:
                continue
            numbers += 1
            g = got[k] if k < len(got) else ("", True)
            if not same(number(g), value):
                errors.append("--excel CSV line %d, %s: LibreOffice read "
                              "%r, kmap wrote %s" % (i + 2, ref[0][k], g, w))
    if not numbers:
        errors.append("--excel CSV: no number compared")
    return numbers


def main():
    outdir, report, csvname, summary, critical, ref = sys.argv[1:7]
    errors = []
    total = json.load(open(summary, encoding="utf-8"))["total"]
    crit = json.load(open(critical, encoding="utf-8"))
    check_summary(sheet(outdir, report, "Sammanfattning", errors), total,
                  errors)
    check_critical(sheet(outdir, report, "Kritiska yrken", errors), crit,
                   errors)
    found = glob.glob(os.path.join(outdir, csvname + "-*.csv"))
    if len(found) != 1:
        errors.append("--excel CSV: LibreOffice wrote %r" % found)
    else:
        check_csv(rows(found[0]), ref, errors)
    for e in errors[:20]:
        print(e)
    sys.exit(1 if errors else 0)


main()
