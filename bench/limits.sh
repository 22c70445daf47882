#!/bin/sh
# How fast and in how little memory kmap refuses inputs that are not
# spreadsheet exports: a 1 GB line that is one giant field, a 30 MB line
# of delimiters, and /dev/zero. Prints kmap's message, time and peak RSS
# for each. Not a test: the figures depend on the machine.
#   sh bench/limits.sh [build/kmap]
KMAP=${1:-build/kmap}

giant_field() {
	printf 'Region;Organisation;Yrke;2024\nR;O;Y;'
	head -c 1000000000 /dev/zero | tr '\0' a
}
delimiters() {
	printf 'Region;Organisation;Yrke;2024\nR;O;Y;'
	head -c 30000000 /dev/zero | tr '\0' ';'
}
measure() { # label, then kmap's arguments (stdin as given)
	label=$1
	shift
	/usr/bin/time -f '%e s, %M KB peak RSS (exit %x)' "$KMAP" "$@" \
		>/dev/null 2>"${TMPDIR:-/tmp}/kmap-limits.$$"
	printf '%-30s %s\n    %s\n' "$label" \
		"$(tail -n 1 "${TMPDIR:-/tmp}/kmap-limits.$$")" \
		"$(head -n 1 "${TMPDIR:-/tmp}/kmap-limits.$$")"
	rm -f "${TMPDIR:-/tmp}/kmap-limits.$$"
}
echo "$ sh bench/limits.sh $KMAP"
giant_field | measure "1 GB line, one field" summary -
delimiters | measure "30 MB line of delimiters" summary -
measure "/dev/zero" summary /dev/zero

# Growth on hostile input (Hardening II): each shape at n and 4n; the
# time of 4n must stay within 5x that of n (linear, not quadratic).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
/usr/bin/python3 - "$scratch" <<'PY'
import sys
out = sys.argv[1]
def w(name, text):
    open("%s/%s" % (out, name), "w", encoding="utf-8").write(text)
