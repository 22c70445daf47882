# tests/lib.sh - shared by the test suites: the defaults, a scratch
# directory ($tmp, removed on exit) and the counting of checks.
#   . tests/lib.sh ... check NAME STATUS ... finish
set -u
: "${KMAP:=build/kmap}" "${PYTHON:=/usr/bin/python3}"
pass=0
fail=0
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

finish() { # the suite's result line, and its exit status
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}
