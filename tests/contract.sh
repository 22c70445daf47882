#!/bin/sh
# The CLI contract every command keeps (SPEC §5, STYLE §5): -h prints help
# on stdout and exits 0; an unknown option exits 2 naming it, with nothing
# on stdout; a missing input exits 3; a full stdout exits 4; 'kmap help
# CMD' prints the same as 'kmap CMD --help'. The commands are the ones
# 'kmap help --commands' lists.
. tests/lib.sh

commands=$($KMAP help --commands)
[ $? = 0 ] && [ -n "$commands" ]
check "kmap help --commands lists commands" $?
$KMAP help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' \
	>"$tmp/listed"
[ "$(cat "$tmp/listed")" = "$commands" ]
check "kmap help --commands names the commands 'kmap help' lists" $? ||
	echo "  --commands: $(echo $commands); help: $(echo $(cat "$tmp/listed"))"

for cmd in $commands; do
	# a command whose synopsis ends in FILE... takes one file or more; any
	# other takes as many as its synopsis names (diff: OLD NEW)
	synopsis=$($KMAP $cmd -h 2>/dev/null |
		sed -n "s/^usage: kmap $cmd //p" | head -n 1)
	more= # the files after the first
	# options the synopsis names before [options] are required: given
	need=
	case $synopsis in
	"--af FILE "*) need="--af data/yrkesbarometer-exempel.json" ;;
	esac
	case $synopsis in
	*FILE...) ;;
	*)
		n=$(echo "${synopsis##*]}" | wc -w)
		while [ "$n" -gt 1 ]; do
			more="$more data/orebro-2021.csv"
			n=$((n - 1))
		done
		;;
	esac
	$KMAP $cmd -h >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 0 ] && [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ] &&
		grep -q "usage: kmap $cmd" "$tmp/out"
	check "$cmd -h: exit 0, help on stdout" $?

	$KMAP help $cmd >"$tmp/help" 2>&1
	cmp -s "$tmp/out" "$tmp/help"
	check "$cmd: 'kmap help $cmd' equals '--help'" $?

	$KMAP $cmd $need --bogus data/orebro-2021.csv $more >"$tmp/out" \
		2>"$tmp/err"
	rc=$?
	[ $rc = 2 ] && [ ! -s "$tmp/out" ] && grep -q -- "--bogus" "$tmp/err"
	check "$cmd --bogus: exit 2, named on stderr, stdout empty" $?

	$KMAP $cmd $need no-such-file.csv $more >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 3 ] && grep -q "no-such-file.csv: cannot open" "$tmp/err"
	check "$cmd missing input: exit 3" $?

	if [ -w /dev/full ]; then
		$KMAP $cmd $need data/orebro-2021.csv $more >/dev/full \
			2>"$tmp/err"
		rc=$?
		[ $rc = 4 ] && grep -q "cannot write to standard output" "$tmp/err"
		check "$cmd >/dev/full: exit 4" $?
	fi

	$KMAP $cmd $need >"$tmp/out" 2>"$tmp/err"
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
