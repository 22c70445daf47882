# bash completion for kmap                                 -*- shell-script -*-
#
# Commands come from 'kmap help --commands' and each command's options and
# their fixed words from 'kmap COMMAND --completion-helper', so what is
# offered is what the installed kmap accepts. Everything else completes
# file names: the inputs, -o FILE, --scale FILE.

_kmap_files()
{
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -- "$1"))
}

_kmap()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local kmap=${COMP_WORDS[0]} cmd="" opt="" helper line i

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [[ -z $cmd || $cmd == help ]]; then
		if [[ -z $cmd && $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$kmap" help --commands 2>/dev/null) $([[ -z $cmd ]] && echo help)" -- "$cur"))
		fi
		return
	fi
	helper=$("$kmap" "$cmd" --completion-helper 2>/dev/null) || return

	# "--format=j" arrives as "--format" "=" "j" (= breaks words)
	if [[ $cur == = ]]; then
		opt=$prev
		cur=""
	elif [[ $prev == = ]]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $prev == -f ]]; then
		opt=--format
	elif [[ $prev == -o ]]; then
		_kmap_files "$cur"
		return
	elif [[ $prev == --* ]]; then
		opt=$prev
	fi
	if [[ -n $opt ]]; then
		while IFS= read -r line; do
			[[ $line == "$opt="* ]] || continue
			if [[ $line == *$'\t'* ]]; then
				COMPREPLY=($(compgen -W "${line#*$'\t'}" -- "$cur"))
			else
				_kmap_files "$cur"
			fi
			return
		done <<<"$helper"
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(while IFS= read -r line; do
			line=${line%%$'\t'*}
			printf '%s\n' "${line%=}"
		done <<<"$helper")" -- "$cur"))
		return
	fi
	_kmap_files "$cur"
}
complete -F _kmap kmap
