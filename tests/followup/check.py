"""The yearly follow-up of tests/followup/ against counts made by hand.

usage: check.py PAIR DIFF.json
PAIR is 2024-2025, 2024-2025-names (with namn.csv) or 2023-2024. Run with Debian's /usr/bin/python3. Exit 0
when kmap diff's JSON of that pair of rounds holds exactly the counts
below; every failed expectation is printed.

Three rounds of Hallands län, three organisations each. Falkenberg's
organisation is renamed in 2025 (Socialförvaltningen Falkenberg becomes
Omsorgsförvaltningen Falkenberg: without a names file two organisations,
each in one round; namn.csv makes them one); Psykolog is added in 2025;
the horizon rolls one year a round (2023-2025, 2024-2026, 2025-2027).
Ratings, now and the two later years (Ö H S B):

              2023 round     2024 round     2025 round
              H    V    F1   H    V    F1   H    V    F2
Sjuksköterska SBB  SSB  BBB  BBB  SBB  BBS  SBB  BBB  BBB
Undersköt.    HHB  HSB  HHS  HBB  SBS  HHS  SSH  SHH  HHS
Kurator       HHH  HHÖ  HSS  HHS  HÖÖ  HHH  HBB  HSB  HHS
Psykolog      -    -    -    -    -    -    SBB  HSB  SSH

Critical, at the default threshold 0.5, by the rule main's critical.c
has (risk share, Sårbart + Brist, at 50 % in a later period); the data
are chosen so that the brist share of a later period reaches 50 % for
every critical occupation and the risk share stays below it for every
other, so a rule on the brist share gives the same answer.

2024 round (later periods 2025, 2026):
  Sjuksköterska 2025 B B B: brist 3/3                        critical
  Undersköterska 2025 B B H: brist 2/3                       critical
  Kurator 2025 H Ö H: risk 0; 2026 S Ö H: risk 1/3           not critical
  ranks by brist share in 2026: Sjuksköterska B B S 2/3 (1),
  Undersköterska B S S 1/3 (2), Kurator 0 (3)
2025 round (later periods 2026, 2027):
  Sjuksköterska 2026 B B B: brist 3/3                        critical
  Undersköterska 2026 S H H, 2027 H H S: risk 1/3            not critical
  Kurator 2027 B B S: brist 2/3                              critical
  Psykolog 2027 B B H: brist 2/3                             critical
  ranks by brist share in 2027: Sjuksköterska 3/3 (1); Kurator and
  Psykolog 2/3, Kurator's risk 3/3 before Psykolog's 2/3 (2, 3);
  Undersköterska 0 (4)
2023 round (later periods 2024, 2025):
  Sjuksköterska 2025 B B B                                   critical
  Undersköterska 2025 B B S: brist 2/3                       critical
  Kurator 2024 H H S, 2025 H Ö S: risk 1/3                   not critical

2024 -> 2025: became Kurator, Psykolog (in the order of the new ranks);
ceased Undersköterska.
Forecast check: 2025 as the 2024 round forecast it against the 2025
round's nuläge, for the rows both rounds have (Halmstad, Varberg):
  H Sjuksköterska B -> S too pessimistic
  H Undersköterska B -> S too pessimistic
  H Kurator        H -> H came true
  V Sjuksköterska B -> B came true
  V Undersköterska B -> S too pessimistic
  V Kurator        Ö -> H too optimistic
  overall 6 compared, 2 came true, 3 too pessimistic, 1 too optimistic;
  Kurator 2 (1, 0, 1), Sjuksköterska 2 (1, 1, 0), Undersköterska 2
  (0, 2, 0); Halmstad 3 (1, 2, 0), Varberg 3 (1, 1, 1).
Revisions: 2026, a later period in both rounds:
  H Sjuksköterska B B same, H Undersköterska B S better, H Kurator S B
  worse, V Sjuksköterska B B same, V Undersköterska S H better, V Kurator
  Ö S worse: 6 compared, 2 the same, 2 worse, 2 better.

2024 -> 2025 with namn.csv: Falkenberg is one organisation in both
rounds, so its rows are compared too (the critical changes stay: every
row was counted before as well):
  F Sjuksköterska B -> B, F Undersköterska H -> H, F Kurator H -> H: all
  came true; overall 9 compared, 5 came true, 3 too pessimistic, 1 too
  optimistic; Kurator 3 (2, 0, 1), Sjuksköterska 3 (2, 1, 0),
  Undersköterska 3 (1, 2, 0); Omsorgsförvaltningen Falkenberg 3 (3, 0, 0).
  Revisions of 2026: F Sjuksköterska S B worse, F Undersköterska S H
  better, F Kurator H H same: 9 compared, 3 the same, 3 worse, 3 better.

2023 -> 2024: nothing became or ceased to be critical. Forecast of 2024
against the 2024 nuläge, all nine rows: only Falkenberg's Kurator
differs (S -> H, too pessimistic): 9 compared, 8 came true, 1 too
pessimistic, 0 too optimistic. Revisions: 2025, in both rounds a later
period: H Undersköterska B B, H Sjuksköterska B B, H Kurator H H,
V Sjuksköterska B B, V Undersköterska B B, V Kurator Ö Ö,
F1 Sjuksköterska B B, F1 Undersköterska S H better, F1 Kurator S H
better: 9 compared, 7 the same, 0 worse, 2 better.
"""
import json
import sys

