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
