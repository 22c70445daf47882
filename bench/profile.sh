#!/bin/sh
# Where kmap's time goes on a large export: callgrind's instruction
# counts (the same on a busy machine as on a quiet one) for
# `kmap summary -q -f json FILE`, per thread and per stage, as a markdown
# table for bench/RESULTS.md. Not a test, and not run by make bench
# (callgrind is about 50 times slower than kmap): run it by hand.
#   sh bench/profile.sh [FILE [KMAP]]    (FILE: bench/data/1m.csv)
FILE=${1:-bench/data/1m.csv}
KMAP=${2:-build/kmap}
[ -f "$FILE" ] || {
	echo "bench/profile.sh: no $FILE; run make bench once to make it" >&2
	exit 1
}
command -v valgrind >/dev/null || {
	echo "bench/profile.sh: needs valgrind" >&2
	exit 1
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "$ valgrind --tool=callgrind --separate-threads=yes $KMAP summary -q -f json $FILE"
valgrind --tool=callgrind --separate-threads=yes \
	--callgrind-out-file="$out/cg" "$KMAP" summary -q -f json "$FILE" \
	>/dev/null 2>"$out/log" || {
	cat "$out/log" >&2
	exit 1
}
for f in "$out"/cg-*; do
	callgrind_annotate --inclusive=yes "$f" 2>/dev/null >"$f.txt"
done

# the inclusive count of FUNCTION in the thread whose annotation is $1
cost() {
	awk -v fn="$2" '
		$1 ~ /^[0-9,]+$/ && $0 !~ /=>/ {
			name = $NF == "]" ? $(NF - 2) : $(NF - 1)
			sub(/^.*:/, "", name)
			sub(/'"'"'.*$/, "", name)
			if (name == fn || name == fn ".isra.0" || name == fn ".part.0") {
				gsub(",", "", $1)
				if ($1 + 0 > best) best = $1 + 0
			}
		}
		END { printf "%.0f\n", best }' "$1"
}
total() { awk '/PROGRAM TOTALS/ { gsub(",", "", $1); printf "%.0f\n", $1; exit }' "$1"; }

# thread 1 is the main thread; the others (the second part's reader and
# the JSON helper, which callgrind may number 2 or 3) are "the others"
main=$out/cg-01.txt
both() { # FUNCTION's count summed over every thread
	n=0
	for f in "$out"/cg-*.txt; do n=$((n + $(cost "$f" "$1"))); done
	echo $n
}
t1=$(total "$main")
all=0
for f in "$out"/cg-*.txt; do all=$((all + $(total "$f"))); done
t2=$((all - t1))
row() { # label, instructions
	awk -v l="$1" -v n="$2" -v all="$all" 'BEGIN {
		printf "| %s | %.0f | %.1f %% |\n", l, n / 1e6, 100 * n / all }'
}
merge=$(($(cost "$main" next_row) - $(cost "$main" csvin_next)))
[ "$merge" -lt 0 ] && merge=0
json_main=$(cost "$main" write_json)
json_others=$(($(both items_helper) - $(cost "$main" items_helper)))
tail=$((merge + $(cost "$main" agg_build) + json_main))
echo
echo "| stage | M instructions | share |"
echo "|---|---:|---:|"
row "all, every thread" "$all"
row "main thread (first part, merge, counts, half the JSON)" "$t1"
row "  up to the split point (its part)" "$((t1 - tail))"
row "  after it (merge, counts, JSON): what only it does" "$tail"
row "the other threads (second part; the other half of the JSON)" "$t2"
row "reading: csvin_next" "$(both csvin_next)"
row "  decoding to UTF-8: decoder_feed" "$(both decoder_feed)"
row "  lines without a quote: csvin_parse_plain_line" \
	"$(both csvin_parse_plain_line)"
row "  lines with a quote: libcsv csv_parse" "$(both csv_parse)"
row "loading records: load_row" "$(both load_row)"
row "  names interned: intern_cached" "$(both intern_cached)"
row "  records stored: dataset_add" "$(both dataset_add)"
[ "$t2" -gt 0 ] && row "merge of the two parts (main thread)" "$merge"
row "counting: agg_build" "$(both agg_build)"
row "JSON: write_json (main thread)" "$json_main"
row "JSON: items_helper (the other half of the items)" "$json_others"