pair, path = sys.argv[1:3]
d = json.load(open(path, encoding="utf-8"))
errors = []


def want(what, got, expected):
    if got != expected:
        errors.append(f"{what}: got {got!r}, want {expected!r}")


def tally(t):
    return (t["compared"], t["came_true"], t["too_pessimistic"],
            t["too_optimistic"])


EXPECT = {
    "2024-2025": {
        "rounds": ("2024", "2025"),
        "only_old_periods": ["2024"],
        "only_new_periods": ["2027"],
        "only_old_orgs": ["Socialförvaltningen Falkenberg"],
        "only_new_orgs": ["Omsorgsförvaltningen Falkenberg"],
        "only_new_occupations": ["Psykolog"],
        "became": ["Kurator", "Psykolog"],
        "ceased": ["Undersköterska"],
        "ranks": {"Sjuksköterska": (1, 1), "Undersköterska": (2, 4),
                  "Kurator": (3, 2), "Psykolog": (None, 3)},
        "forecast_periods": ["2025"],
        "overall": (6, 2, 3, 1),
        "occupations": {"Kurator": (2, 1, 0, 1),
                        "Sjuksköterska": (2, 1, 1, 0),
                        "Undersköterska": (2, 0, 2, 0)},
        "organisations": {"Halmstads kommun": (3, 1, 2, 0),
                          "Varbergs kommun": (3, 1, 1, 1)},
        "revisions": (6, 2, 2, 2),
    },
    "2024-2025-names": {
        "rounds": ("2024", "2025"),
        "only_old_periods": ["2024"],
        "only_new_periods": ["2027"],
        "only_old_orgs": [],
        "only_new_orgs": [],
        "only_new_occupations": ["Psykolog"],
        "became": ["Kurator", "Psykolog"],
        "ceased": ["Undersköterska"],
        "ranks": {"Sjuksköterska": (1, 1), "Undersköterska": (2, 4),
                  "Kurator": (3, 2), "Psykolog": (None, 3)},
        "forecast_periods": ["2025"],
        "overall": (9, 5, 3, 1),
        "occupations": {"Kurator": (3, 2, 0, 1),
                        "Sjuksköterska": (3, 2, 1, 0),
                        "Undersköterska": (3, 1, 2, 0)},
        "organisations": {"Halmstads kommun": (3, 1, 2, 0),
                          "Omsorgsförvaltningen Falkenberg": (3, 3, 0, 0),
                          "Varbergs kommun": (3, 1, 1, 1)},
        "revisions": (9, 3, 3, 3),
    },
    "2023-2024": {
        "rounds": ("2023", "2024"),
        "only_old_periods": ["2023"],
        "only_new_periods": ["2026"],
        "only_old_orgs": [],
        "only_new_orgs": [],
        "only_new_occupations": [],
        "became": [],
        "ceased": [],
        "ranks": None,
        "forecast_periods": ["2024"],
        "overall": (9, 8, 1, 0),
        "occupations": {"Kurator": (3, 2, 1, 0),
                        "Sjuksköterska": (3, 3, 0, 0),
                        "Undersköterska": (3, 3, 0, 0)},
        "organisations": {"Halmstads kommun": (3, 3, 0, 0),
                          "Socialförvaltningen Falkenberg": (3, 2, 1, 0),
                          "Varbergs kommun": (3, 3, 0, 0)},
        "revisions": (9, 7, 0, 2),
    },
}[pair]


def only(side, kind):
    items = d[f"only_in_{side}"][kind]
    if kind == "organisations":
        return [i["organisation"] for i in items]
    return items


want("schema", d["schema"], "kmap.diff/2")
want("rounds", (d["old"]["round"], d["new"]["round"]), EXPECT["rounds"])
for side in ("old", "new"):
    for kind in ("periods", "organisations", "occupations"):
        key = {"periods": "periods", "organisations": "orgs",
               "occupations": "occupations"}[kind]
        name = f"only_{side}_{key}"
        if name in EXPECT:
            want(f"only in {side}: {kind}", only(side, kind), EXPECT[name])
        elif side == "old" and kind == "occupations":
            want("only in old: occupations", only(side, kind), [])
c = d["critical_changes"]
want("threshold", c["threshold"], 0.5)
want("became", [e["occupation"] for e in c["became"]], EXPECT["became"])
want("ceased", [e["occupation"] for e in c["ceased"]], EXPECT["ceased"])
if EXPECT["ranks"]:
    got = {e["occupation"]: (e["old"] and e["old"]["rank"],
                             e["new"] and e["new"]["rank"])
           for e in c["ranks"]}
    want("ranks", got, EXPECT["ranks"])
f = d["forecast_check"]
want("forecast periods", f["periods"], EXPECT["forecast_periods"])
want("forecast overall", tally(f["overall"]), EXPECT["overall"])
want("forecast per occupation",
     {e["occupation"]: tally(e) for e in f["occupations"]},
     EXPECT["occupations"])
want("forecast per organisation",
     {e["organisation"]: tally(e) for e in f["organisations"]},
     EXPECT["organisations"])
want("forecast pairs", len(f["pairs"]), EXPECT["overall"][0])
r = d["revisions"]["overall"]
want("revisions", (r["compared"], r["same"], r["worse"], r["better"]),
     EXPECT["revisions"])

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
