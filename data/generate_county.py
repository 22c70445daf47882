#!/usr/bin/python3
"""Writes a county round as a steering group sees it (fixed bytes).

Västmanlands län: 9 organisations, 15 occupations, 4 periods, written out
by hand rather than drawn at random, so that the facts the tests and the
README rely on hold by construction:

  * Sjuksköterska is rated by 8 organisations, and all 8 say Brist in
    2028-2030; Barnmorska by 2 (both Brist), Specialistsjuksköterska and
    Läkare by the region alone. Both Sjuksköterska and Barnmorska get
    worse at 2 organisations, so only the number saying Brist tells them
    apart (ranked by share, risk and worse alone, Barnmorska would come
    first by name).
  * Undersköterska: every kommun says Brist, the region (most of the
    staff) Sårbart, so weighting by headcount changes its share.
  * Arbetsterapeut, Socialsekreterare, Kock: mostly Sårbart (a high risk
    share with little Brist).
  * Fysioterapeut, Socialsekreterare, Administratör: ratings two or three
    steps apart in one period.
  * Vårdbiträde, Barnskötare, Fysioterapeut, Administratör: Övertalighet
    in one organisation and Sårbart or Brist in another of the län in the
    same period (omställning).

Uppsala län (5 organisations) adds another region: Administratör there is
an omställning case of its own, while Barnskötare has Övertalighet in
Västmanland and Sårbart in Uppsala in 2026, which is not one (another
län).

The context file gives headcount, retirements within 5 years, vacancies
and recruitment need per organisation and occupation, with one row that
matches no record and one spelled in capitals.

Every rating, comment and number is invented. Run from the repository
root: /usr/bin/python3 data/generate_county.py
"""

LEVEL = {"O": "Övertalighet", "H": "Hållbart", "S": "Sårbart", "B": "Brist",
         "-": ""}

VM = "Västmanlands län"
UP = "Uppsala län"

# organisation keys -> names
ORGS = {
    "R": "Region Västmanland", "V": "Västerås stad", "K": "Köpings kommun",
    "S": "Sala kommun", "F": "Fagersta kommun", "A": "Arboga kommun",
    "Ha": "Hallstahammars kommun", "Ku": "Kungsörs kommun",
    "N": "Norbergs kommun",
    "RU": "Region Uppsala", "U": "Uppsala kommun", "E": "Enköpings kommun",
    "Ö": "Östhammars kommun", "T": "Tierps kommun",
}

# occupation -> {organisation key: ratings now, 2026, 2027, 2028-2030}
VASTMANLAND = {
    "Sjuksköterska": {"R": "BBBB", "V": "BBBB", "K": "SBBB", "S": "BBBB",
                      "F": "BBBB", "A": "SSBB", "Ha": "BBBB", "N": "BBBB"},
    "Barnmorska": {"R": "SBBB", "V": "SBBB"},
    "Specialistsjuksköterska": {"R": "BBBB"},
    "Läkare": {"R": "SSBS"},
    "Undersköterska": {"R": "SSSS", "V": "SSBB", "K": "SBBB", "S": "SSBB",
                       "F": "HSBB", "A": "SSSB", "Ha": "SBBB", "Ku": "SSBB",
                       "N": "HSSB"},
    "Vårdbiträde": {"V": "HOOO", "K": "HHHH", "S": "HHSS", "F": "HHHH",
                    "A": "HHHH", "Ha": "OHHH", "Ku": "HHHH", "N": "HHHS"},
    "Fysioterapeut": {"R": "HSSB", "V": "HHSS", "K": "OHHH", "S": "SSBB",
                      "Ha": "HHSS"},
    "Arbetsterapeut": {"R": "SSSS", "V": "HSSS", "K": "SSSS", "S": "HSSS",
                       "F": "SSSB", "A": "SSSS", "Ha": "HHSS"},
    "Socialsekreterare": {"V": "BBSS", "K": "SSSS", "S": "HHSB",
                          "F": "BBBS", "A": "SSSS", "Ha": "HHHH",
                          "Ku": "SSBB", "N": "HSSS"},
    "Biståndshandläggare": {"V": "HHSS", "K": "HHHS", "S": "HHHH",
                            "F": "SSSS", "A": "HHHS", "Ha": "HHSS",
                            "Ku": "HSSS", "N": "HHHH"},
    "Förskollärare": {"V": "SSBB", "K": "BBBB", "S": "SSSB", "F": "SBBB",
                      "A": "SSSS", "Ha": "SSBB", "Ku": "SSSS", "N": "SBBB"},
    "Barnskötare": {"V": "HHOO", "K": "HHHH", "S": "HHHS", "F": "HHHH",
                    "A": "HOOO", "Ha": "HHHH", "Ku": "HHHH", "N": "HHHH"},
    "Grundlärare": {"V": "SSBB", "K": "SSSB", "S": "SSSS", "F": "SBBB",
                    "A": "SSSB", "Ha": "SSSS", "Ku": "SSBB", "N": "SSSS"},
    "Administratör": {"R": "OOOO", "V": "HHHH", "K": "HHSB", "S": "HHHH",
                      "F": "HHHH", "A": "HHHH", "Ha": "HHHH", "Ku": "HHHH",
                      "N": "HHHH"},
    "Kock": {"V": "HHSS", "K": "HHHH", "S": "HSSS", "F": "HHHH",
             "A": "HHSS", "Ha": "HHHH", "Ku": "HSSS", "N": "-HHS"},
}

