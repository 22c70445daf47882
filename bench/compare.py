"""Checks that a peer's counts equal kmap's.

usage: compare.py KMAP.json PEER.csv   (exit 0 equal, 1 different)
PEER.csv: region,organisation,period,rating,n in any order; an empty
rating (or NULL) is a missing rating.
"""
import csv
import json
import sys

LABEL = {"Övertalighet": "overtalighet", "Hållbart": "hallbart",
         "Sårbart": "sarbart", "Brist": "brist", "": "missing",
         "null": "missing", "NULL": "missing"}

k = json.load(open(sys.argv[1], encoding="utf-8"))
want = {}
for reg in k["regions"]:
    for org in reg["organisations"]:
        for period, st in org["periods"].items():
            for key in ("overtalighet", "hallbart", "sarbart", "brist",
                        "missing"):
                if st[key]:
                    want[(reg["region"], org["organisation"], period,
                          key)] = st[key]
got = {}
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    head = next(r)
    for row in r:
        if not row:
            continue
        key = (row[0], row[1], row[2], LABEL[row[3]])
        got[key] = got.get(key, 0) + int(row[4])
if got != want:
    diff = set(got.items()) ^ set(want.items())
    print("counts differ: %d groups, e.g. %s" % (len(diff),
                                                  sorted(diff)[:3]))
    sys.exit(1)
print("counts equal: %d groups, %d records" % (len(want),
                                               sum(want.values())))
