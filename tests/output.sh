#!/bin/sh
# Outputs (SPEC §5, RELIABILITY G8): -o writes the whole report or
# nothing. A failed or killed run leaves an existing report as it was and
# no temporary file, in the output's directory or in $TMPDIR; what is at
# the -o path is respected (a device or a FIFO is written into, a link
# followed, a mode kept); writing to an input of any kind is refused.
#
# Devices: as root the suite makes its own /dev/null with mknod, so a
# kmap that replaced what -o names could do no harm; /dev/null itself is
# used only by an unprivileged user, who cannot replace it.
. tests/lib.sh
root=$(pwd)
case "$KMAP" in /*) bin=$KMAP ;; *) bin=$root/$KMAP ;; esac
in=$root/data/orebro-2021.csv
cd "$tmp" || exit 1
# kmap's scratch files go here; every check below wants it empty
mkdir tmpdir
TMPDIR=$tmp/tmpdir
export TMPDIR
$bin summary -f json "$in" >expected.json
echo old >old.txt

no_temp() { ! ls -A | grep -q '\.tmp\.' && [ -z "$(ls -A "$TMPDIR")" ]; }
clean_temp() { rm -f .*.tmp.* "$TMPDIR"/* "$TMPDIR"/.[!.]*; }
is_root() { [ "$(id -u)" = 0 ]; }
# runs a command as an unprivileged user (nobody) when root
unpriv() {
	if is_root; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		"$@"
	fi
}

$bin summary -o nodir/out.json "$in" 2>err
[ $? = 2 ] && grep -q "^kmap: error: -o 'nodir/out.json': no directory 'nodir'$" err
check "missing directory: a usage error, exit 2, before reading" $?

$bin summary -o '' "$in" 2>err
[ $? = 2 ] && grep -q "^kmap: error: -o needs a file name" err
check "an empty -o: a usage error, exit 2" $?

$bin summary -o /proc/kmap-out.json "$in" 2>err
[ $? = 4 ] && grep -q "cannot create '/proc/kmap-out.json'" err &&
	[ ! -e /proc/kmap-out.json ]
check "read-only file system: exit 4, nothing created" $?

cp old.txt out.json
(
	trap '' XFSZ
	ulimit -f 16
	$bin summary -f json -o out.json "$in" 2>err
	echo $? >rc
)
[ "$(cat rc)" = 4 ] && grep -q "cannot write 'out.json': File too large" err &&
	cmp -s out.json old.txt && no_temp
check "disk full (ulimit -f): exit 4, old report kept, no temp file" $?

cp old.txt out.json
(cat "$in"; sleep 3) | $bin summary -f json -o out.json - 2>/dev/null &
kmap_pid=$! # the last process of the pipeline
sleep 1
kill -TERM $kmap_pid
wait
cmp -s out.json old.txt && no_temp
check "SIGTERM while reading: old report kept, no temp file" $?

# SIGKILL at moments spread over a run on a bigger file. Writing takes a
# few milliseconds of the run, so few kills land in it; that a killed
# write leaves nothing rests on O_TMPFILE (src/output.c).
"$PYTHON" "$root/bench/gen.py" 200000 big.csv
$bin summary -f json big.csv >big.json
bad=0
for ms in 5 20 40 60 80 100 120 140 160 200; do
	cp old.txt out.json
	timeout -s KILL "0.$(printf %03d $ms)" \
		$bin summary -f json -o out.json big.csv 2>/dev/null
	if ! { cmp -s out.json old.txt || cmp -s out.json big.json; } ||
		! no_temp; then
		bad=$((bad + 1))
		ls -A
	fi
done
check "SIGKILL at 10 moments: old or complete report, no temp file" $bad

# The workbook is built in $TMPDIR before it is copied to the output, in
# anonymous files (kmap's and libxlsxwriter's): a SIGKILL leaves nothing.
"$PYTHON" "$root/bench/gen.py" 30000 mid.csv
$bin report -f xlsx -o mid.xlsx mid.csv && mv mid.xlsx mid.ref
bad=0
for ms in 50 100 150 200 250 300 350 400 450 500; do
	cp old.txt mid.xlsx
	timeout -s KILL "0.$(printf %03d $ms)" \
		$bin report -f xlsx -o mid.xlsx mid.csv 2>/dev/null
	if ! { cmp -s mid.xlsx old.txt || cmp -s mid.xlsx mid.ref; } ||
		! no_temp; then
		bad=$((bad + 1))
		ls -A . "$TMPDIR"
		clean_temp
	fi
done
check "SIGKILL during an XLSX report: no scratch file left in \$TMPDIR" $bad

# Where there is no O_TMPFILE (KMAP_NO_TMPFILE=1 acts so), the named
# scratch files are removed on the terminating signals.
bad=0
for sig in TERM INT HUP PIPE ALRM; do
	for ms in 100 300 500; do
		cp old.txt mid.xlsx
		KMAP_NO_TMPFILE=1 timeout -s $sig "0.$(printf %03d $ms)" \
			$bin report -f xlsx -o mid.xlsx mid.csv 2>/dev/null
		if ! { cmp -s mid.xlsx old.txt || cmp -s mid.xlsx mid.ref; } ||
			! no_temp; then
			bad=$((bad + 1))
			echo "  SIG$sig at $ms ms:" $(ls -A . "$TMPDIR")
			clean_temp
		fi
	done
done
check "named scratch files (no O_TMPFILE): none left after SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGALRM" $bad

KMAP_NO_TMPFILE=1 $bin report -f xlsx -o mid.xlsx mid.csv &&
	cmp -s mid.xlsx mid.ref && no_temp
check "named scratch files: the same workbook, nothing left" $?

# A signal kmap was started with ignored (nohup) stays ignored, also
# where kmap handles the signals to remove its named scratch files.
(
	trap '' HUP
	KMAP_NO_TMPFILE=1 $bin report -f xlsx -o hup.xlsx mid.csv &
	pid=$!
	sleep 0.3
	kill -HUP $pid
	wait $pid
)
[ $? = 0 ] && cmp -s hup.xlsx mid.ref && no_temp
check "SIGHUP ignored at start (nohup): still ignored, the report written" $?

cp "$in" input.csv
ln input.csv link.csv
sum=$(cksum <input.csv)
$bin summary -o link.csv input.csv 2>err
[ $? = 4 ] && grep -q "is the input" err && [ "$(cksum <input.csv)" = "$sum" ]
check "output that is a hard link of the input: refused, input unchanged" $?

mkdir adir
$bin summary -o adir "$in" 2>err
[ $? = 2 ] && [ -d adir ] && grep -q "^kmap: error: -o 'adir' names a directory$" err
check "output that is a directory: a usage error, exit 2" $?

ln -s adir dirlink
$bin summary -o dirlink "$in" 2>err
[ $? = 2 ] && [ -L dirlink ] && [ -d adir ] &&
	grep -q "^kmap: error: -o 'dirlink' names a directory$" err
check "output that is a link to a directory: exit 2, the link kept" $?

# ---- what is at the -o path is respected ----------------------------

if is_root; then
	null=$tmp/null
	mknod "$null" c 1 3 2>/dev/null || null=
else
	null=/dev/null
fi
if [ -n "$null" ]; then
	$bin summary -f json -o "$null" "$in" && [ -c "$null" ] && no_temp
	check "output that is a character device (/dev/null): written into, still a device" $?
	ln -s "$null" nulllink
	$bin summary -f json -o nulllink "$in" && [ -L nulllink ] &&
		[ -c "$null" ] && no_temp
	check "output that is a link to a character device: written through, the link kept" $?
	$bin summary -f json -o "$null" "$in" >"$null" && [ -c "$null" ]
	check "output that is the device stdout already is" $?
else
	echo "SKIP character devices: mknod failed"
fi

mkfifo fifo
timeout 20 cat fifo >got &
reader=$!
$bin summary -f json -o fifo "$in"
rc=$?
[ -p fifo ] || { kill $reader 2>/dev/null; }
wait $reader
[ $rc = 0 ] && [ -p fifo ] && cmp -s got expected.json && no_temp
check "output that is a FIFO: its reader gets the report, still a FIFO" $?

rm -f got
$bin summary -f json -o fifo "$in" &
writer=$!
sleep 0.5
[ -p fifo ] && timeout 20 cat fifo >got
wait $writer
rc=$?
[ $rc = 0 ] && [ -p fifo ] && cmp -s got expected.json
check "output that is a FIFO with no reader yet: waits for one, like '>'" $?

# the reader opens at once but reads late: the pipe fills, writes wait
$bin summary -f json big.csv >big.json
rm -f got
(exec 3<fifo; sleep 1; cat <&3 >got) &
reader=$!
timeout 20 $bin summary -f json -o fifo big.csv
rc=$?
[ -p fifo ] || kill $reader 2>/dev/null
wait $reader
[ $rc = 0 ] && cmp -s got big.json
check "output that is a FIFO with a slow reader: 900 kB written whole" $?

ln -s /proc/self/fd/1 stdoutlink
$bin summary -f json -o stdoutlink "$in" | cat >got
[ -L stdoutlink ] && cmp -s got expected.json
check "output that is a link to a pipe (like /dev/stdout): the pipe gets it" $?

echo first >log.txt
$bin summary -f json -o stdoutlink "$in" >>log.txt
{ echo first; cat expected.json; } >want.txt
[ -L stdoutlink ] && cmp -s log.txt want.txt
check "-o /dev/stdout with stdout appended to a file: appended, not replaced" $?

echo old >real.txt
chmod 640 real.txt
ln -s real.txt link.txt
$bin summary -f json -o link.txt "$in" && [ -L link.txt ] &&
	[ "$(readlink link.txt)" = real.txt ] && cmp -s real.txt expected.json &&
	[ "$(stat -c %a real.txt)" = 640 ] && no_temp
check "output that is a link to a file: the file replaced, mode kept, the link kept" $?

mkdir elsewhere
echo old >elsewhere/real.txt
ln -s elsewhere/real.txt link2.txt
$bin summary -f json -o link2.txt "$in" && [ -L link2.txt ] &&
	cmp -s elsewhere/real.txt expected.json && ! ls -A elsewhere | grep -q tmp
check "a link to a file in another directory: replaced there" $?

ln -s missing.txt dangling.txt
$bin summary -f json -o dangling.txt "$in" 2>err
[ $? = 4 ] && [ -L dangling.txt ] && [ ! -e missing.txt ] &&
	grep -q "cannot write 'dangling.txt': it is a symbolic link to a file that does not exist" err
check "output that is a link to nothing: exit 4, the link kept" $?

echo old >private.json
chmod 600 private.json
$bin summary -f json -o private.json "$in" &&
	[ "$(stat -c %a private.json)" = 600 ] && cmp -s private.json expected.json
check "an existing 0600 report stays 0600" $?

rm -f new.json
(umask 002 && $bin summary -f json -o new.json "$in") &&
	[ "$(stat -c %a new.json)" = 664 ]
check "a new report is 0666 & ~umask (umask 002: 664)" $?
rm -f new.json
(umask 077 && $bin summary -f json -o new.json "$in") &&
	[ "$(stat -c %a new.json)" = 600 ]
check "a new report is 0666 & ~umask (umask 077: 600)" $?

if is_root; then
	echo old >owned.json
	chown nobody:nogroup owned.json
	chmod 640 owned.json
	$bin summary -f json -o owned.json "$in" &&
		[ "$(stat -c '%U:%G %a' owned.json)" = "nobody:nogroup 640" ] &&
		cmp -s owned.json expected.json
	check "as root: an existing report keeps its owner, group and mode" $?
fi

# as an unprivileged user (nobody when the suite runs as root)
mkdir -m 777 shared
chmod 755 "$tmp"
# the build may sit under a directory only its owner may enter (a
# tarball unpacked in a mktemp -d): the other user runs a copy
ubin=$tmp/kmap-unpriv
cp "$bin" "$ubin" && chmod 755 "$ubin"
cp "$in" shared/in.csv
(cd shared && $bin summary -f json in.csv >want.json)
unpriv sh -c 'cd shared && echo old >mine.json && chmod 604 mine.json &&
	"$1" summary -f json -o mine.json in.csv' sh "$ubin" &&
	[ "$(stat -c %a shared/mine.json)" = 604 ] &&
	cmp -s shared/mine.json shared/want.json
check "unprivileged: an existing report keeps its mode" $?

unpriv sh -c 'cd shared && echo old >ro.json && chmod 444 ro.json &&
	"$1" summary -f json -o ro.json in.csv 2>err' sh "$ubin"
[ $? = 4 ] && [ "$(cat shared/ro.json)" = old ] &&
	grep -q "cannot write 'ro.json': Permission denied" shared/err &&
	! ls -A shared | grep -q tmp
check "unprivileged: a read-only report is not replaced (exit 4)" $?

if is_root; then
	# root's file, writable by nobody, who cannot keep its owner or group
	echo old >shared/theirs.json
	chmod 662 shared/theirs.json
	unpriv sh -c 'cd shared && "$1" summary -f json -o theirs.json in.csv' \
		sh "$ubin" &&
		[ "$(stat -c '%U:%G %a' shared/theirs.json)" = "nobody:nogroup 622" ]
	check "unprivileged over another user's 0662 file: the user's now, 0622 (the old group's rights not handed on)" $?
fi

if ! is_root; then
	$bin summary -f json -o /dev/null "$in" && [ -c /dev/null ]
	check "unprivileged: -o /dev/null" $?
fi

# ---- no input of any kind is the output -----------------------------

cp "$root/data/scale-kmap.json" scale.json
sum=$(cksum <scale.json)
bad=0
for cmd in summary critical heatmap convert report validate; do
	$bin $cmd --scale scale.json -o scale.json "$in" 2>err
	rc=$?
	if [ $rc != 4 ] || [ "$(cksum <scale.json)" != "$sum" ] ||
		! grep -q "output 'scale.json' is the input 'scale.json'" err; then
		echo "  $cmd: exit $rc"
		bad=$((bad + 1))
	fi
done
$bin diff --scale scale.json -o scale.json "$in" "$in" 2>/dev/null
[ $? = 4 ] || bad=$((bad + 1))
ln scale.json scale-link.json
$bin summary --scale scale.json -o scale-link.json "$in" 2>/dev/null
[ $? = 4 ] || bad=$((bad + 1))
[ "$(cksum <scale.json)" = "$sum" ] || bad=$((bad + 1))
check "the --scale file (or a hard link to it) as the output: refused, every command" $bad

printf 'typ;stavning;namn\nyrke;Usk;Undersköterska\n' >namn.csv
sum=$(cksum <namn.csv)
bad=0
for cmd in summary critical heatmap convert report validate; do
	$bin $cmd --names namn.csv -o namn.csv "$in" 2>err
	rc=$?
	if [ $rc != 4 ] || [ "$(cksum <namn.csv)" != "$sum" ] ||
		! grep -q "output 'namn.csv' is the input 'namn.csv'" err; then
		echo "  $cmd: exit $rc"
		bad=$((bad + 1))
	fi
done
$bin diff --names namn.csv -o namn.csv "$in" "$in" 2>/dev/null
[ $? = 4 ] || bad=$((bad + 1))
ln namn.csv namn-link.csv
$bin summary --names namn.csv -o namn-link.csv "$in" 2>/dev/null
[ $? = 4 ] || bad=$((bad + 1))
[ "$(cksum <namn.csv)" = "$sum" ] || bad=$((bad + 1))
check "the --names file (or a hard link to it) as the output: refused, every command" $bad

cp "$in" stdin.csv
sum=$(cksum <stdin.csv)
$bin summary -o stdin.csv - <stdin.csv 2>err
[ $? = 4 ] && [ "$(cksum <stdin.csv)" = "$sum" ] &&
	grep -q "output 'stdin.csv' is standard input ('-')" err
check "standard input's file as the output: refused, input unchanged" $?

ln -s /proc/self/fd/0 stdinlink
$bin summary -o stdinlink - <stdin.csv 2>err
[ $? = 4 ] && [ -L stdinlink ] && [ "$(cksum <stdin.csv)" = "$sum" ]
check "a link to standard input (like /dev/stdin) as the output: refused" $?

ln -s input.csv symlink.csv
$bin summary -o symlink.csv input.csv 2>err
[ $? = 4 ] && [ -L symlink.csv ] && grep -q "is the input" err
check "output that is a symbolic link to the input: refused" $?

# Standard descriptors closed at start are opened to /dev/null before
# anything else, so no file kmap opens becomes fd 1 or 2: the sheet-name
# warning of this report must not land in the workbook.
cp "$root/tests/cli/bad-input/51-xlsx-sheet-names/in.csv" names.csv
$bin report -f xlsx -o ref.xlsx names.csv 2>err
$bin report -f xlsx -o closed.xlsx names.csv 2>&-
[ $? = 0 ] && grep -q "warning: 4 occupation names changed" err &&
	cmp -s closed.xlsx ref.xlsx
check "stderr closed (2>&-): the warning does not land in the workbook" $?

$bin summary -f json -o closed.json "$in" >&- <&- &&
	cmp -s closed.json expected.json
check "stdin and stdout closed: -o FILE still gets the report" $?

$bin summary -f json "$in" >&- 2>err
[ $? = 4 ] && grep -q "cannot write to standard output" err
check "stdout closed and no -o: still an output error (exit 4)" $?

$bin summary -f json -o closed.json - <&- 2>err
[ $? = 3 ] && grep -q "^kmap: error: -: cannot read" err
check "stdin closed and read ('-'): still an input error (exit 3)" $?

rm -f out.json
(umask 022 && $bin summary -f json -o out.json "$in") &&
	cmp -s out.json expected.json &&
	[ "$(stat -c %a out.json)" = 644 ] && no_temp
check "a good run: the report, mode 644, no temp file" $?
finish
