# Hostile inputs for tests/hostile.sh: names, comments, file names and
# scale words that hold everything an output must not pass on as it is.
#   python3 tests/hostile/gen.py DIR
import os, sys

out = sys.argv[1]

# what XML forbids, what acts on a terminal, what markdown and HTML read
# as markup, and what Excel reads as an escape
NASTY = [
    "\ufffe", "\uffff", "\u202e", "\u2066", "\u200f", "\u061c", "\x85",
    "\x9b2J", "\x7f", "\x01", "\x1b[31m",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[klick](http://evil.example)", "![bild](http://evil.example/x.png)",
    "<http://evil.example>", "http://evil.example", "www.evil.example",
    "&lt;b&gt;", "&amp;", "|", "\\", "*fet*", "_kursiv_", "`kod`",
    "~~struken~~", "_x0041_",
    "mailto:a@evil.example", "xmpp:a@evil.example", "javascript:alert(1)",
    "HTTPS://EVIL.EXAMPLE", "WWW.EVIL.EXAMPLE", "&#106;avascript:x",
    "[ref]: http://evil.example", "\\<script>", "> citat", "1. lista",
    "<!-- kommentar -->", "<a href=x>", "\u2028\u2029", "\ud7ff\ue000",
]

def w(name, text, enc="utf-8"):
    with open(os.path.join(out, name), "wb") as f:
        f.write(text.encode(enc))

def q(field):
    return '"%s"' % field.replace('"', '""')

rows = ["Region;Organisation;Yrke;Nuläge 2024;2025;2026-2028;Kommentar;"
        "Kommentar 2025"]
for i, bad in enumerate(NASTY):
    region = "Region %s" % (bad if i % 3 == 0 else "Ö")
    org = "# Org%d %s" % (i, bad) if i % 2 else "%d. Org %s" % (i, bad)
    occ = "Yrke %s %d" % (bad, i % 7)
    level = ["Brist", "Sårbart", "Hållbart", "Övertalighet"]
    comment = "%s rad ett\r\nrad två %s" % (bad, bad)
    rows.append(";".join(q(f) for f in [
        region, org, occ, level[i % 4], level[(i + 1) % 4], "Brist",
        comment, "- %s" % bad]))
w("hostile.csv", "\n".join(rows) + "\n")
# the next round: some ratings changed, so that diff lists them
w("hostile-new.csv", "\n".join(r.replace(";Brist;Sårbart;", ";Sårbart;Brist;")
                               for r in rows) + "\n")
# file names that are not text
for name in ("ctl\x01\x1b[2Jname.csv", "bidi\u202eeman.csv"):
    w(name, "\n".join(rows[:4]) + "\n")
open(os.path.join(out.encode(), b"latin1-\xd6rebro.csv"), "wb").write(
    ("\n".join(rows[:4]) + "\n").encode("utf-8"))
# a scale whose words are markup (its labels reach every output)
w("scale.json", """{"name": "<b>skala</b> [x](http://e.example)",
 "levels": [
  {"key": "ok", "label": "<img src=x onerror=alert(1)>", "letter": "O",
   "color": "#009E73", "risk": false, "aliases": ["Hållbart", "Övertalighet"]},
  {"key": "bad", "label": "[Brist](http://evil.example) | #", "letter": "!",
   "color": "#D55E00", "risk": true, "aliases": ["Brist", "Sårbart"]}]}
""")
