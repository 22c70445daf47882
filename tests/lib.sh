# tests/lib.sh - shared by the test suites: the defaults, a scratch
# directory ($tmp, removed on exit) and the counting of checks.
#   . tests/lib.sh ... check NAME STATUS ... finish
# A check that cannot run because a tool is missing is 'skipped': a skip
# on a workstation, a failure in CI (CI set, and not 'false' or '0'),
# where every tool is installed (.ci/run, tools/deb-packages).
set -u
: "${KMAP:=build/kmap}" "${PYTHON:=/usr/bin/python3}"
# kmap's messages from the build tree's catalogues (build/locale), not
# from an installed kmap's (README: Messages in Swedish)
if [ -z "${KMAP_LOCALEDIR:-}" ]; then
	KMAP_LOCALEDIR=$(cd "$(dirname "$KMAP")" && pwd)/locale
fi
export KMAP_LOCALEDIR
pass=0
fail=0
skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed() { # NAME
	pass=$((pass + 1))
	echo "PASS $1"
}

failed() { # NAME
	fail=$((fail + 1))
	echo "FAIL $1"
}

check() { # NAME STATUS: passed when STATUS is 0; returns that result
	if [ "$2" = 0 ]; then passed "$1"; else failed "$1"; fi
	[ "$2" = 0 ]
}

in_ci() {
	case ${CI:-} in
	'' | false | 0) return 1 ;;
	esac
}

skipped() { # NAME WHY: NAME could not run (WHY: the missing tool)
	if in_ci; then
		failed "$1: $2"
	else
		skip=$((skip + 1))
		echo "SKIP $1: $2"
	fi
}

finish() { # the suite's result line, and its exit status
	echo "$pass passed, $fail failed, $skip skipped"
	[ "$fail" = 0 ]
}
