#!/bin/sh
# Every output is valid whatever the input holds (Hardening II): names,
# comments, file names and --scale words full of what XML forbids, what
# acts on a terminal (C1, bidirectional controls), and markdown and HTML
# markup (tests/hostile/gen.py). Every command writes every format it
# has; tests/hostile/check.py then parses each: JSON with a strict
# parser, each XLSX part with an XML parser, markdown rendered by
# Python-Markdown and cmark-gfm (no tag, attribute or link of the
# input's survives), HTML (no script, image, link or on* attribute),
# and every text output and message holds no control but TAB and LF.
. tests/lib.sh

in=$tmp/in
out=$tmp/out
mkdir -p "$in" "$out"
"$PYTHON" tests/hostile/gen.py "$in" || exit 1
h=$in/hostile.csv
new=$in/hostile-new.csv

run() { # NAME, then kmap's arguments: stdout to out/NAME, stderr NAME.err
	name=$1
	shift
	$KMAP "$@" >"$out/$name" 2>"$out/$name.err"
	rc=$?
	if [ $rc -gt 1 ]; then
		failed "$name: exit $rc"
		head -3 "$out/$name.err"
	fi
}

for scale in "" "--scale $in/scale.json"; do
	s=${scale:+-scale}
	for f in table csv json markdown; do
		ext=$f
		[ $f = markdown ] && ext=md
		run "summary$s.$ext" summary $scale -f $f "$h"
		run "summary-org$s.$ext" summary $scale -f $f --by organisation \
			--trend "$h"
		run "critical$s.$ext" critical $scale -f $f "$h"
		run "critical-region$s.$ext" critical $scale -f $f --by region "$h"
		run "heatmap$s.$ext" heatmap $scale -f $f "$h"
		run "heatmap-org$s.$ext" heatmap $scale -f $f --by organisation \
			--cells counts "$h"
		run "diff$s.$ext" diff $scale -f $f --comments "$h" "$new"
	done
	run "heatmap$s.html" heatmap $scale -f html "$h"
	run "convert-long$s.csv" convert $scale --to long "$h"
	run "convert-wide$s.csv" convert $scale --to wide --excel "$h"
	run "report$s.html" report $scale "$h" "$in"/ctl* "$in"/bidi* \
		"$in"/latin1*
	$KMAP report $scale -f xlsx -o "$out/report$s.xlsx" "$h" "$in"/ctl* \
		"$in"/bidi* "$in"/latin1* 2>"$out/report-xlsx$s.err"
	check "report -f xlsx${scale:+ --scale} exits 0" $?
	$KMAP report $scale --lang en -f xlsx -o "$out/report-en$s.xlsx" \
		"$h" 2>"$out/report-en-xlsx$s.err"
	check "report --lang en -f xlsx${scale:+ --scale} exits 0" $?
	run "validate$s.text" validate $scale "$h" "$in"/ctl* "$in"/bidi* \
		"$in"/latin1*
	run "validate$s.json" validate $scale -f json "$h" "$in"/ctl* \
		"$in"/bidi* "$in"/latin1*
	run "summary-files$s.json" summary $scale -f json "$in"/ctl* \
		"$in"/bidi* "$in"/latin1*
done

"$PYTHON" tests/hostile/check.py "$out" >"$tmp/results"
while read -r word rest; do
	case $word in
	PASS) passed "$rest" ;;
	*) failed "$rest" ;;
	esac
done <"$tmp/results"

# the hostile text did reach the outputs (escaped), so the checks above
# looked at it: the terminal shows the bidirectional control escaped
# (wide enough that the comment is not wrapped onto more lines)
$KMAP critical --width 400 "$h" 2>/dev/null |
	grep -q 'rad ett ↵ rad två \\u202E'
check "a comment's bidirectional control shows as \\u202E in a table" $?
grep -q '&lt;script&gt;' "$out/critical.md"
check "markdown holds the comment's <script> as text" $?
grep -q 'bidirectional control characters removed from the name' \
	"$out/summary.table.err"
check "a name that lost bidirectional controls is warned about" $?
if "$PYTHON" -c 'import markdown' 2>/dev/null; then :; else
	skipped "markdown rendered by Python-Markdown" python3-markdown
fi
command -v cmark-gfm >/dev/null || skipped "markdown rendered by cmark-gfm" \
	cmark-gfm

# thousands of periods (each row one of its own, or every row in each):
# every row holds a cell for each period, so kmap stops at the first
# period over the cap, in bounded memory (1.3 GB before the cap)
"$PYTHON" - "$in" <<'PY'
import sys
periods = ["%d" % a if a == b else "%d-%d" % (a, b)
           for a in range(1950, 2081) for b in range(a, 2081)]
head = "region;org;yrke;period;bedömning\n"
open(sys.argv[1] + "/periods-own.csv", "w").write(head + "".join(
    "R;O%d;Y;%s;Brist\n" % (i, periods[i]) for i in range(8600)))
open(sys.argv[1] + "/periods-grid.csv", "w").write(head + "".join(
    "R;O%d;Y;%s;Brist\n" % (i, periods[j])
    for j in range(1000) for i in range(100)))
open(sys.argv[1] + "/periods-wide.csv", "w").write(
    "region;org;yrke;" + ";".join(periods[:8600]) + "\n" + "".join(
    "R;O%d;Y;" % i + ";".join(["Brist"] * 8600) + "\n" for i in range(50)))
PY
# a sanitizer's shadow memory does not fit under ulimit -v: such a build
# is bounded by AddressSanitizer's limit on its resident size instead
# (twice the bound: its bookkeeping is resident too)
if (ulimit -v 200000 && $KMAP --version) >/dev/null 2>&1; then
	bound="ulimit -v 200000"
else
	bound="export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=400"
fi
for f in periods-own periods-grid periods-wide; do
	(eval "$bound" && $KMAP summary "$in/$f.csv") \
		>/dev/null 2>"$tmp/periods.err"
	rc=$?
	[ $rc = 3 ] && grep -q 'is one period too many' "$tmp/periods.err"
	check "$f.csv: stops at the period over the cap in 200 MB" $? ||
		{ echo "exit $rc"; head -3 "$tmp/periods.err"; }
done
finish
