#!/usr/bin/python3
"""Writes the synthetic sample sheets in data/ (seeded: same bytes every run).

The organisations and occupations are real names; every rating and comment
is invented. Run from the repository root: /usr/bin/python3 data/generate.py
"""
import random

LEVELS = ["Övertalighet", "Hållbart", "Sårbart", "Brist"]

OREBRO_ORGS = ["Askersunds kommun", "Degerfors kommun", "Hallsbergs kommun",
               "Hällefors kommun", "Karlskoga kommun", "Kumla kommun",
               "Laxå kommun", "Lekebergs kommun", "Lindesbergs kommun",
               "Ljusnarsbergs kommun", "Nora kommun", "Örebro kommun",
               "Region Örebro län"]

# occupation: (who rates it: R region, K kommuner, RK both), base level 1-4,
# drift per year (positive = getting worse)
OCCUPATIONS = {
    "Sjuksköterska": ("RK", 3.6, 0.15),
    "Specialistsjuksköterska": ("R", 3.8, 0.05),
    "Undersköterska": ("RK", 2.9, 0.2),
    "Vårdbiträde": ("K", 1.6, -0.05),
    "Läkare": ("R", 3.0, 0.1),
    "Specialistläkare": ("R", 3.7, 0.0),
    "Barnmorska": ("R", 3.4, 0.1),
    "Fysioterapeut": ("RK", 2.6, 0.1),
    "Arbetsterapeut": ("RK", 2.8, 0.1),
    "Psykolog": ("R", 3.1, 0.05),
    "Kurator": ("RK", 2.3, 0.0),
    "Socialsekreterare": ("K", 3.2, 0.1),
    "Biståndshandläggare": ("K", 2.4, 0.05),
    "Enhetschef": ("K", 2.5, 0.1),
    "Personlig assistent": ("K", 2.0, 0.05),
    "Stödassistent": ("K", 2.2, 0.0),
    "Skötare": ("R", 2.7, 0.05),
    "Dietist": ("RK", 2.1, 0.0),
    "Biomedicinsk analytiker": ("R", 3.3, 0.1),
    "Tandsköterska": ("R", 2.9, 0.1),
    "Medicinsk sekreterare": ("R", 1.8, -0.1),
}

COMMENTS = {
    4: ["Svårt att rekrytera; många pensionsavgångar",
        "Inga sökande på senaste annonserna",
        "Hyrpersonal krävs för att klara sommaren",
        'Konkurrens med regionen om "samma" personer'],
    3: ["Få sökande med rätt profil",
        "Klarar bemanningen med övertid",
        "Sårbart vid sjukfrånvaro, särskilt på helger"],
    2: ["Stabil personalgrupp",
        "Bra inflöde från utbildningen"],
    1: ["Fler anställda än behovet efter omorganisation"],
}


def rate(rng, base, drift, step):
    x = base + drift * step + rng.uniform(-0.7, 0.7)
    return max(1, min(4, round(x)))


def orebro_rows(rng):
    rows = []
    for org in OREBRO_ORGS:
        kind = "R" if org.startswith("Region") else "K"
        for occ, (who, base, drift) in OCCUPATIONS.items():
            if kind not in who:
                continue
            levels = [rate(rng, base, drift, s) for s in range(4)]
            cells = [LEVELS[l - 1] for l in levels]
            if rng.random() < 0.04:
                cells[rng.randrange(4)] = ""  # not rated
            comment = ""
            if rng.random() < 0.35:
                comment = rng.choice(COMMENTS[max(levels)])
                if rng.random() < 0.15:
                    comment += "\nSe även handlingsplanen"  # Alt+Enter
            rows.append(["Örebro län", org, occ] + cells + [comment])
    return rows


