#!/bin/sh
# A large file is read in two parts at once (src/split.c, load.c). This
# suite checks that splitting never changes anything: every input is read
# sequentially and split at five places (test hooks KMAP_SPLIT_MIN,
# KMAP_SPLIT_SHARE and KMAP_READ_SIZE), and stdout, stderr and the exit
# code must be the same for summary (JSON and table) and validate. It also
# checks, from the --verbose notes, that the split and the re-read paths
# were really taken.
. tests/lib.sh

"$PYTHON" - "$tmp" <<'PY'
import os, sys
out = sys.argv[1]
def w(name, text, enc="utf-8", bom=b""):
    open(os.path.join(out, name), "wb").write(bom + text.encode(enc))
head = "region,org,yrke,år,läge,kommentar\n"
rows = ["R%d,Org %d,Yrke %d,%d,%s,%s\n" % (i % 3, i % 17, i % 23, 2024 + i % 4,
        ["Brist", "Hållbart", "Sårbart", "Övertalighet", ""][i % 5],
        ['"rad %d, med ""citat""\noch radbrytning"' % i, "", "ok"][i % 3])
        for i in range(1564)]
body = "".join(rows)
w("clean.csv", head + body)
w("clean-cp1252.csv", head.replace(",", ";") + body.replace(",", ";"), "cp1252")
w("clean-utf16.txt", (head + body).replace(",", "\t").replace("\n", "\r\n"),
  "utf-16-le", b"\xff\xfe")
w("clean-utf16be.txt", (head + body).replace(",", "\t"), "utf-16-be",
  b"\xfe\xff")
ascii_rows = body.replace("å", "a").replace("ä", "a").replace("Ö", "O") \
                 .replace("Å", "A")
ah = "region,org,yrke,ar,status,comment\n"
half = len(rows) // 2
# the encoding is decided in the second part only
w("late-cp1252.csv", ah + "".join(ascii_rows.splitlines(True)[:1400]) +
  "R9,Org 9,Yrke \xc5,2030,Brist,\n" +
  "".join(ascii_rows.splitlines(True)[1400:]), "cp1252")
w("late-utf8.csv", ah + "".join(ascii_rows.splitlines(True)[:1400]) +
  "R9,Org 9,Yrke Å,2030,Brist,\n" + "".join(ascii_rows.splitlines(True)[1400:]))
# mixed encodings across the parts
open(os.path.join(out, "mixed.csv"), "wb").write(
    (head + "".join(rows[:1500])).encode("utf-8") +
    "R9,Org 9,Älmhult,2030,Brist,\n".encode("cp1252") +
    "".join(rows[1500:]).encode("utf-8"))
open(os.path.join(out, "mixed2.csv"), "wb").write(
    (head + "".join(rows[:200])).encode("cp1252") +
    "".join(rows[200:]).encode("utf-8"))
# a record of the first part repeated, or contradicted, in the second
w("dup-across.csv", head + body + rows[3])
w("conflict-across.csv", head + body +
  rows[3].replace("Hållbart", "Brist").replace("Sårbart", "Brist")
         .replace("Övertalighet", "Brist").replace(",,", ",Hållbart,", 1))
# problems only in the second part
w("late-error.csv", head + body + "R1,Org 1,Yrke 1,2099,Bristt,\n")
# 150 periods in each part, 300 together: more than a run takes (256),
# though neither part is over on its own; the first over is in the second
periods = ["%d" % a if a == b else "%d-%d" % (a, b)
           for a in range(1950, 2081) for b in range(a, 2081)]
w("periods-over.csv", head + "".join(
  "R,O%d,Y,%s,Brist,\n" % (i, periods[i]) for i in range(300)))
w("late-ragged.csv", head + body + "R1,Org 1,Yrke 1\n")
w("late-control.csv", head + body + "R1,Org 1,Yrke x\x01,2031,Brist,\n")
w("both-control.csv", head + "R1,Org 1,Yrke x\x01,2031,Brist,\n" + body +
  "R1,Org 1,Yrke y\x01,2031,Brist,\n")
# Nuläge marked only in the second part, or differently in each
w("late-nulage.csv", head + body + "R7,Org 7,Yrke 7,Nuläge 2024,Brist,\n")
w("two-nulage.csv", head + "R7,Org 7,Yrke 8,Nuläge 2025,Brist,\n" + body +
  "R7,Org 7,Yrke 7,Nuläge 2024,Brist,\n")