for n in (20000, 80000):
    # a name made of combining marks of two classes (utf8proc reorders
    # such a run in quadratic time)
    w("marks-%d.csv" % n, "region,org,yrke,2024\nR,O,A%s,Brist\n"
      % ("\u0301\u0316" * (n // 2)))
for n in (25000, 100000):
    # n spellings of one name (case variants)
    base = "underskoterskorna" # 17 letters: 2^17 case variants
    rows = []
    for i in range(n):
        v = "".join(c.upper() if (i >> k) & 1 else c
                    for k, c in enumerate(base))
        rows.append("R,O%d,%s,Brist" % (i, v))
    w("spellings-%d.csv" % n, "region,org,yrke,2024\n" + "\n".join(rows)
      + "\n")
for n in (100000, 400000):
    # n distinct occupations (under the --max-name-memory cap)
    w("names-%d.csv" % n, "region,org,yrke,2024\n" + "".join(
      "R,O,Yrke med ett namn nummer %d,Brist\n" % i for i in range(n)))
for n in (20000, 80000):
    # n/2 pairs of near-duplicate names (a dash, one letter), for the
    # warnings (neardup.c): n log n, never pairs of all names
    rows = []
    for i in range(n // 4):
        rows.append("R,Enhet %d \u2013 Primärvård,Undersköterska %d,Brist" % (i, i))
        rows.append("R,Enhet %d - Primärvård,Underskötersa %d,Brist" % (i, i))
    w("neardup-%d.csv" % n, "region,org,yrke,2024\n" + "\n".join(rows)
      + "\n")
for n in (2000, 8000):
    # a wide row whose every cell is a problem for validate: data under
    # no header, one warning per column
    w("wide-%d.csv" % n, "region,org,yrke,2024" + "," * n + "\n" +
      "R,O,Y,Brist," + ",".join("x" * 400 for _ in range(n)) + "\n")
    # a wide row whose every cell is an error: a rating kmap does not
    # know under each of n periods, quoted (each error's column is found
    # by parsing its record again)
    periods = ["%d" % a if a == b else "%d-%d" % (a, b)
               for a in range(1950, 2081) for b in range(a, 2081)]
    w("wide-errors-%d.csv" % n, "region,org,yrke," +
      ",".join(periods[:n]) + "\n" + "R,O,Y," +
      ",".join('"Bristt %s"' % ("x" * 200) for _ in range(n)) + "\n")
for n in (2000, 8000):
    # a header of n comment columns (duplicates were looked for by
    # comparing every pair: 8,000 columns took 31 s)
    w("comment-columns-%d.csv" % n, "region,org,yrke,2024," +
      ",".join('"Kommentar %d"' % i for i in range(n)) + "\n" +
      "R,O,Y,Brist," + ",".join("x" for _ in range(n)) + "\n")
periods = ["%d" % a if a == b else "%d-%d" % (a, b)
           for a in range(1950, 2081) for b in range(a, 2081)]
for n in (2000, 8000):
    # n rows, each in a period of its own (the cells' stride grew by two
    # periods at a time, each copying every row: 4,000 took 91 s; the
    # cells are dense, rows x periods, so 8,600 took 1.3 GB): refused at
    # the 257th period (DATASET_MAX_PERIODS)
    w("periods-%d.csv" % n, "region;org;yrke;period;bedömning\n" + "".join(
      "R;O%d;Y;%s;Brist\n" % (i, periods[i]) for i in range(n)))
    # a header of n period columns, refused at the 257th
    w("period-columns-%d.csv" % n, "region;org;yrke;" +
      ";".join(periods[:n]) + "\n" + "".join("R;O%d;Y;" % i +
      ";".join(["Brist"] * n) + "\n" for i in range(20)))
for n in (250, 1000):
    # n rows in each of 250 periods (under the cap): rows x periods cells
    w("period-grid-%d.csv" % n, "region;org;yrke;period;bedömning\n" +
      "".join("R;O%d;Y;%s;Brist\n" % (i, periods[j])
              for j in range(250) for i in range(n)))
PY
ms() { # FILE, then kmap's arguments: "MS KB", the best of 3 runs in
	# milliseconds and the peak RSS of the last, in KB
	file=$1 best=
	shift
	for run in 1 2 3; do
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$scratch/rss" "$KMAP" "$@" "$file" \
			>/dev/null 2>&1
		t=$((($(date +%s%N) - t0) / 1000000))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	[ "$best" -gt 0 ] || best=1
	echo "$best $(tail -n 1 "$scratch/rss")"
}
growth() { # label, file stem, small n, large n, then kmap's arguments
	label=$1 stem=$2 a=$3 b=$4
	shift 4
	ra=$(ms "$scratch/$stem-$a.csv" "$@")
	rb=$(ms "$scratch/$stem-$b.csv" "$@")
	echo "$label $a $ra $rb" | awk '{
		n = NF; kb = $(n); ms = $(n - 1); kba = $(n - 2); msa = $(n - 3)
		a = $(n - 4); label = $1
		for (i = 2; i < n - 4; i++) label = label " " $i
		printf "%-36s n=%-6s %6d ms %7d KB   4n %6d ms %7d KB   " \
			"time x%.1f  memory x%.1f\n", label, a, msa, kba, ms, kb,
			ms / msa, kb / kba }'
}
echo "Growth on hostile input: n, then 4n (at most 5x the time)"
growth "name of combining marks (chars)" marks 20000 80000 summary -q
growth "spellings of one name" spellings 25000 100000 summary -q
growth "validate, warnings in a wide row" wide 2000 8000 validate
growth "validate, errors in a wide row" wide-errors 2000 8000 validate
growth "validate, header of comment columns" comment-columns 2000 8000 \
	validate
growth "rows, each in a period of its own" periods 2000 8000 summary -q
growth "header of period columns" period-columns 2000 8000 summary -q
growth "rows in each of 250 periods" period-grid 250 1000 summary -q
growth "distinct names (memory)" names 100000 400000 summary -q
growth "near-duplicate names (warnings)" neardup 20000 80000 summary -q

# Distinct names without end stop at the cap on their memory
# (--max-name-memory, 256 MiB by default), in bounded memory.
many_names() {
	awk 'BEGIN { print "region,org,yrke,2024"
		for (i = 0; i < 6000000; i++)
			printf "R,O,Yrke med ett namn nummer %d,Brist\n", i }'
}
many_names | measure "240 MB of distinct names" summary -

# The first error of a large file comes as soon as in a sequential read:
# the split read (two cores) guesses its split point from a look past the
# middle and verifies it later, instead of first counting the quotes of
# the whole first half.
{
	printf 'region,org,yrke,2024,kommentar\nR,O\0,Y,Brist,x\n'
	yes 'R,"O",Y,Brist,"en ""kommentar"""' | head -c 1000000000
} >"$scratch/nul-on-line-2.csv"
measure "1 GB file, NUL on line 2" summary "$scratch/nul-on-line-2.csv"

# Hostile workbooks (tests/workbook-limits.sh checks their messages and a
# memory bound): each fails at once, the hidden bomb after inflating its
# 256 MiB cap; the table of 17 billion trailing empty cells is read.
# On the development machine (2 busy cores, 2026-12-01) each took at most
# 0.1 s and 6.5 MB, but for the hidden bomb (0.4 s, 5.3 MB) and 2.2
# million shared strings under a uniqueCount that says 10 (1.8 s, 39 MB:
# read up to the cap); one that says 3 million is refused in 0.01 s.
/usr/bin/python3 tests/workbook/limits.py "$scratch/wb"
for f in bomb-declared.xlsx bomb-hidden.xlsx bomb-ratio.xlsx \
	rows-billion.ods columns-billion.ods cells-billion.ods \
	empty-billion.ods strings-count.xlsx strings-uncounted.xlsx \
	strings-long.xlsx; do
	measure "$f" summary -q "$scratch/wb/$f"
done
