#!/usr/bin/python3
"""Writes data/uppsala/: three yearly rounds of one län (seeded: the same
bytes on every run), for the README's follow-up examples and the tests of
rounds, kmap diff and the report's change section.

Every rating and comment is invented; the organisations and occupations
are real names. Run from the repository root:
/usr/bin/python3 data/generate_rounds.py

The rounds roll their horizon forward as real plans do:
  2023  Nuläge 2023, 2024 ... 2027         one wide sheet (UTF-8 BOM, ';')
  2024  Nuläge 2024, 2025 ... 2028         one long sheet (Windows-1252)
  2025  Nuläge 2025, 2026, 2027, 2028-2030 a manifest of three exports
Between 2024 and 2025 Uppsala kommun's Omsorgsförvaltningen became
Äldreförvaltningen (a new name: the organisation leaves and another joins)
and Specialistundersköterska was added to the mapping.

Each organisation and occupation has a true course over the years; a
round rates its nuläge as it is and every later period as that course
plus a forecast error of at most one step, so last year's forecast for
this year came true exactly where its error was 0.
"""
import random

LEVELS = ["Övertalighet", "Hållbart", "Sårbart", "Brist"]
REGION = "Uppsala län"

# occupation: who rates it (R the region, K the kommuner), level in 2023,
# change per year
OCCUPATIONS = {
    "Sjuksköterska": ("RK", 3.5, 0.1),
    "Specialistsjuksköterska": ("R", 3.6, 0.0),
    "Läkare": ("R", 2.8, 0.15),
    "Barnmorska": ("R", 3.3, -0.35),
    "Psykolog": ("R", 2.4, 0.35),
    "Undersköterska": ("RK", 2.7, 0.2),
    "Fysioterapeut": ("RK", 2.2, 0.05),
    "Arbetsterapeut": ("RK", 3.0, -0.25),
    "Vårdbiträde": ("K", 1.8, -0.1),
    "Socialsekreterare": ("K", 2.6, 0.3),
    "Biståndshandläggare": ("K", 2.3, 0.0),
    "Enhetschef": ("K", 2.9, -0.2),
}
ADDED_2025 = ("Specialistundersköterska", ("RK", 2.6, 0.1))

KOMMUNER = ["Enköpings kommun", "Heby kommun", "Knivsta kommun",
            "Tierps kommun", "Älvkarleby kommun", "Östhammars kommun"]
OLD_NAME = "Omsorgsförvaltningen Uppsala"
NEW_NAME = "Äldreförvaltningen Uppsala"

COMMENTS = {
    4: ["Inga sökande på de senaste annonserna",
        "Många pensionsavgångar de närmaste åren",
        "Hyrpersonal krävs för att klara sommaren"],
    3: ["Få sökande med rätt profil",
        "Sårbart vid sjukfrånvaro",
        "Klarar bemanningen med övertid"],
    2: ["Stabil personalgrupp", "Bra inflöde från utbildningen"],
    1: ["Fler anställda än behovet efter omorganisationen"],
}


def orgs(year):
    kommun_uppsala = OLD_NAME if year < 2025 else NEW_NAME
    return ["Region Uppsala"] + KOMMUNER + [kommun_uppsala]


def occupations(year):
    occ = dict(OCCUPATIONS)
    if year >= 2025:
        occ[ADDED_2025[0]] = ADDED_2025[1]
    return occ


def clamp(x):
    return max(1, min(4, int(round(x))))


def truth(rng_of, org, occ, year):
    """The level an organisation has for an occupation in a year."""
    who, base, drift = occupations(2025)[occ]
    offset = rng_of(("offset", org, occ)).choice([-0.6, -0.3, 0, 0, 0.3, 0.6])
    return base + offset + drift * (year - 2023)


