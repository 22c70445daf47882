#!/bin/sh
# The reader's fast path for lines without a quote (csvin.c
# parse_plain_line) must give exactly what libcsv gives: every test
# input - the samples, every golden case's files, the csv-spectrum
# conformance cases, the fuzz corpora and a set of awkward lines - is
# read with the fast path and without it (KMAP_NO_FAST_PATH=1), at two
# read sizes, and stdout, stderr and the exit code of summary -f json,
# validate -f json and convert must be the same.
. tests/lib.sh

"$PYTHON" - "$tmp" <<'PY'
import os, sys
out = sys.argv[1]
def w(name, data):
    open(os.path.join(out, name), "wb").write(data)
h = b"region,org,yrke,2024,2025\n"
# spaces and tabs around fields, empty fields, blank lines of spaces,
# a last line without a line end, CRLF and CR, tabs inside fields,
# quotes on some lines only, a line of delimiters
w("spaces.csv", h + b"  R , O\t,\tY  , Brist ,  \n \t \nR,O, Z ,Brist,Brist")
w("crlf.csv", h.replace(b"\n", b"\r\n") + b"R,O,Y,Brist,\r\nR , O , Q ,,Brist\r\n")
w("cr.csv", h.replace(b"\n", b"\r") + b"R,O,Y,Brist,\rR,O,Q,,Brist\r")
w("mixed-quotes.csv", h + b'R,O,"Y, z",Brist,Brist\nR,O,Y2 ,Brist,\n"R",O,Y3,,\n')
w("delims.csv", h + b",,,,\n ,, , ,\nR,O,Y,Brist,Brist\n")
w("tab.tsv", b"region\torg\tyrke\t2024\n R \tO\t Y\tBrist \n\t\t\t\n \n")
w("ragged.csv", h + b"R,O,Y,Brist\nR,O,Y,Brist,Brist,,\nR,O,Y,Brist,Brist,x\n")
w("controls.csv", h + b"R,O\x01,Y\x7f,Brist,Brist\nR,O,Y\xc2\x9b,Brist,\n")
w("long-line.csv", h + b"R,O," + b"y" * 40000 + b",Brist,\n")
# the line is looked at 16 bytes a step: delimiters, quotes, controls and
# line ends at every place in and around a step, and lines of more fields
# than the fast path keeps (255 delimiters and over go to libcsv)
lines = []
for k in range(0, 40):
    pad = b"x" * k
    lines.append(b"R" + pad + b",O,Y,Brist,Brist\n")
    lines.append(b"R,O" + pad + b",Y\x01,Brist,\n")
    lines.append(b"R,O,Y" + pad + b",Brist,\"q\"\n")
    lines.append(b"R,O,Y" + pad + b"\"q,Brist,\n")
    lines.append(b"R,O,Y" + pad + b",\x7f,\xc2\x85\n")
    lines.append(pad + b" , ,\n")
w("steps.csv", h + b"".join(lines))
w("steps-tab.tsv", h.replace(b",", b"\t") + b"".join(l.replace(b",", b"\t") for l in lines))
for n in (254, 255, 256, 300):
    w("fields-%d.csv" % n, h + b"R,O,Y,Brist" + b",x" * (n - 3) + b"\n" + b"R,O,Z,Brist,Brist\n")
PY

set -- data/*.csv data/*.txt tests/cli/*/*/*.csv tests/cli/*/*/*.txt \
	tests/conformance/csv-spectrum/*.csv tests/fuzz/corpus/reader/* \
	tests/fuzz/corpus/summary/* "$tmp"/*.csv "$tmp"/*.tsv
n=0
for f in "$@"; do
	[ -f "$f" ] || continue
	for cmd in "summary -f json" "validate -f json" "convert --to long"; do
		for rs in 65536 7; do
			KMAP_READ_SIZE=$rs KMAP_NO_FAST_PATH=1 $KMAP $cmd "$f" \
				>"$tmp/a.out" 2>"$tmp/a.err"
			echo $? >"$tmp/a.rc"
			KMAP_READ_SIZE=$rs $KMAP $cmd "$f" >"$tmp/b.out" \
				2>"$tmp/b.err"
			echo $? >"$tmp/b.rc"
			if cmp -s "$tmp/a.out" "$tmp/b.out" &&
				cmp -s "$tmp/a.err" "$tmp/b.err" &&
				cmp -s "$tmp/a.rc" "$tmp/b.rc"; then
				n=$((n + 1))
			else
				failed "$f: $cmd at read size $rs"
				diff "$tmp/a.err" "$tmp/b.err" | head -3
				diff "$tmp/a.out" "$tmp/b.out" | head -3
			fi
		done
	done
done
passed "$n comparisons of the fast path with libcsv"
# that the fast path is taken, and what it saves, is measured in bench/
finish