UPPSALA = {
    "Sjuksköterska": {"RU": "BBBB", "U": "SBBB", "E": "SSBB", "Ö": "BBBB",
                      "T": "SSSB"},
    "Undersköterska": {"RU": "SSSB", "U": "SSBB", "E": "SSSB", "Ö": "SBBB",
                       "T": "HSSS"},
    "Vårdbiträde": {"U": "OOOH", "E": "HHHH", "Ö": "HHHH", "T": "HHHH"},
    "Barnskötare": {"U": "HHHH", "E": "HSSS", "Ö": "HHHH", "T": "HHH-"},
    "Förskollärare": {"U": "SSBB", "E": "SBBB", "Ö": "SSSS", "T": "SSSB"},
    "Administratör": {"RU": "HHOO", "U": "HHHH", "E": "HSSB", "Ö": "HHHH",
                      "T": "HHHH"},
}

COMMENTS = {
    ("V", "Sjuksköterska"): "Inga sökande till nattjänsterna; "
                            "hyrpersonal i sommar",
    ("R", "Sjuksköterska"): "Pensionsavgångar och konkurrens med "
                            "Stockholm",
    ("N", "Sjuksköterska"): "Klarar hemsjukvården med en vakans",
    ("R", "Barnmorska"): "BB Västerås saknar fyra barnmorskor",
    ("R", "Undersköterska"): "Stabilt i slutenvården; "
                             "undersköterskelyftet hjälper",
    ("K", "Undersköterska"): "Hemtjänsten tappar personal till regionen",
    ("V", "Vårdbiträde"): "Fler vårdbiträden än behovet efter "
                          "omorganisationen av hemtjänsten",
    ("S", "Vårdbiträde"): "Svårt att bemanna helger i hemtjänsten",
    ("R", "Administratör"): "Digitaliseringen minskar behovet",
    ("K", "Administratör"): "Ny ekonomienhet behöver bemannas 2027",
    ("K", "Förskollärare"): "Två förskolor öppnar 2026",
    ("F", "Socialsekreterare"): "Hög personalomsättning inom barn och unga",
    ("Ku", "Socialsekreterare"): "Konkurrens med grannkommunerna",
}

