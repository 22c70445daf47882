#!/bin/sh
# kmap convert: every sample in data/ round-trips exactly (long -> wide ->
# long and wide -> long -> wide give what converting the input to that
# layout gives), the records and counts survive (diff and summary agree),
# --excel output reads back the same, and cells a spreadsheet would run
# as a formula are written with ' and read back without it.
. tests/lib.sh

roundtrip() { # NAME, input arguments...
	name=$1
	shift
	$KMAP convert -q --to long "$@" >"$tmp/l.csv" &&
		$KMAP convert -q --to wide "$@" >"$tmp/w.csv" &&
		$KMAP convert -q --to wide "$tmp/l.csv" >"$tmp/w2.csv" &&
		$KMAP convert -q --to long "$tmp/w.csv" >"$tmp/l2.csv" &&
		[ -s "$tmp/l.csv" ] && cmp -s "$tmp/l.csv" "$tmp/l2.csv" &&
		cmp -s "$tmp/w.csv" "$tmp/w2.csv"
	check "$name: long and wide round-trip exactly" $? ||
		diff "$tmp/l.csv" "$tmp/l2.csv" | head -5
	$KMAP diff -q --comments --exit-code "$@" "$tmp/l.csv" >"$tmp/d" 2>&1
	check "$name: no record or comment lost (diff --comments)" $? ||
		head -5 "$tmp/d"
	$KMAP summary -q -f csv --by organisation "$@" >"$tmp/s1" &&
		$KMAP summary -q -f csv --by organisation "$tmp/w.csv" >"$tmp/s2" &&
		cmp -s "$tmp/s1" "$tmp/s2"
	check "$name: the same counts from the converted file" $?
}

roundtrip "orebro (wide, UTF-8 BOM ';')" data/orebro-2021.csv
roundtrip "halland (long, cp1252 ';')" data/halland-2024.csv
roundtrip "orebro (UTF-16 TAB, merged cells)" --fill-down \
	data/orebro-2021-unicode.txt

# columns kmap does not use are carried through, and round-trip too
printf 'Region;Organisation;Kontakt;Yrke;Nuläge 2024;2025;Kommentar;Telefon\n%s\n%s\n%s\n' \
	'Kalmar län;Borgholm;Anna A;Sjuksköterska;Brist;Brist;svårt;0485-1' \
	'Kalmar län;Borgholm;Anna A;Läkare;Hållbart;Sårbart;;0485-1' \
	'Kalmar län;Kalmar;;Sjuksköterska;Sårbart;Brist;ok;0480-2' \
	>"$tmp/extra.csv"
roundtrip "extra columns (wide)" "$tmp/extra.csv"
$KMAP convert -q --to wide "$tmp/extra.csv" >"$tmp/ew.csv"
head -1 "$tmp/ew.csv" | grep -qx \
	'Region,Organisation,Yrke,Nuläge 2024,2025,Kommentar,Kontakt,Telefon' &&
	grep -q '^Kalmar län,Borgholm,Läkare,Hållbart,Sårbart,,Anna A,0485-1$' \
		"$tmp/ew.csv" &&
	grep -q '^Kalmar län,Kalmar,Sjuksköterska,Sårbart,Brist,ok,,0480-2$' \
		"$tmp/ew.csv"
check "extra columns: every cell carried, in the header's order" $? ||
	cat "$tmp/ew.csv"

# the layout of the inputs decides the default
$KMAP convert -q data/halland-2024.csv | head -1 | grep -q '^Region,Organisation,Yrke,Nuläge 2024,'
check "long input converts to wide by default" $?
$KMAP convert -q data/orebro-2021.csv | head -1 |
	grep -qx 'Region,Organisation,Yrke,Period,Bedömning,Kommentar'
check "wide input converts to long by default" $?

# --excel: BOM, ';', CRLF; and it reads back to the same records
$KMAP convert -q --excel --to long data/orebro-2021.csv >"$tmp/x.csv"
head -c 3 "$tmp/x.csv" | od -An -tx1 | grep -q 'ef bb bf' &&
	head -1 "$tmp/x.csv" | grep -q ';Bedömning;' &&
	head -1 "$tmp/x.csv" | od -c | grep -q '\\r  \\n'
check "--excel: BOM, ';' and CRLF" $?
$KMAP convert -q --to long "$tmp/x.csv" >"$tmp/x2.csv"
$KMAP convert -q --to long data/orebro-2021.csv >"$tmp/x3.csv"
cmp -s "$tmp/x2.csv" "$tmp/x3.csv"
check "--excel output reads back the same" $?

# formula guard: written with ', read back without
printf 'Region,Organisation,Yrke,År,Bedömning,Kommentar\n%s\n%s\n' \
	'"=Län",+Org,@Yrke,Nuläge 2024,Brist,"-10 % sökande"' \
	'"=Län",+Org,@Yrke,2025,Brist,=1+1' >"$tmp/f.csv"
$KMAP convert -q --to wide "$tmp/f.csv" >"$tmp/fw.csv"
grep -q "^'=Län,'+Org,'@Yrke," "$tmp/fw.csv" &&
	grep -q "'-10 % sökande" "$tmp/fw.csv"
check "formula guard in convert output" $? || cat "$tmp/fw.csv"
$KMAP convert -q --to long "$tmp/fw.csv" >"$tmp/fl.csv"
$KMAP convert -q --to long "$tmp/f.csv" >"$tmp/fl2.csv"
cmp -s "$tmp/fl.csv" "$tmp/fl2.csv" &&
	$KMAP diff -q --comments --exit-code "$tmp/f.csv" "$tmp/fw.csv" >/dev/null
check "guarded cells read back as written" $?

# inputs with different current periods cannot share one file
$KMAP convert -q --fill-down data/orebro-2021-unicode.txt \
	data/halland-2024.csv >"$tmp/o" 2>"$tmp/e"
[ $? = 2 ] && [ ! -s "$tmp/o" ] && grep -q "both wide and long" "$tmp/e"
check "wide and long inputs without --to: exit 2" $?
$KMAP convert -q --to long --fill-down data/orebro-2021-unicode.txt \
	data/halland-2024.csv >"$tmp/o" 2>"$tmp/e"
[ $? = 3 ] && [ ! -s "$tmp/o" ] && grep -q "one at a time" "$tmp/e"
check "different Nuläge in two inputs: exit 3, nothing written" $?
finish
