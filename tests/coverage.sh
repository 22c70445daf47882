#!/bin/sh
# Prints branch coverage (gcov -b: branches taken at least once) of the
# input code and of everything, after `make coverage` has run the tests
# on an instrumented build in build-coverage/.
set -eu
obj=build-coverage/obj
input="encoding csvin names load period scale split"
report() { # label, modules
	label=$1
	shift
	taken=0
	total=0
	for m in "$@"; do
		line=$(gcov -b -n -o "$obj" "src/$m.c" 2>/dev/null |
			sed -n "/File 'src\/$m.c'/,/^\$/p" |
			sed -n 's/^Taken at least once:\([0-9.]*\)% of \([0-9]*\)/\1 \2/p' | head -n 1)
		[ -n "$line" ] || continue
		pct=${line% *}
		n=${line#* }
		t=$(echo "$pct $n" | awk '{printf "%d", $1 * $2 / 100 + 0.5}')
		taken=$((taken + t))
		total=$((total + n))
		[ "$label" = input ] && printf '  %-12s %6s%% of %5s branches\n' "$m.c" "$pct" "$n"
	done
	echo "$taken $total" | awk -v l="$label" \
		'{printf "%s code: %.1f%% of %d branches taken\n", l, 100 * $1 / $2, $2}'
}
report input $input
report all $(ls src/*.c | sed 's#src/##; s#\.c$##')
