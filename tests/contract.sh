#!/bin/sh
# The CLI contract every command keeps (SPEC §5, STYLE §5): -h prints help
# on stdout and exits 0; an unknown option exits 2 naming it, with nothing
# on stdout; a missing input exits 3; a full stdout exits 4; 'kmap help
# CMD' prints the same as 'kmap CMD --help'.
. tests/lib.sh

for cmd in summary critical heatmap diff convert report validate; do
	# diff compares two files; the others take one or more
	two=
	[ $cmd = diff ] && two=data/orebro-2021.csv
	$KMAP $cmd -h >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 0 ] && [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ] &&
		grep -q "usage: kmap $cmd" "$tmp/out"
	check "$cmd -h: exit 0, help on stdout" $?

	$KMAP help $cmd >"$tmp/help" 2>&1
	cmp -s "$tmp/out" "$tmp/help"
	check "$cmd: 'kmap help $cmd' equals '--help'" $?

	$KMAP $cmd --bogus data/orebro-2021.csv $two >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 2 ] && [ ! -s "$tmp/out" ] && grep -q -- "--bogus" "$tmp/err"
	check "$cmd --bogus: exit 2, named on stderr, stdout empty" $?

	$KMAP $cmd no-such-file.csv $two >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 3 ] && grep -q "no-such-file.csv: cannot open" "$tmp/err"
	check "$cmd missing input: exit 3" $?

	if [ -w /dev/full ]; then
		$KMAP $cmd data/orebro-2021.csv $two >/dev/full 2>"$tmp/err"
		rc=$?
		[ $rc = 4 ] && grep -q "cannot write to standard output" "$tmp/err"
		check "$cmd >/dev/full: exit 4" $?
	fi

	$KMAP $cmd >"$tmp/out" 2>"$tmp/err"
	[ $? = 2 ] && grep -q "no input files" "$tmp/err"
	check "$cmd without files: exit 2" $?
done

$KMAP --version >"$tmp/out"
[ $? = 0 ] && grep -Eq '^kmap [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out"
check "--version" $?

$KMAP sumary x >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -q "'sumary' is not a kmap command" "$tmp/err" &&
	grep -q "did you mean 'summary'" "$tmp/err"
check "misspelled command: exit 2 with did-you-mean" $?

$KMAP help >"$tmp/out"
[ $? = 0 ] && grep -q "summary" "$tmp/out" && grep -q "Exit codes" "$tmp/out"
check "kmap help lists commands and exit codes" $?

finish
