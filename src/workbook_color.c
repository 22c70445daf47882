/*
 * Colours of workbook fills: Excel's tint and the traffic-light family a
 * colour belongs to. Both work in HSL, as Excel's tint does.
 */
#include <math.h>

#include "kmap/workbook.h"

struct hsl {
	double h, s, l, c; /* degrees, 0..1, 0..1, chroma 0..1 */
};

static struct hsl to_hsl(uint32_t rgb)
{
	double r = (double)(rgb >> 16 & 0xFF) / 255.0;
	double g = (double)(rgb >> 8 & 0xFF) / 255.0;
	double b = (double)(rgb & 0xFF) / 255.0;
	double max = fmax(r, fmax(g, b)), min = fmin(r, fmin(g, b));
	struct hsl o;

	o.c = max - min;
	o.l = (max + min) / 2.0;
	o.s = o.c == 0.0 ? 0.0 : o.c / (1.0 - fabs(2.0 * o.l - 1.0));
	if (o.c == 0.0)
		o.h = 0.0;
	else if (max == r)
		o.h = 60.0 * fmod((g - b) / o.c + 6.0, 6.0);
	else if (max == g)
		o.h = 60.0 * ((b - r) / o.c + 2.0);
	else
		o.h = 60.0 * ((r - g) / o.c + 4.0);
	return o;
}

static unsigned channel(double v)
{
	long n = lround(v * 255.0);

	return (unsigned)(n < 0 ? 0 : n > 255 ? 255 : n);
}

static uint32_t from_hsl(double h, double s, double l)
{
	double c = (1.0 - fabs(2.0 * l - 1.0)) * s;
	double hp = h / 60.0;
	double x = c * (1.0 - fabs(fmod(hp, 2.0) - 1.0));
	double m = l - c / 2.0, r = 0, g = 0, b = 0;

	if (hp < 1)
		r = c, g = x;
	else if (hp < 2)
		r = x, g = c;
	else if (hp < 3)
		g = c, b = x;
	else if (hp < 4)
		g = x, b = c;
	else if (hp < 5)
		r = x, b = c;
	else
		r = c, b = x;
	return channel(r + m) << 16 | channel(g + m) << 8 | channel(b + m);
}

uint32_t wbin_apply_tint(uint32_t rgb, double tint)
{
	struct hsl o = to_hsl(rgb & 0xFFFFFF);

	if (tint < 0.0)
		o.l = o.l * (1.0 + tint);
	else
		o.l = o.l * (1.0 - tint) + tint;
	return from_hsl(o.h, o.s, o.l);
}

/*
 * The boundaries, tuned on Excel's standard and theme colours (2007,
 * 2013 and 2023 Office themes, tints from -50 % to +80 %) and on
 * LibreOffice's standard palette (light 1-4, dark 1-2): a colour needs
 * some colourfulness (chroma 4 %, saturation 25 %) and light (10 %);
 * then its hue decides. Excel's Orange FFC000 (45 degrees) is orange and
 * its Neutral style's FFEB9C (48 degrees) yellow, hence 47; purples and
 * magentas (260-345) are none of the five.
 */
enum color_family wbin_color_family(uint32_t rgb)
{
	struct hsl o = to_hsl(rgb & 0xFFFFFF);

	if (o.c < 0.04 || o.s < 0.25 || o.l < 0.10)
		return COLOR_FAMILY_NONE;
	if (o.h >= 345.0 || o.h < 14.0)
		return COLOR_FAMILY_RED;
	if (o.h < 47.0)
		return COLOR_FAMILY_ORANGE;
	if (o.h < 72.0)
		return COLOR_FAMILY_YELLOW;
	if (o.h < 170.0)
		return COLOR_FAMILY_GREEN;
	if (o.h < 260.0)
		return COLOR_FAMILY_BLUE;
	return COLOR_FAMILY_NONE;
}

const char *color_family_name(enum color_family f)
{
	switch (f) {
	case COLOR_FAMILY_RED:
		return "red";
	case COLOR_FAMILY_ORANGE:
		return "orange";
	case COLOR_FAMILY_YELLOW:
		return "yellow";
	case COLOR_FAMILY_GREEN:
		return "green";
	case COLOR_FAMILY_BLUE:
		return "blue";
	default:
		return "none";
	}
}
