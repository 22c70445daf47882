"""The benchmark job in plain Python: csv module and a Counter.
usage: count.py FILE"""
import csv
import sys
from collections import Counter

c = Counter()
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    next(r)
    for row in r:
        c[(row[0], row[1], row[3], row[4])] += 1
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["region", "organisation", "period", "rating", "n"])
for k in sorted(c):
    out.writerow(list(k) + [c[k]])
