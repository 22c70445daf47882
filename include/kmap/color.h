/*
 * color.h - the scale's colours on a terminal, in HTML and in Excel.
 *
 * A level's colour is "#RRGGBB" (scale.h). A terminal gets it as a
 * 24-bit escape when COLORTERM says the terminal has truecolor, else as
 * the nearest of the 256-colour palette's 6×6×6 cube. Text on a coloured
 * background is black or white, whichever contrasts more (WCAG relative
 * luminance), so that the letter stays readable on every level's colour.
 */
#ifndef KMAP_COLOR_H
#define KMAP_COLOR_H

#include <stdio.h>

enum color_depth { COLOR_DEPTH_NONE, COLOR_DEPTH_256, COLOR_DEPTH_TRUE };

/* Truecolor when COLORTERM is "truecolor" or "24bit", else 256. */
enum color_depth color_depth_from_env(void);

/* Parses "#RRGGBB"; returns 0, or -1 when hex is not such a colour. */
int color_parse(const char *hex, unsigned rgb[3]);
/* The 256-colour palette index nearest to rgb (16..231). */
unsigned color_to_256(const unsigned rgb[3]);
/* "#000000" or "#FFFFFF": the text colour that contrasts more on hex. */
const char *color_text_on(const char *hex);

/* Bold foreground in hex. */
void color_fg(FILE *fp, const char *hex, enum color_depth depth);
/* Background hex with color_text_on(hex) as foreground. */
void color_cell(FILE *fp, const char *hex, enum color_depth depth);
/* Back to the terminal's own colours. */
void color_reset(FILE *fp);

#endif
