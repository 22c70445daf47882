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
PY
ms() { # FILE, then kmap's arguments: the best of 3 runs, in milliseconds
	file=$1 best=
	shift
	for run in 1 2 3; do
		t0=$(date +%s%N)
		"$KMAP" "$@" "$file" >/dev/null 2>&1
		t=$((($(date +%s%N) - t0) / 1000000))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	[ "$best" -gt 0 ] || best=1
	echo "$best"
}
growth() { # label, file stem, small n, large n, then kmap's arguments
	label=$1 stem=$2 a=$3 b=$4
	shift 4
	ta=$(ms "$scratch/$stem-$a.csv" "$@")
	tb=$(ms "$scratch/$stem-$b.csv" "$@")
	printf '%-36s n=%-6s %7s ms   4n %7s ms   ratio %s\n' "$label" "$a" \
		"$ta" "$tb" "$(echo "$ta $tb" | awk '{ printf "%.1f", $2 / $1 }')"
}
growth "name of combining marks (chars)" marks 20000 80000 summary -q
growth "spellings of one name" spellings 25000 100000 summary -q
growth "validate, warnings in a wide row" wide 2000 8000 validate
growth "distinct names" names 100000 400000 summary -q
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
