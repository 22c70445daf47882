#!/bin/sh
# Every table fits its width: for each command that prints a table, on
# the samples and the county round, at --width 80 and 60 (diff at 80) and
# with COLUMNS=80 alone, no line of the output is wider than the width in
# display columns (tests/widths/check.py; å is one column, a wide
# character two). And the same at COLUMNS=80 on a county round as a
# steering group writes it: nine organisations, 15 occupations with long
# names ('Undersköterska inom hemtjänst och äldreboende'), comments of 200
# characters, and a later round of it, for every command and mode.
. tests/lib.sh
D=data
county="$D/vastmanland-2025.csv $D/uppsala-2025.csv"
orebro=$D/orebro-2021.csv
both="$D/orebro-2021.csv $D/halland-2024.csv"

fits() { # NAME WIDTH COMMAND...: the command's output fits WIDTH
	name=$1 width=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 0 ] || [ $rc = 1 ] || {
		failed "$name: exit $rc"
		sed 's/^/  /' "$tmp/err" | head -5
		return
	}
	"$PYTHON" tests/widths/check.py "$width" "$tmp/out" >"$tmp/log"
	check "$name fits $width columns" $? || sed 's/^/  /' "$tmp/log"
}

# a later round of the county, of one region and of both in one file:
# ratings changed, a row gone, one new, a comment
"$PYTHON" - "$tmp" <<'PY'
import sys
def rows(path):
    text = open(path, "rb").read().decode("utf-8-sig")
    return [l for l in text.split("\r\n") if l]
def later(old):
    new = []
    for line in old:
        f = line.split(";")
        if f[1] == "Köpings kommun" and f[2] == "Sjuksköterska":
            f[3] = "Brist"
        if f[1] == "Norbergs kommun" and f[2] == "Kock":
            continue
        if f[1] in ("Enköpings kommun", "Sala kommun") and \
                f[2] == "Barnskötare":
            f[4], f[7] = "Brist", "ny kommentar efter omorganisationen"
        new.append(";".join(f))
    new.append("Västmanlands län;Skinnskattebergs kommun;Undersköterska;"
               "Sårbart;Brist;Brist;Brist;Nytt i år")
    return new
def write(name, lines):
    open(sys.argv[1] + "/" + name, "w", encoding="utf-8").write(
        "\r\n".join(lines) + "\r\n")
one = rows("data/vastmanland-2025.csv")
two = one + rows("data/uppsala-2025.csv")[1:]
for name, lines in (("old", one), ("old2", two)):
    write(name + ".csv", lines)
    write(name.replace("old", "new") + ".csv", later(lines))
# the long county: every occupation named as a job advert names it, every
# comment 200 characters, and SSYK codes for compare
LONG = {
    "Administratör": ("Administratör inom vård- och omsorgsförvaltningen",
                      "4114"),
    "Arbetsterapeut": ("Arbetsterapeut inom kommunal hälso- och sjukvård",
                       "2262"),
    "Barnmorska": ("Barnmorska på förlossnings- och BB-avdelning", "2233"),
    "Barnskötare": ("Barnskötare i förskola och fritidshem", "5311"),
    "Biståndshandläggare": ("Biståndshandläggare inom äldreomsorgen", "3353"),
    "Fysioterapeut": ("Fysioterapeut inom primärvård och rehabilitering",
                      "2263"),
    "Förskollärare": ("Förskollärare med inriktning mot tidiga år", "2343"),
    "Grundlärare": ("Grundlärare med inriktning mot årskurs 4–6", "2341"),
    "Kock": ("Kock i offentlig måltidsverksamhet och storkök", "5120"),
    "Läkare": ("Läkare, specialist i allmänmedicin", "2212"),
    "Sjuksköterska": ("Sjuksköterska inom slutenvård och akutsjukvård",
                      "2221"),
    "Socialsekreterare": ("Socialsekreterare inom barn- och ungdomsvården",
                          "2661"),
    "Specialistsjuksköterska": ("Specialistsjuksköterska inom intensivvård",
                                "2235"),
    "Undersköterska": ("Undersköterska inom hemtjänst och äldreboende",
                       "5321"),
    "Vårdbiträde": ("Vårdbiträde inom särskilt boende för äldre", "5330"),
}
FILL = ("Bedömningen bygger på workshopen med verksamhetscheferna och HR, "
        "pensionsavgångarna de närmaste åren, konkurrensen om personal med "
        "grannkommunerna och regionen samt svårigheten att rekrytera till "
        "deltidstjänster väger tungt i bedömningen.")
def comment(text, i):
    return ((text + " – " if text else "") + FILL)[:196] + " (%d)" % (i % 10)
def longer(lines, later_round):
    out = [lines[0].replace("Yrkesbefattning", "SSYK;Yrkesbefattning")]
    for i, line in enumerate(lines[1:]):
        f = line.split(";")
        name, code = LONG[f[2]]
        f[7] = comment(f[7], i + later_round)
        out.append(";".join(f[:2] + [code, name] + f[3:]))
    return out
write("long-old.csv", longer(one, 0))
write("long-new.csv", longer(later(one), 1))
PY