def csv_cell(value, delim):
    if any(c in value for c in (delim, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def write(path, header, rows, delim, encoding, eol, bom=b"", trailing=0):
    lines = []
    for r in [header] + rows:
        cells = [csv_cell(v, delim) for v in r] + [""] * trailing
        lines.append(delim.join(cells))
    if trailing:  # Excel's empty rows below the data
        lines.append(delim * (len(header) + trailing - 1))
    text = eol.join(lines) + eol
    with open(path, "wb") as f:
        f.write(bom)
        f.write(text.encode(encoding))


def halland_rows(rng):
    orgs = ["Falkenbergs kommun", "Halmstads kommun", "Hylte kommun",
            "Kungsbacka kommun", "Laholms kommun", "Varbergs kommun",
            "Region Halland"]
    periods = ["Nuläge 2024", "2025", "2026–2028"]
    spellings = {  # how people type the ratings
        1: ["Övertalighet", "övertalighet", "OVERTALIGHET"],
        2: ["Hållbart", "hallbart", " Hållbart "],
        3: ["Sårbart", "Sarbart", "SÅRBART"],
        4: ["Brist", "brist", "BRIST "],
    }
    rows = []
    for org in orgs:
        kind = "R" if org.startswith("Region") else "K"
        for occ, (who, base, drift) in OCCUPATIONS.items():
            if kind not in who or rng.random() < 0.2:
                continue
            for step, period in enumerate(periods):
                level = rate(rng, base, drift, step * 1.5)
                cell = rng.choice(spellings[level])
                if rng.random() < 0.03:
                    cell = "-"
                comment = ""
                if step == 0 and rng.random() < 0.3:
                    comment = rng.choice(COMMENTS[level])
                rows.append(["Hallands län", org, occ, period, cell,
                             comment])
    return rows


def three_level_rows(rng):
    """A later Halland round rated on the three-level scale
    (data/scale-brist-balans-overskott.json): the same occupations, their
    1-4 base squeezed onto Överskott 1, Balans 2, Brist 3."""
    levels = ["Överskott", "Balans", "Brist"]
    comments = {3: ["Brist på legitimerad personal", "Inga sökande"],
                2: ["I balans just nu"], 1: ["Fler sökande än tjänster"]}
    orgs = ["Halmstads kommun", "Kungsbacka kommun", "Varbergs kommun",
            "Region Halland"]
    rows = []
    for org in orgs:
        kind = "R" if org.startswith("Region") else "K"
        for occ, (who, base, drift) in OCCUPATIONS.items():
            if kind not in who:
                continue
            cells = []
            for step in range(3):
                x = (base - 1) * 2 / 3 + 1 + drift * step * 2
                x += rng.uniform(-0.6, 0.6)
                cells.append(max(1, min(3, round(x))))
            comment = ""
            if rng.random() < 0.3:
                comment = rng.choice(comments[max(cells)])
            rows.append(["Hallands län", org, occ] +
                         [levels[c - 1] for c in cells] + [comment])
    return rows


def main():
    rng = random.Random(2021)
    header = ["Län", "Organisation", "Yrkesbefattning", "Nuläge 2021",
              "2022", "2023", "2024", "Kommentar"]
    rows = orebro_rows(rng)
    # "CSV UTF-8 (kommaavgränsad)" from Swedish Excel: BOM, ';', CRLF
    write("data/orebro-2021.csv", header, rows, ";", "utf-8", "\r\n",
          bom=b"\xef\xbb\xbf")
    # "Unicode-text": UTF-16LE with BOM, TAB, merged Län/Organisation
    # cells left empty below the first row of each block (--fill-down)
    merged, last = [], (None, None)
    for r in rows:
        r = list(r)
        region, org = r[0], r[1]
        if region == last[0]:
            r[0] = ""
        if (region, org) == last:
            r[1] = ""
        last = (region, org)
        merged.append(r)
    with open("data/orebro-2021-unicode.txt", "wb") as f:
        lines = ["\t".join(csv_cell(v, "\t") for v in r)
                 for r in [header] + merged]
        f.write(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n")
                .encode("utf-16-le"))
    # "CSV (semikolonavgränsad)": Windows-1252, ';', CRLF, Excel's
    # trailing empty columns and an empty row at the end; long layout
    rng = random.Random(2024)
    write("data/halland-2024.csv",
          ["Län", "Kommun", "Yrke", "År", "Bedömning", "Kommentar"],
          halland_rows(rng), ";", "cp1252", "\r\n", trailing=2)
    # "CSV UTF-8 (Comma delimited)" from an English Excel: BOM, ',', CRLF;
    # rated on three levels, read with --scale
    rng = random.Random(2026)
    write("data/halland-2026-tre-nivaer.csv",
          ["Län", "Organisation", "Yrke", "Nuläge 2026", "2027",
           "2028–2030", "Kommentar"],
          three_level_rows(rng), ",", "utf-8", "\r\n", bom=b"\xef\xbb\xbf")


if __name__ == "__main__":
    main()
