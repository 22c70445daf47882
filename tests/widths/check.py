#!/usr/bin/python3
"""Fails when a line of the text in FILE is wider than WIDTH terminal
columns, counting display width (a wide character is two columns, a
combining mark none), not bytes: prints each such line with its width.

    check.py WIDTH FILE
"""
import sys
import unicodedata


def width(line):
    n = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn",
                                                                     "Me",
                                                                     "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def main():
    limit = int(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        lines = f.read().split("\n")
    bad = [(i + 1, width(l), l) for i, l in enumerate(lines)
           if width(l) > limit]
    for number, w, line in bad[:10]:
        print(f"line {number}: {w} columns > {limit}: {line}")
    if not any(lines):
        print("no output")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
