#!/bin/sh
# The progress line: on a terminal (a pty from script(1)) an input that
# takes more than a second shows "kmap: reading FILE: ..." on stderr and
# erases it; piped, with -q, or with CI set there is none. The slow input
# is a FIFO whose writer pauses after the first rows (more than kmap reads ahead to
# detect the delimiter and encoding, so that the pause is in the body).
. tests/lib.sh
if ! command -v script >/dev/null; then
	skipped "the progress line on a terminal" \
		"no script(1) (apt-get install bsdutils)"
	finish
	exit
fi
case "$KMAP" in /*) bin=$KMAP ;; *) bin=$(pwd)/$KMAP ;; esac
"$PYTHON" - "$tmp/rows.csv" <<'EOP'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        f.write("R,Org %d,Yrke %d,Brist,Sårbart\n" % (i % 100, i // 100))
EOP
slow_input() { # a FIFO at $tmp/fifo and its writer in the background
	rm -f "$tmp/fifo"
	mkfifo "$tmp/fifo"
	{
		echo 'Län,Organisation,Yrke,Nuläge 2024,2025'
		head -2000 "$tmp/rows.csv"
		sleep 1.3
		tail -n +2001 "$tmp/rows.csv"
	} >"$tmp/fifo" &
}
on_tty() { # ENV... [-- OPTION]: kmap under a pseudo-terminal; all in $tmp/tty
	slow_input
	env "$@" script -q -e -c \
		"\"$bin\" summary \$KMAP_OPT \"$tmp/fifo\" >/dev/null" \
		/dev/null >"$tmp/tty" 2>&1 </dev/null
	wait
}

on_tty CI= TERM=xterm KMAP_OPT=
grep -q 'kmap: reading .*fifo: [0-9]* MB' "$tmp/tty"
check "a slow input on a terminal shows a progress line" $? ||
	od -c "$tmp/tty" | head -20
tail -c 20 "$tmp/tty" | grep -q "$(printf '\r\033\\[K')"
check "the progress line is erased at the end" $?

on_tty CI= TERM=xterm KMAP_OPT=-q
! grep -q 'kmap: reading' "$tmp/tty"
check "-q: no progress line" $?

on_tty CI=true TERM=xterm KMAP_OPT=
! grep -q 'kmap: reading' "$tmp/tty"
check "CI set: no progress line" $?

slow_input
CI= TERM=xterm "$bin" summary "$tmp/fifo" >"$tmp/out" 2>"$tmp/err"
wait
[ ! -s "$tmp/err" ] && grep -q 'Brist' "$tmp/out"
check "stderr not a terminal: no progress line" $? || head -3 "$tmp/err"
# a file name that holds a terminal control is shown escaped
bad="$tmp/fifo$(printf '\033')[2J"
rm -f "$bad"
mkfifo "$bad"
{
	echo 'Län,Organisation,Yrke,Nuläge 2024,2025'
	head -2000 "$tmp/rows.csv"
	sleep 1.3
	tail -n +2001 "$tmp/rows.csv"
} >"$bad" &
env CI= TERM=xterm script -q -e -c "\"$bin\" summary \"$bad\" >/dev/null" \
	/dev/null >"$tmp/tty" 2>&1 </dev/null
wait
grep -q 'kmap: reading .*fifo\\x1B\[2J: [0-9]* MB' "$tmp/tty" &&
	! grep -q "fifo$(printf '\033')" "$tmp/tty"
check "a control in the file name is escaped on the progress line" $? ||
	cat -v "$tmp/tty" | head -3
finish