# headcount, retirements within 5 years, vacancies, recruitment need
CONTEXT = {
    "Sjuksköterska": {"R": (1450, 160, 85, 420), "V": (180, 24, 12, 60),
                      "K": (38, 6, 3, 12), "S": (32, 5, 4, 11),
                      "F": (22, 4, 2, 8), "A": (20, 3, 1, 6),
                      "Ha": (24, 4, 3, 9), "N": (9, 2, 1, 3)},
    "Barnmorska": {"R": (120, 18, 4, 30), "V": (6, 1, 0, 1)},
    "Specialistsjuksköterska": {"R": (620, 90, 40, 210)},
    "Läkare": {"R": (780, 70, 30, 150)},
    "Undersköterska": {"R": (1200, 130, 20, 260), "V": (650, 90, 35, 210),
                       "K": (140, 22, 9, 45), "S": (120, 18, 8, 40),
                       "F": (95, 16, 6, 30), "A": (90, 12, 4, 25),
                       "Ha": (110, 17, 7, 35), "Ku": (60, 9, 3, 18),
                       "N": (45, 8, 2, 12)},
    "Vårdbiträde": {"V": (210, 20, 0, 10), "K": (30, 3, 0, 4),
                    "S": (28, 4, 2, 6), "F": (25, 3, 0, 3),
                    "A": (22, 2, 0, 2), "Ha": (26, 3, 0, 3),
                    "Ku": (14, 1, 0, 1), "N": (12, 2, 0, 2)},
    "Fysioterapeut": {"R": (160, 15, 6, 35), "V": (20, 2, 1, 4),
                      "K": (5, 0, 0, 0), "S": (4, 1, 1, 2),
                      "Ha": (4, 0, 0, 1)},
    "Arbetsterapeut": {"R": (140, 14, 5, 30), "V": (30, 3, 2, 8),
                       "K": (6, 1, 0, 2), "S": (5, 1, 0, 1),
                       "F": (4, 1, 1, 2), "A": (4, 0, 0, 1),
                       "Ha": (5, 1, 0, 1)},
    "Socialsekreterare": {"V": (160, 12, 10, 45), "K": (25, 2, 2, 8),
                          "S": (22, 2, 2, 7), "F": (18, 1, 3, 8),
                          "A": (16, 1, 1, 4), "Ha": (20, 2, 0, 3),
                          "Ku": (10, 1, 1, 4), "N": (8, 1, 0, 2)},
    "Biståndshandläggare": {"V": (45, 4, 1, 8), "K": (8, 1, 0, 1),
                            "S": (7, 1, 0, 1), "F": (6, 1, 0, 1),
                            "A": (6, 0, 0, 1), "Ha": (7, 1, 0, 1),
                            "Ku": (4, 0, 0, 1), "N": (3, 0, 0, 0)},
    "Förskollärare": {"V": (520, 60, 25, 160), "K": (70, 9, 6, 30),
                      "S": (60, 8, 3, 20), "F": (45, 7, 4, 18),
                      "A": (40, 5, 1, 10), "Ha": (55, 7, 3, 18),
                      "Ku": (28, 3, 1, 6), "N": (18, 3, 2, 7)},
    "Barnskötare": {"V": (380, 30, 0, 20), "K": (50, 5, 1, 6),
                    "S": (45, 5, 2, 8), "F": (35, 4, 0, 4),
                    "A": (32, 3, 0, 2), "Ha": (40, 4, 1, 5),
                    "Ku": (20, 2, 0, 2), "N": (14, 2, 0, 2)},
    "Grundlärare": {"V": (900, 110, 40, 300), "K": (130, 18, 7, 45),
                    "S": (110, 15, 4, 35), "F": (90, 14, 6, 35),
                    "A": (80, 11, 3, 25), "Ha": (95, 12, 4, 30),
                    "Ku": (55, 8, 3, 18), "N": (35, 6, 2, 12)},
    "Administratör": {"R": (900, 120, 0, 40), "V": (420, 50, 5, 60),
                      "K": (60, 8, 4, 20), "S": (50, 7, 1, 8),
                      "F": (40, 5, 0, 5), "A": (38, 5, 0, 5),
                      "Ha": (45, 6, 1, 6), "Ku": (25, 3, 0, 3),
                      "N": (20, 3, 0, 3)},
    "Kock": {"V": (120, 15, 4, 30), "K": (20, 3, 1, 5),
             "S": (18, 3, 2, 6), "F": (14, 2, 0, 2), "A": (12, 2, 1, 4),
             "Ha": (15, 2, 0, 2), "Ku": (8, 1, 1, 3), "N": (6, 1, 0, None)},
}

PERIODS = ["Nuläge 2025", "2026", "2027", "2028–2030"]


def csv_cell(value, delim):
    value = "" if value is None else str(value)
    if any(c in value for c in (delim, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def write(path, rows):
    """'CSV UTF-8 (kommaavgränsad)' from Swedish Excel: BOM, ';', CRLF."""
    text = "\r\n".join(";".join(csv_cell(v, ";") for v in r)
                       for r in rows) + "\r\n"
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))


def sheet(region, table):
    rows = [["Län", "Organisation", "Yrkesbefattning"] + PERIODS +
            ["Kommentar"]]
    for key, org in ORGS.items():
        for occ, ratings in table.items():
            if key in ratings:
                rows.append([region, org, occ] +
                            [LEVEL[c] for c in ratings[key]] +
                            [COMMENTS.get((key, occ), "")])
    return rows


def context():
    rows = [["Organisation", "Yrke", "Antal anställda",
             "Pensionsavgångar inom 5 år", "Vakanser", "Rekryteringsbehov"]]
    for occ, orgs in CONTEXT.items():
        for key, values in orgs.items():
            org = ORGS[key]
            if (key, occ) == ("V", "Sjuksköterska"):
                org, occ_shown = "VÄSTERÅS  STAD", "sjuksköterska"
            else:
                occ_shown = occ
            rows.append([org, occ_shown] + list(values))
    # Uppsala: headcount only for the occupations rated there
    for occ, orgs in UPPSALA.items():
        for key in orgs:
            rows.append([ORGS[key], occ, 40 if key != "RU" else 900, "", "",
                         ""])
    # a row that matches no record: Skinnskatteberg took no part
    rows.append(["Skinnskattebergs kommun", "Sjuksköterska", 11, 2, 1, 3])
    return rows


def main():
    write("data/vastmanland-2025.csv", sheet(VM, VASTMANLAND))
    write("data/uppsala-2025.csv", sheet(UP, UPPSALA))
    write("data/vastmanland-2025-kontext.csv", context())


if __name__ == "__main__":
    main()
