#!/bin/sh
# make install into a scratch DESTDIR: the installed binary runs, man -l
# renders the installed page and it names every command and every option
# the parser has, bash finds the completion, the scale files work; then
# make uninstall leaves no file behind.
. tests/lib.sh
root=$tmp/root
prefix=/usr/local
make -s --no-print-directory install BUILD="$BUILD" KMAP="$KMAP" \
	DESTDIR="$root" PREFIX="$prefix" >"$tmp/log" 2>&1
check "make install DESTDIR=... PREFIX=$prefix" $? || cat "$tmp/log"
bin=$root$prefix/bin/kmap
man1=$root$prefix/share/man/man1/kmap.1
comp=$root$prefix/share/bash-completion/completions/kmap

version=$(sed -n 's/^#define KMAP_VERSION "\(.*\)"/\1/p' include/kmap/kmap.h)
[ "$($bin --version)" = "kmap $version" ]
check "installed kmap --version prints kmap $version" $?
"$bin" summary --scale "$root$prefix/share/kmap/scale-brist-balans-overskott.json" \
	data/halland-2026-tre-nivaer.csv >"$tmp/out" 2>&1 &&
	grep -q 'Överskott  Balans  Brist' "$tmp/out"
check "installed scale file reads a three-level sheet" $? || cat "$tmp/out"

# the Swedish catalogue, where the binary looks for it (LOCALEDIR is
# compiled in; KMAP_LOCALEDIR points it under DESTDIR here)
mo=$root$prefix/share/locale/sv/LC_MESSAGES/kmap.mo
[ -f "$mo" ] && grep -qa "$prefix/share/locale" "$bin"
check "the Swedish catalogue is installed where kmap looks for it" $?
out=$(cd "$tmp" && KMAP_LOCALEDIR=$root$prefix/share/locale LC_ALL= \
	LANG=C.UTF-8 LANGUAGE=sv "$bin" summary missing.csv 2>&1)
case $out in "kmap: fel: missing.csv: "*) true ;; *) false ;; esac
check "the installed catalogue gives Swedish messages (LANGUAGE=sv)" $? ||
	echo "  $out"

LC_ALL=C.UTF-8 MANWIDTH=100 man -l "$man1" >"$tmp/man" 2>"$tmp/manerr"
[ -s "$tmp/man" ] && ! [ -s "$tmp/manerr" ]
check "man -l renders the installed page without warnings" $? ||
	head -5 "$tmp/manerr"
grep -q "kmap $version" "$tmp/man"
check "the man page carries the version" $?
missing=""
for cmd in $("$bin" help --commands); do
	grep -q "^       $cmd\b" "$tmp/man" || missing="$missing $cmd"
	for opt in $("$bin" "$cmd" --completion-helper | sed 's/[=\t].*//'); do
		grep -q -- "$opt\b" "$tmp/man" || missing="$missing $cmd:$opt"
	done
done
[ -z "$missing" ]
check "the man page names every command and option" $? ||
	echo "  missing:$(echo "$missing" | tr ' ' '\n' | sort -u | tr '\n' ' ')"
for code in 0 1 2 3 4 5; do
	grep -q "^       $code  *[A-Z]" "$tmp/man" || missing="$missing exit-$code"
done
[ -z "$missing" ]
check "the man page lists exit codes 0-5" $?

out=$(PATH="$root$prefix/bin:$PATH" bash -c '. "$1"; complete -p kmap' \
	sh "$comp" 2>&1)
[ "$out" = "complete -F _kmap kmap" ]
check "the installed completion registers for kmap" $? || echo "  $out"

# What a user's shell does: man finds the page next to the bin directory
# on PATH, and bash-completion's loader finds the completion on first TAB
# in XDG_DATA_DIRS (whose default, /usr/local/share:/usr/share, is here
# moved under DESTDIR).
out=$(PATH="$root$prefix/bin:$PATH" MANPATH= man -w kmap 2>&1)
[ "$out" = "$man1" ]
check "man finds the installed page from PATH" $? || echo "  $out"
bc=/usr/share/bash-completion/bash_completion
if [ -f $bc ]; then
	out=$(PATH="$root$prefix/bin:$PATH" XDG_DATA_DIRS="$root$prefix/share:/usr/share" \
		bash -c '. "$1"
		_completion_loader kmap; complete -p kmap
		COMP_WORDS=(kmap su); COMP_CWORD=1; _kmap; echo "${COMPREPLY[*]}"' \
		sh $bc 2>&1)
	[ "$out" = "complete -F _kmap kmap
summary" ]
	check "bash-completion loads it on first use and completes kmap su" $? ||
		echo "  $out"
else
	skipped "bash-completion loads it on first use" \
		"no bash-completion (apt-get install bash-completion)"
fi

make -s --no-print-directory uninstall BUILD="$BUILD" DESTDIR="$root" \
	PREFIX="$prefix" >"$tmp/log" 2>&1
check "make uninstall" $? || cat "$tmp/log"
left=$(find "$root" ! -type d)
[ -z "$left" ]
check "make uninstall leaves no file behind" $? || echo "  $left"
finish