for w in 80 60; do
	fits "summary" $w $KMAP summary -q --width $w $both
	for by in region organisation occupation; do
		fits "summary --by $by" $w \
			$KMAP summary -q --width $w --by $by $county
		fits "summary --by $by (samples)" $w \
			$KMAP summary -q --width $w --by $by $both
	done
	fits "summary --trend" $w $KMAP summary -q --width $w --trend $county
	fits "summary --trend --by organisation" $w \
		$KMAP summary -q --width $w --trend --by organisation $county
	fits "critical" $w $KMAP critical -q --width $w $county
	fits "critical (samples)" $w $KMAP critical -q --width $w $both
	fits "critical --long" $w $KMAP critical -q --width $w --long $county
	fits "critical --by region --long" $w \
		$KMAP critical -q --width $w --by region --long $county
	fits "critical --by region (samples)" $w \
		$KMAP critical -q --width $w --by region $both
	fits "critical --min-raters 3" $w \
		$KMAP critical -q --width $w --min-raters 3 $county

	fits "heatmap" $w $KMAP heatmap -q --width $w $county
	fits "heatmap --cells counts" $w \
		$KMAP heatmap -q --width $w --cells counts $county
	fits "heatmap --by organisation" $w \
		$KMAP heatmap -q --width $w --by organisation $D/vastmanland-2025.csv
done

# diff's tables hold pairs (before -> after): they fit 80 columns, not
# narrower; with --comments the comments go under their rows
fits "diff" 80 $KMAP diff -q --width 80 "$tmp/old.csv" "$tmp/new.csv"
fits "diff --comments --by organisation" 80 \
	$KMAP diff -q --width 80 --comments --by organisation \
	"$tmp/old.csv" "$tmp/new.csv"
fits "diff of two regions --comments" 80 \
	$KMAP diff -q --width 80 --comments "$tmp/old2.csv" "$tmp/new2.csv"
fits "diff of two regions" 80 \
	$KMAP diff -q --width 80 "$tmp/old2.csv" "$tmp/new2.csv"
fits "diff of two regions --by organisation" 80 \
	$KMAP diff -q --width 80 --by organisation "$tmp/old2.csv" "$tmp/new2.csv"

# COLUMNS alone, as a terminal of 80 columns sets it
for cmd in "summary --by organisation" critical "critical --long" heatmap; do
	COLUMNS=80 $KMAP $cmd -q $county >"$tmp/c80"
	"$PYTHON" tests/widths/check.py 80 "$tmp/c80" >"$tmp/log"
	check "COLUMNS=80 kmap $cmd fits 80 columns" $? ||
		sed 's/^/  /' "$tmp/log"
done

# the long county at COLUMNS=80, as a terminal of 80 columns sets it:
# every command, every grouping and mode
old=$tmp/long-old.csv new=$tmp/long-new.csv
af=$D/yrkesbarometer-exempel.json ctx=$D/vastmanland-2025-kontext.csv
while IFS= read -r cmd; do
	eval "set -- $cmd"
	COLUMNS=80 $KMAP "$@" >"$tmp/c80" 2>"$tmp/err"
	rc=$?
	if [ $rc != 0 ] && [ $rc != 1 ]; then
		failed "long county: kmap $cmd: exit $rc"
		sed 's/^/  /' "$tmp/err" | head -5
		continue
	fi
	"$PYTHON" tests/widths/check.py 80 "$tmp/c80" >"$tmp/log"
	check "long county: COLUMNS=80 kmap $cmd fits 80 columns" $? ||
		sed 's/^/  /' "$tmp/log"
done <<EOF
summary -q "$old"
summary -q --by region "$old"
summary -q --by organisation "$old"
summary -q --by occupation "$old"
summary -q --trend --by occupation "$old" data/uppsala/omgang-2024.csv
critical -q "$old"
critical -q --long "$old"
critical -q --by region --long "$old"
critical -q --min-raters 3 "$old"
critical -q --context "$ctx" --weight headcount "$old"
heatmap -q "$old"
heatmap -q --cells counts "$old"
heatmap -q --by organisation "$old"
compare -q --af "$af" "$old"
validate "$old"
diff -q "$old" "$new"
diff -q --comments "$old" "$new"
diff -q --comments --by region "$old" "$new"
diff -q --comments --by organisation "$old" "$new"
diff -q --comments --by occupation "$old" "$new"
diff -q --all-records --comments "$old" "$new"
EOF

for w in 80 60; do
	fits "compare --width $w (long county)" $w \
		$KMAP compare -q --width $w --af "$af" "$old"
done

# a comment too long for its column goes under its row, whole; markdown
# keeps it in its column
COLUMNS=80 $KMAP diff -q --comments "$old" "$new" >"$tmp/c80"
grep -q "^    kommentar före: Bedömningen bygger på workshopen" "$tmp/c80" &&
	! grep -q "komm\. efter" "$tmp/c80"
check "diff --comments at 80: each comment under its row" $? ||
	grep -n "komm" "$tmp/c80" | head -5
COLUMNS=80 $KMAP diff -q --comments -f markdown "$old" "$new" >"$tmp/md"
grep -q "| kommentar före | kommentar efter |$" "$tmp/md"
check "diff --comments -f markdown: the comments in their columns" $?
# the names above their rows, whole, when a table row cannot hold them
grep -qx "Västmanlands län · Köpings kommun · Sjuksköterska inom slutenvård och" "$tmp/c80"
check "diff at 80: region, organisation and occupation above their rows" $? ||
	grep -n "Köpings kommun" "$tmp/c80"

# the check bites: the same table given room is wider than 80
$KMAP summary -q --width 200 --by organisation $county >"$tmp/wide"
! "$PYTHON" tests/widths/check.py 80 "$tmp/wide" >/dev/null
check "a table given 200 columns is caught as wider than 80" $?

finish