# a stray quote early (validate reads on): the plan does not count quotes
w("stray-quote.csv", head + 'R1,Org 1,Yrke 1,2024,Brist,12" skärm\n' + body)
# a quoted comment of many lines that read as records, across the middle:
# the split point guessed inside it is found out at the split
fake = "".join("R%d,Org %d,Yrke %d,2024,Brist,\n" % (i % 3, i % 17, i % 23)
               for i in range(2000))
w("multiline-records.csv", head + "".join(rows[:700]) +
  'R5,Org 5,Yrke 5,2024,Brist,"' + fake + 'slut"\n' + "".join(rows[700:]))
# ASCII at first: the first part falls back to Windows-1252 after the
# plan was made, and the second part, read as undecided, is UTF-8 - a
# sequential read says the file mixes them
lines = ascii_rows.splitlines(True)
w("late-fallback.csv", ah + "".join(lines[:400]) + "R9,Org 9,Yrke x,2030,Brist,\n"
  + "".join(lines[400:1400]) + "R9,Org 9,Yrke Å,2031,Brist,\n" +
  "".join(lines[1400:]))
open(os.path.join(out, "late-fallback.csv"), "wb").write(
    (ah + "".join(lines[:400])).encode() + "R9,Org 9,Yrke \xc5,2030,Brist,\n"
    .encode("cp1252") + "".join(lines[400:1400]).encode() +
    "R9,Org 9,Yrke Å,2031,Brist,\n".encode() + "".join(lines[1400:]).encode())
# ... and one that is Windows-1252 in both parts
w("late-fallback-both.csv", ah + "".join(lines[:400]) +
  "R9,Org 9,Yrke \xc5,2030,Brist,\n" + "".join(lines[400:1400]) +
  "R9,Org 9,Yrke \xc4,2031,Brist,\n" + "".join(lines[1400:]), "cp1252")
# distinct names near the --max-name-memory cap (tests below)
w("names.txt", "region,org,yrke,2024\n" + "".join(
  "R,O,Yrke med ett namn nummer %d,Brist\n" % i for i in range(4000)))
# wide layout, CRLF, trailing empty rows
wide = "Län;Kommun;Yrke;Nuläge 2021;2022;2023-2025\r\n" + "".join(
    "L%d;K%d;Y%d;%s;%s;%s\r\n" % (i % 4, i % 31, i, "Brist", "hallbart",
                                  "SÅRBART") for i in range(900)) + ";;;;;\r\n"
w("wide.csv", wide, "utf-8", b"\xef\xbb\xbf")
# a period only a comment column names: its cells are there, empty
w("comment-period.csv", "Län;Kommun;Yrke;2024;2025;Kommentar 2030\n" + "".join(
    "L%d;K%d;Y%d;%s;%s;k%d\n" % (i % 3, i % 17, i, ["Brist", "Sårbart", ""][i % 3],
                                 ["Hållbart", "Brist"][i % 2], i)
    for i in range(900)))
