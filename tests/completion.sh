#!/bin/sh
# The help, the option parser and the bash completion agree (issue: one
# table). For every command in 'kmap help --commands':
#   - every option the parser has (--completion-helper) is in --help, and
#     every --option --help names is one the parser has;
#   - every fixed word the completion offers is accepted, and a word it
#     does not offer is refused (so the check bites);
# every option --help names is in the man page (doc/kmap.1);
# then completions/kmap.bash is driven through COMP_WORDS and compgen the
# way bash calls it on TAB.
. tests/lib.sh
case "$KMAP" in /*) bin=$KMAP ;; *) bin=$(pwd)/$KMAP ;; esac
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/kmap"

# spellings the parser takes but the help shows once, in British English
aliases=' --colour --organization --default-organization '

for cmd in $($KMAP help --commands); do
	$KMAP "$cmd" --completion-helper >"$tmp/opts" 2>&1
	check "$cmd: --completion-helper lists options" $?
	$KMAP "$cmd" --help >"$tmp/help"
	sed 's/[=\t].*//' "$tmp/opts" | sort -u >"$tmp/parser"
	grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u >"$tmp/helped"
	missing=$(comm -23 "$tmp/parser" "$tmp/helped" | while read -r o; do
		case "$aliases" in *" $o "*) ;; *) printf '%s ' "$o" ;; esac
	done)
	[ -z "$missing" ]
	check "$cmd: every option the parser has is in --help" $? ||
		echo "  not in --help: $missing"
	# the man page documents every option too
	sed 's/\\-/-/g; s/\\f[BIRP]//g' doc/kmap.1 |
		grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/man"
	unmanned=$(comm -23 "$tmp/parser" "$tmp/man" | tr '\n' ' ')
	[ -z "$unmanned" ]
	check "$cmd: every option the parser has is in doc/kmap.1" $? ||
		echo "  not in doc/kmap.1: $unmanned"
	extra=$(comm -13 "$tmp/parser" "$tmp/helped" | tr '\n' ' ')
	[ -z "$extra" ]
	check "$cmd: every option --help names is accepted" $? ||
		echo "  not accepted: $extra"
	bad=""
	while IFS="$(printf '\t')" read -r opt words; do
		[ -n "$words" ] || continue
		for w in $words; do
			$KMAP "$cmd" "$opt$w" --help >/dev/null 2>&1 ||
				bad="$bad $opt$w"
		done
		# --by of summary, heatmap and critical also takes an
		# attribute of a names file,
		# known once the files are read: refused then
		case "$cmd $opt" in
		"summary --by=" | "heatmap --by=" | "critical --by=")
			$KMAP "$cmd" "${opt}nonsense" data/halland-2024.csv \
				>/dev/null 2>&1 ;;
		*) $KMAP "$cmd" "${opt}nonsense" --help >/dev/null 2>&1 ;;
		esac
		[ $? = 2 ] || bad="$bad ${opt}nonsense(accepted)"
	done <"$tmp/opts"
	[ -z "$bad" ]
	check "$cmd: every word offered is accepted, others refused" $? ||
		echo "  $bad"
	# the man page documents every option the help shows
	nodoc=$(while read -r o; do
		grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" \
			doc/kmap.1 || printf '%s ' "$o"
	done <"$tmp/helped")
	[ -z "$nodoc" ]
	check "$cmd: every option of --help is in doc/kmap.1" $? ||
		echo "  not in doc/kmap.1: $nodoc"
done

# Drives the completion: complete LINE -> the words offered, one a line.
# The cursor is at the end of LINE; words split as bash splits them
# (COMP_WORDBREAKS has '=').
cat >"$tmp/drive.bash" <<'EOS'
. "$1"
line=$2
read -r -a COMP_WORDS <<<"${line//=/ = }"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
_kmap
printf '%s\n' "${COMPREPLY[@]}" | sort
EOS
mkdir -p "$tmp/work/data"
cp data/orebro-2021.csv data/orebro-2021-unicode.txt data/halland-2024.csv \
	"$tmp/work/data/"
complete() { # NAME LINE EXPECTED (words joined by spaces)
	got=$(cd "$tmp/work" && PATH="$tmp/bin:$PATH" bash \
		"$tmp/drive.bash" "$OLDPWD/completions/kmap.bash" "$2" |
		tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$3" ]
	check "complete: $1" $? || echo "  '$2' gave '$got', want '$3'"
}
complete "a command" "kmap su" "summary"
complete "all commands" "kmap " \
	"compare convert critical diff heatmap help report summary validate"
complete "an option" "kmap summary --fo" "--format"
complete "a format" "kmap summary --format j" "json"
complete "formats of report" "kmap report -f " "html xlsx"
complete "--format=VALUE" "kmap heatmap --format=m" "markdown"
complete "--cells" "kmap heatmap --cells " "counts mode"
complete "--by of critical" "kmap critical --by " "occupation region"
complete "--lang" "kmap report --lang e" "en"
complete "input files" "kmap summary data/or" \
	"data/orebro-2021-unicode.txt data/orebro-2021.csv"
complete "-o takes a file" "kmap summary -o data/h" "data/halland-2024.csv"
complete "--scale takes a file" "kmap summary --scale data/ha" \
	"data/halland-2024.csv"
complete "--af takes a file" "kmap compare --af data/ha" \
	"data/halland-2024.csv"
complete "--names takes a file" "kmap summary --names data/ha" \
	"data/halland-2024.csv"
complete "help COMMAND" "kmap help cr" "critical"
complete "top-level options" "kmap --v" "--version"
finish
