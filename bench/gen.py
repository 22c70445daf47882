#!/usr/bin/python3
"""Benchmark input for kmap and its peers (seeded: same bytes every run).

usage: gen.py ROWS OUT.csv [--cp1252-semicolon OUT2] [--utf16-tab OUT3]

A long-layout national round: region, organisation, occupation, period,
rating, comment. Every (region, organisation, occupation, period) key is
unique. Organisations are at enhet level (about 7000 for 5M rows), 120
occupations, 6 periods, about 30 % of rows with a comment, some of them
quoted because they hold a comma or a doubled quote. Rows average about
81 bytes. Ratings are written in canonical form or left empty (missing).
"""
import random
import sys

REGIONS = ["Stockholms län", "Uppsala län", "Södermanlands län",
           "Östergötlands län", "Jönköpings län", "Kronobergs län",
           "Kalmar län", "Gotlands län", "Blekinge län", "Skåne län",
           "Hallands län", "Västra Götalands län", "Värmlands län",
           "Örebro län", "Västmanlands län", "Dalarnas län",
           "Gävleborgs län", "Västernorrlands län", "Jämtlands län",
           "Västerbottens län", "Norrbottens län"]
PERIODS = ["2024", "2025", "2026", "2027", "2028-2029", "2030-2034"]
RATINGS = ["Övertalighet", "Hållbart", "Sårbart", "Brist"]
WEIGHTS = [8, 40, 32, 17]  # % ; the other 3 % are missing
COMMENTS = ["Svårt att rekrytera erfarna", "Pensionsavgångar väntar",
            "Stabil grupp just nu", "Beroende av hyrpersonal",
            'Konkurrens med regionen, "hård"', "Få sökande, låga löner",
            "Ny utbildning startar 2026"]


def occupations():
    base = ["Sjuksköterska", "Undersköterska", "Specialistläkare",
            "Barnmorska", "Fysioterapeut", "Arbetsterapeut", "Psykolog",
            "Kurator", "Socialsekreterare", "Förskollärare",
            "Grundlärare", "Ämneslärare", "Elevassistent", "Kock",
            "Lokalvårdare", "Ingenjör", "Ekonom", "Handläggare",
            "Enhetschef", "Personlig assistent"]
    return ["%s %d" % (b, i // len(base) + 1) if i >= len(base) else b
            for i, b in ((i, base[i % len(base)]) for i in range(120))]


def rows(n, rng):
    occs = occupations()
    per_org = len(occs) * len(PERIODS)
    norgs = (n + per_org - 1) // per_org
    count = 0
    for o in range(norgs):
        region = REGIONS[o % len(REGIONS)]
        org = "%s enhet %04d" % (region, o)
        for occ in occs:
            for period in PERIODS:
                r = rng.random() * 100
                rating = ""
                acc = 0
                for name, w in zip(RATINGS, WEIGHTS):
                    acc += w
                    if r < acc:
                        rating = name
                        break
                comment = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
                yield (region, org, occ, period, rating, comment)
                count += 1
                if count == n:
                    return


def cell(v, delim):
    if any(c in v for c in (delim, '"', "\n", "\r")):
        return '"' + v.replace('"', '""') + '"'
    return v


def write(path, n, delim, encoding, bom=b""):
    rng = random.Random(6)
    head = ("region", "organisation", "occupation", "period", "rating",
            "comment")
    with open(path, "wb") as f:
        f.write(bom)
        buf = []
        for r in [head] + list(rows(n, rng)) if n <= 200000 else \
                _chain(head, rows(n, rng)):
            buf.append(delim.join(cell(v, delim) for v in r) + "\n")
            if len(buf) == 10000:
                f.write("".join(buf).encode(encoding))
                buf = []
        f.write("".join(buf).encode(encoding))


def _chain(head, it):
    yield head
    yield from it


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    write(out, n, ",", "utf-8")
    args = sys.argv[3:]
    while args:
        opt, path = args[0], args[1]
        args = args[2:]
        if opt == "--cp1252-semicolon":
            write(path, n, ";", "cp1252")
        elif opt == "--utf16-tab":
            write(path, n, "\t", "utf-16-le", bom=b"\xff\xfe")
        else:
            sys.exit("unknown option " + opt)


if __name__ == "__main__":
    main()
