"""Turns a terminal capture (UTF-8 text with 24-bit SGR colour codes, as
`COLORTERM=truecolor kmap heatmap --color always` writes) into an HTML
page that looks like the terminal, for `make screenshots`.

usage: ansi2html.py < capture.txt > page.html
"""
import html
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def style(fg, bg, bold):
    parts = []
    if fg:
        parts.append("color:rgb(%s)" % fg)
    if bg:
        parts.append("background:rgb(%s)" % bg)
    if bold:
        parts.append("font-weight:bold")
    return ";".join(parts)


def convert(text):
    out = []
    fg = bg = None
    bold = False
    pos = 0
    open_span = False
    for m in SGR.finditer(text):
        chunk = text[pos:m.start()]
        if chunk:
            out.append(html.escape(chunk))
        pos = m.end()
        codes = [int(c) for c in m.group(1).split(";") if c] or [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                fg = bg = None
                bold = False
            elif c == 1:
                bold = True
            elif c in (38, 48) and codes[i + 1] == 2:
                rgb = "%d,%d,%d" % tuple(codes[i + 2:i + 5])
                if c == 38:
                    fg = rgb
                else:
                    bg = rgb
                i += 4
            i += 1
        if open_span:
            out.append("</span>")
            open_span = False
        s = style(fg, bg, bold)
        if s:
            out.append('<span style="%s">' % s)
            open_span = True
    out.append(html.escape(text[pos:]))
    if open_span:
        out.append("</span>")
    return "".join(out)


page = sys.stdin.read()
sys.stdout.write(
    "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
    "body{margin:0;background:#1e1e1e}"
    "pre{margin:0;padding:14px 18px;color:#e8e8e8;"
    "font:15px/1.35 'DejaVu Sans Mono',monospace}"
    "</style></head><body><pre>" + convert(page) + "</pre></body></html>\n")
