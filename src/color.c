/*
 * color.c - colours for terminals (color.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/color.h"

enum color_depth color_depth_from_env(void)
{
	const char *ct = getenv("COLORTERM");

	if (ct && (!strcmp(ct, "truecolor") || !strcmp(ct, "24bit")))
		return COLOR_DEPTH_TRUE;
	return COLOR_DEPTH_256;
}

int color_parse(const char *hex, unsigned rgb[3])
{
	/* exactly "#RRGGBB": strtoul alone would take "+1" or " 1" */
	if (!hex || hex[0] != '#' || strlen(hex) != 7 ||
	    strspn(hex + 1, "0123456789abcdefABCDEF") != 6)
		return -1;
	for (int i = 0; i < 3; i++) {
		char part[3] = { hex[1 + 2 * i], hex[2 + 2 * i], '\0' };
		rgb[i] = (unsigned)strtoul(part, NULL, 16);
	}
	return 0;
}

/* The levels of xterm's colour cube. */
static const unsigned cube[6] = { 0, 95, 135, 175, 215, 255 };

static unsigned nearest_step(unsigned v)
{
	unsigned best = 0;

	for (unsigned i = 1; i < 6; i++)
		if (abs((int)cube[i] - (int)v) < abs((int)cube[best] - (int)v))
			best = i;
	return best;
}

unsigned color_to_256(const unsigned rgb[3])
{
	return 16 + 36 * nearest_step(rgb[0]) + 6 * nearest_step(rgb[1]) +
	       nearest_step(rgb[2]);
}

static double channel(unsigned v)
{
	double c = v / 255.0;

	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

const char *color_text_on(const char *hex)
{
	unsigned rgb[3];
	double l;

	if (color_parse(hex, rgb))
		return "#000000";
	l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) +
	    0.0722 * channel(rgb[2]);
	/* contrast with black (l + .05) / .05 against white 1.05 / (l + .05) */
	return (l + 0.05) * (l + 0.05) >= 0.05 * 1.05 ? "#000000" : "#FFFFFF";
}

static void sgr(FILE *fp, int ground, const unsigned rgb[3],
		enum color_depth depth)
{
	if (depth == COLOR_DEPTH_TRUE)
		fprintf(fp, "\033[%d;2;%u;%u;%um", ground, rgb[0], rgb[1],
			rgb[2]);
	else
		fprintf(fp, "\033[%d;5;%um", ground, color_to_256(rgb));
}

void color_fg(FILE *fp, const char *hex, enum color_depth depth)
{
	unsigned rgb[3];

	if (depth == COLOR_DEPTH_NONE || color_parse(hex, rgb))
		return;
	fputs("\033[1m", fp);
	sgr(fp, 38, rgb, depth);
}

void color_cell(FILE *fp, const char *hex, enum color_depth depth)
{
	unsigned bg[3], fg[3];

	if (depth == COLOR_DEPTH_NONE || color_parse(hex, bg))
		return;
	color_parse(color_text_on(hex), fg);
	sgr(fp, 48, bg, depth);
	sgr(fp, 38, fg, depth);
}

void color_reset(FILE *fp)
{
	fputs("\033[0m", fp);
}
