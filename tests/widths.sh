#!/bin/sh
# Every table fits its width: for each command that prints a table, on
# the samples and the county round, at --width 80 and 60 (diff at 80) and
# with COLUMNS=80 alone, no line of the output is wider than the width in
# display columns (tests/widths/check.py; å is one column, a wide
# character two). validate prints messages, not a table, and is left out.
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
# narrower
fits "diff" 80 $KMAP diff -q --width 80 "$tmp/old.csv" "$tmp/new.csv"
fits "diff --comments --by organisation" 80 \
	$KMAP diff -q --width 80 --comments --by organisation \
	"$tmp/old.csv" "$tmp/new.csv"
fits "diff of two regions" 80 \
	$KMAP diff -q --width 80 --comments "$tmp/old2.csv" "$tmp/new2.csv"
fits "diff of two regions --by organisation" 80 \
	$KMAP diff -q --width 80 --by organisation "$tmp/old2.csv" "$tmp/new2.csv"

# COLUMNS alone, as a terminal of 80 columns sets it
for cmd in "summary --by organisation" critical "critical --long" heatmap; do
	COLUMNS=80 $KMAP $cmd -q $county >"$tmp/c80"
	"$PYTHON" tests/widths/check.py 80 "$tmp/c80" >"$tmp/log"
	check "COLUMNS=80 kmap $cmd fits 80 columns" $? ||
		sed 's/^/  /' "$tmp/log"
done

# the check bites: the same table given room is wider than 80
$KMAP summary -q --width 200 --by organisation $county >"$tmp/wide"
! "$PYTHON" tests/widths/check.py 80 "$tmp/wide" >/dev/null
check "a table given 200 columns is caught as wider than 80" $?

finish