def rounds():
    seeds = {}

    def rng_of(key):
        if key not in seeds:
            seeds[key] = random.Random(repr(key)).random()
        return random.Random(seeds[key])

    out = {}
    for year, periods in ((2023, [2023, 2024, 2025, 2026, 2027]),
                          (2024, [2024, 2025, 2026, 2027, 2028]),
                          (2025, [2025, 2026, 2027, (2028, 2030)])):
        rng = random.Random(year)
        rows = []
        for org in orgs(year):
            # the renamed förvaltning is the same organisation
            same = OLD_NAME if org == NEW_NAME else org
            kind = "R" if org.startswith("Region") else "K"
            for occ, (who, _, _) in occupations(year).items():
                if kind not in who:
                    continue
                levels = []
                for p in periods:
                    y = p if isinstance(p, int) else p[0]
                    t = truth(rng_of, same, occ, y)
                    if y == year:
                        levels.append(clamp(t))
                    else:
                        err = rng.choice([-1, 0, 0, 0, 1])
                        levels.append(clamp(t + err))
                cells = [LEVELS[lv - 1] for lv in levels]
                if rng.random() < 0.03:
                    cells[rng.randrange(1, len(cells))] = ""  # not rated
                comment = ""
                if levels[0] >= 3 and rng.random() < 0.4:
                    comment = rng.choice(COMMENTS[levels[0]])
                rows.append((org, occ, cells, comment))
        labels = [str(p) if isinstance(p, int) else "%d-%d" % p
                  for p in periods]
        out[year] = (labels, rows)
    return out


def csv_cell(value, delim):
    if any(c in value for c in (delim, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def write(path, lines, delim, encoding, eol="\r\n", bom=b""):
    text = eol.join(delim.join(csv_cell(v, delim) for v in line)
                    for line in lines) + eol
    with open(path, "wb") as f:
        f.write(bom + text.encode(encoding))


def main():
    r = rounds()
    # 2023: the whole län in one wide sheet, "CSV UTF-8" from Swedish Excel
    labels, rows = r[2023]
    header = ["Län", "Organisation", "Yrke", "Nuläge " + labels[0]] + \
        labels[1:] + ["Kommentar"]
    write("data/uppsala/omgang-2023.csv",
          [header] + [[REGION, o, y] + c + [k] for o, y, c, k in rows],
          ";", "utf-8", bom=b"\xef\xbb\xbf")
    # 2024: one long sheet, "CSV (semikolonavgränsad)": Windows-1252
    labels, rows = r[2024]
    lines = [["Län", "Kommun", "Yrkesbefattning", "År", "Bedömning",
              "Kommentar"]]
    for o, y, c, k in rows:
        for i, (label, cell) in enumerate(zip(labels, c)):
            period = "Nuläge " + label if i == 0 else label
            lines.append([REGION, o, y, period, cell, k if i == 0 else ""])
    write("data/uppsala/omgang-2024.csv", lines, ";", "cp1252")
    # 2025: three exports and the manifest that says how to read them
    labels, rows = r[2025]
    head = ["Nuläge " + labels[0]] + labels[1:] + ["Kommentar"]
    # the region's template has no organisation column
    write("data/uppsala/omgang-2025/region-uppsala.csv",
          [["Län", "Yrke"] + head] +
          [[REGION, y] + c + [k] for o, y, c, k in rows
           if o.startswith("Region")], ";", "utf-8", bom=b"\xef\xbb\xbf")
    # the kommuner's sheet has a title above the header
    lines = [["Kompetenskartläggning 2025 - kommunerna i Uppsala län"], [],
             ["Län", "Kommun", "Yrke"] + head]
    lines += [[REGION, o, y] + c + [k] for o, y, c, k in rows
              if o in KOMMUNER]
    write("data/uppsala/omgang-2025/kommunerna.csv", lines, ";", "cp1252")
    # Äldreförvaltningen sends "Unicode text": UTF-16, TAB, no Län column
    lines = [["Organisation", "Yrke"] + head]
    lines += [[o, y] + c + [k] for o, y, c, k in rows if o == NEW_NAME]
    with open("data/uppsala/omgang-2025/aldreforvaltningen.txt", "wb") as f:
        text = "\r\n".join("\t".join(csv_cell(v, "\t") for v in line)
                           for line in lines) + "\r\n"
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    write("data/uppsala/omgang-2025/omgang-2025.csv",
          [["fil", "omgång", "organisation", "region", "rubrikrad"],
           ["region-uppsala.csv", "2025", "Region Uppsala", "", ""],
           ["kommunerna.csv", "2025", "", "", "3"],
           ["aldreforvaltningen.txt", "2025", "", REGION, ""]], ";", "utf-8")


if __name__ == "__main__":
    main()
