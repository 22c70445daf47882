"""Checks that a screenshot of a rendered report is a page, not a blank.

usage: check_png.py PAGE.png
Exits 1 unless the image has dark text, is not mostly one colour, and
shows each level's colour (the heatmap and bars) over a visible area.
Run with Debian's /usr/bin/python3 (python3-pil).
"""
import sys

from PIL import Image

LEVELS = {"Övertalighet": (0x00, 0x72, 0xB2), "Hållbart": (0x00, 0x9E, 0x73),
          "Sårbart": (0xE6, 0x9F, 0x00), "Brist": (0xD5, 0x5E, 0x00)}

img = Image.open(sys.argv[1]).convert("RGB")
w, h = img.size
pixels = list(img.getdata())
errors = []
white = sum(1 for p in pixels if min(p) > 245)
dark = sum(1 for p in pixels if max(p) < 80)
if white > 0.97 * len(pixels):
    errors.append("%.1f %% of the page is white" % (100.0 * white / len(pixels)))
if dark < 500:
    errors.append("hardly any text: %d dark pixels" % dark)
for name, rgb in LEVELS.items():
    n = sum(1 for p in pixels
            if all(abs(p[i] - rgb[i]) <= 6 for i in range(3)))
    if n < 200:
        errors.append("%s's colour on %d pixels" % (name, n))
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
