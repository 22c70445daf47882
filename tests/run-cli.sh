#!/bin/sh
# Golden CLI cases: tests/cli/<group>/<NNNN-name>/ holds
#   cmd     one shell line, run in a scratch directory that holds the
#           case's other files and a link 'data' to the repository's data/
#   expout  exact stdout        experr  exact stderr        status  exit code
# The command is printed before any difference. UPDATE_GOLDEN=1 rewrites
# the expectations (review them with git diff). KMAP_TEST_WRAPPER runs
# kmap under e.g. valgrind; a cmd that calls kmap_unwrapped instead of
# kmap runs it bare.
#   sh tests/run-cli.sh [CASE-DIR | GROUP-DIR]...    (default: every case)
# e.g. UPDATE_GOLDEN=1 sh tests/run-cli.sh tests/cli/summary/0003-*
# (make cli CASES='tests/cli/summary/0003-*' does the same).
set -u
: "${KMAP:=build/kmap}"
root=$(pwd)
kmap_bin=$root/$KMAP
case "$KMAP" in /*) kmap_bin=$KMAP ;; esac
# the message catalogues beside the binary (build/locale), not installed ones
: "${KMAP_LOCALEDIR:=$(dirname "$kmap_bin")/locale}"
export KMAP_LOCALEDIR
pass=0
fail=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run_case() { # DIR
	dir=$1
	work=$scratch/work
	rm -rf "$work"
	mkdir -p "$work"
	for f in "$dir"/*; do
		case "$(basename "$f")" in
		cmd | expout | experr | status) ;;
		*) cp -R "$f" "$work/" ;;
		esac
	done
	ln -s "$root/data" "$work/data"
	cmd=$(cat "$dir/cmd")
	# kmap_unwrapped: kmap never under the wrapper, for a case whose
	# environment the wrapper cannot run in (valgrind keeps its own files
	# in TMPDIR, so a case about a missing TMPDIR cannot run under it)
	printf 'kmap() { %s "%s" "$@"; }\nkmap_unwrapped() { "%s" "$@"; }\n%s\n' \
		"${KMAP_TEST_WRAPPER:-}" "$kmap_bin" "$kmap_bin" "$cmd" \
		>"$scratch/cmd.sh"
	(cd "$work" && LC_ALL=C.UTF-8 LANGUAGE= NO_COLOR= COLORTERM= COLUMNS= TERM=dumb sh "$scratch/cmd.sh" \
		>"$scratch/out" 2>"$scratch/err" </dev/null)
	status=$?
	# kmap's exit codes are 0-5 (SPEC §5); anything else is a crash or a
	# signal, never an expectation
	crashed=0
	if [ "$status" -gt 5 ] || grep -q 'Sanitizer\|runtime error' "$scratch/err"; then
		crashed=1
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ] && [ $crashed = 0 ]; then
		cp "$scratch/out" "$dir/expout"
		cp "$scratch/err" "$dir/experr"
		echo "$status" >"$dir/status"
	fi
	ok=1
	[ $crashed = 0 ] || ok=0
	[ -f "$dir/status" ] && [ "$status" = "$(cat "$dir/status")" ] || ok=0
	cmp -s "$scratch/out" "$dir/expout" || ok=0
	cmp -s "$scratch/err" "$dir/experr" || ok=0
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		echo "PASS $dir"
	else
		fail=$((fail + 1))
		echo "FAIL $dir"
		echo "  \$ $cmd"
		echo "  status: got $status, want $(cat "$dir/status" 2>/dev/null)"
		diff -u "$dir/expout" "$scratch/out" | sed 's/^/  /' | head -40
		diff -u "$dir/experr" "$scratch/err" | sed 's/^/  /' | head -20
	fi
}

[ $# -gt 0 ] || set -- tests/cli/*/*/
for arg in "$@"; do
	arg=${arg%/}
	if [ -f "$arg/cmd" ]; then
		run_case "$arg"
		continue
	fi
	found=0
	for dir in "$arg"/*/; do # a group: its cases
		dir=${dir%/}
		[ -f "$dir/cmd" ] || continue
		found=1
		run_case "$dir"
	done
	if [ $found = 0 ]; then
		fail=$((fail + 1))
		echo "FAIL $arg: not a case (no cmd file) nor a group of cases"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