# old Mac line ends: no LF, so no split
w("cr-only.csv", (head + body).replace("\n", "\r"))
# Excel's merged cells: region and organisation only on a block's first
# row, filled down by themselves in both parts
merged = "Region;Organisation;Yrke;Nuläge 2024;2025\n" + "".join(
    "%s;%s;Yrke %d;Brist;Sårbart\n" % (
        "R%d" % (i // 40) if i % 40 == 0 else "",
        "Org %d" % (i // 8) if i % 8 == 0 else "", i % 8)
    for i in range(1600))
w("merged.csv", merged)
# ... and a title above the header, found by itself
w("title-merged.csv", "Kompetenskartläggning 2024\n\n" + merged)
# two-level organisations (Kommun and Förvaltning): one förvaltning name
# in many kommuner, some rows without one; the kommun on every row (the
# part is merged, its names' levels with it), or only on a block's first
# (filled down by itself in both parts)
def two_level(merged):
    return "Region;Kommun;Förvaltning;Yrke;Nuläge 2024;2025\n" + "".join(
        "R%d;%s;%s;Yrke %d;%s;Sårbart\n" % (
            i // 400,
            "Kommun %d" % (i // 24) if not merged or i % 24 == 0 else "",
            "Förvaltning %d" % ((i // 8) % 3) if i % 5 else "", i % 8,
            ["Brist", "Hållbart", "Sårbart"][i % 3])
        for i in range(1600))
w("two-level.csv", two_level(False))
w("two-level-merged.csv", two_level(True))
PY

cp data/*.csv data/*.txt "$tmp/"
for f in tests/cli/*/*/*.csv tests/cli/*/*/*.txt; do
	[ -f "$f" ] && cp "$f" "$tmp/$(echo "$f" | tr / _)"
done

run() { # out-prefix, then kmap arguments
	pfx=$1
	shift
	$KMAP "$@" >"$pfx.out" 2>"$pfx.err"
	echo $? >"$pfx.rc"
}

same() { # name, a, b
	# something was said (a result or a message), and the same
	if { [ -s "$2.out" ] || [ -s "$2.err" ]; } &&
		cmp -s "$2.out" "$3.out" && cmp -s "$2.err" "$3.err" &&
		cmp -s "$2.rc" "$3.rc"; then
		pass=$((pass + 1)) # quietly: there are hundreds
	else
		failed "$1"
		diff "$2.err" "$3.err" | head -5
		diff "$2.out" "$3.out" | head -5
	fi
}

for f in "$tmp"/*.csv "$tmp"/*.txt; do
	extra=
	case "$f" in *unicode*) extra=--fill-down ;; esac
	for cmd in "summary -f json" "summary --by organisation" \
		"validate -f json" "critical -f json"; do
		KMAP_SPLIT_MIN=999999999999 run "$tmp/seq" $cmd $extra "$f"
		for share in 0.05 0.3 0.5 0.7 0.95; do
			KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=$share \
				KMAP_READ_SIZE=512 run "$tmp/par" $cmd $extra "$f"
			same "$(basename "$f"): $cmd, split at $share" \
				"$tmp/seq" "$tmp/par"
		done
	done
done
echo "PASS $pass split/sequential comparisons"

# the paths the comparisons are meant to cover were really taken
path() { # name, file, pattern of the note
	KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=0.5 KMAP_READ_SIZE=512 \
		$KMAP validate --verbose "$tmp/$2" >/dev/null 2>"$tmp/notes"
	grep -q "$3" "$tmp/notes"
	check "$1" $? || cat "$tmp/notes"
}
path "clean file is split and merged" clean.csv "reading in two parts"
path "UTF-16 file is split" clean-utf16.txt "reading in two parts"
path "UTF-16BE file is split" clean-utf16be.txt "reading in two parts"
path "a late error makes the part re-read" late-error.csv \
	"again: it has something to report"
path "a repeated record makes the part re-read" dup-across.csv \
	"again: it repeats a record"
path "periods over the cap together make the part re-read" \
	periods-over.csv "again: the periods of both parts are more"
path "a second Nuläge makes the part re-read" two-nulage.csv \
	"again: it marks another Nuläge"
path "a guess inside a quoted field makes the part re-read" \
	multiline-records.csv "again: the first ends inside a record"
path "a first part that falls back after the plan makes the part re-read" \
	late-fallback.csv "again: the first part decided the encoding otherwise"
KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=0.5 KMAP_READ_SIZE=512 \
	$KMAP validate --verbose "$tmp/stray-quote.csv" >/dev/null 2>"$tmp/notes"
grep -q "reading in two parts" "$tmp/notes" && ! grep -q again "$tmp/notes"
check "a stray quote before the split does not mislead the plan" $? ||
	cat "$tmp/notes"

# the cap on the names' memory: the same first cell over, split or not
for cap in 1 2; do
	for cmd in "summary -f json" "validate -f json"; do
		KMAP_SPLIT_MIN=999999999999 run "$tmp/seq" $cmd \
			--max-name-memory $cap "$tmp/names.txt"
		for share in 0.05 0.3 0.5 0.7 0.95; do
			KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=$share \
				KMAP_READ_SIZE=4096 run "$tmp/par" $cmd \
				--max-name-memory $cap "$tmp/names.txt"
			same "names.txt: $cmd --max-name-memory $cap, split at \
$share" "$tmp/seq" "$tmp/par"
		done
	done
done
KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=0.5 KMAP_READ_SIZE=4096 $KMAP summary --verbose \
	--max-name-memory 1 "$tmp/names.txt" >/dev/null 2>"$tmp/notes"
grep -q "again: the names of both parts may take more" "$tmp/notes"
check "parts whose names do not fit together are read again" $? ||
	cat "$tmp/notes"
KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=0.5 KMAP_READ_SIZE=4096 $KMAP summary --verbose \
	--max-name-memory 2 "$tmp/names.txt" >/dev/null 2>"$tmp/notes"
grep -q "reading in two parts" "$tmp/notes" && ! grep -q again "$tmp/notes"
check "parts whose names fit together are merged" $? || cat "$tmp/notes"
# the second part has no row above its first: a block that goes on
# across the split point makes it read again (the comparisons above
# check that the result is a sequential read's either way)
path "a merged block across the split makes the part re-read" merged.csv \
	"again: it has something to report"
path "a two-level file is split and merged" two-level.csv \
	"reading in two parts"
KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=0.5 KMAP_READ_SIZE=512 \
	$KMAP validate --verbose "$tmp/two-level.csv" >/dev/null 2>"$tmp/notes"
! grep -q again "$tmp/notes"
check "a two-level file's part is merged, not read again" $? ||
	cat "$tmp/notes"
path "a merged kommun across the split makes the part re-read" \
	two-level-merged.csv "again: it has something to report"
# the upper level of two-level organisations, split or not
for f in two-level.csv two-level-merged.csv; do
	for cmd in "summary -f json --by kommun" "heatmap -f json --by kommun" \
		"convert --to long"; do
		KMAP_SPLIT_MIN=999999999999 run "$tmp/seq" $cmd "$tmp/$f"
		for share in 0.05 0.5 0.95; do
			KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=$share \
				KMAP_READ_SIZE=512 run "$tmp/par" $cmd "$tmp/$f"
			same "$f: $cmd, split at $share" "$tmp/seq" "$tmp/par"
		done
	done
done

# Two rounds of the same keys, the later a long file whose round is known
# only at its end: a key of its second part that the other round holds
# makes the part re-read, and nothing may differ from a sequential read.
"$PYTHON" - "$tmp" <<'PY'
import os, sys
out = sys.argv[1]
lv = ["Brist", "Hållbart", "Sårbart", "Övertalighet"]
old = "Län;Kommun;Yrke;Nuläge 2024;2025\n" + "".join(
    "L1;K%d;Y%d;%s;%s\n" % (i % 31, i, lv[i % 4], lv[(i + 1) % 4])
    for i in range(700))
new = "Län;Kommun;Yrke;År;Bedömning\n" + "".join(
    "L1;K%d;Y%d;%s;%s\n" % (i % 31, i, p, lv[(i + k) % 4])
    for i in range(700) for k, p in enumerate(["2026", "Nuläge 2025"]))
open(os.path.join(out, "rounds-2024.csv"), "w").write(old)
open(os.path.join(out, "rounds-2025.csv"), "w").write(new)
# the same round as the old file: its duplicates and a conflict
open(os.path.join(out, "rounds-2024-long.csv"), "w").write(
    "Län;Kommun;Yrke;År;Bedömning\n" + "".join(
        "L1;K%d;Y%d;2025;%s\n" % (i % 31, i, lv[(i + 1) % 4])
        for i in range(700)) + "L1;K3;Y3;2025;Brist\nL1;K0;Y0;Nuläge 2024;Brist\n")
PY
for second in rounds-2025.csv rounds-2024-long.csv; do
	for cmd in "summary -f json" "summary --by round" "validate -f json"; do
		KMAP_SPLIT_MIN=999999999999 run "$tmp/seq" $cmd \
			"$tmp/rounds-2024.csv" "$tmp/$second"
		for share in 0.05 0.5 0.95; do
			KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=$share \
				KMAP_READ_SIZE=512 run "$tmp/par" $cmd \
				"$tmp/rounds-2024.csv" "$tmp/$second"
			same "rounds-2024.csv $second: $cmd, split at $share" \
				"$tmp/seq" "$tmp/par"
		done
	done
done
KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=0.5 KMAP_READ_SIZE=512 $KMAP summary \
	--verbose "$tmp/rounds-2024.csv" "$tmp/rounds-2025.csv" >/dev/null \
	2>"$tmp/notes"
grep -q "rounds-2025.csv: reading the second part again: it repeats a record" \
	"$tmp/notes"
check "a key another round holds makes a long file's part re-read" $? ||
	cat "$tmp/notes"

# out-of-range test hooks fall back to the defaults (half, 16 MiB)
KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=7 KMAP_READ_SIZE=512 $KMAP validate --verbose \
	"$tmp/clean.csv" >/dev/null 2>"$tmp/notes"
grep -q "reading in two parts" "$tmp/notes"
check "a split share outside 0..1 means the middle" $?
KMAP_SPLIT_MIN= $KMAP validate --verbose "$tmp/clean.csv" >/dev/null \
	2>"$tmp/notes"
! grep -q "reading in two parts" "$tmp/notes"
check "an empty KMAP_SPLIT_MIN means 16 MiB: a small file is not split" $?
finish
