/*
 * round.h - rounding as people expect it: half away from zero, after
 * removing binary noise (0.125 stays 0.125, 2.675 rounds to 2.68).
 */
#ifndef KMAP_ROUND_H
#define KMAP_ROUND_H

#include <math.h>

static inline double round_half_up(double x)
{
	return round(x * (1 + 1e-12));
}

/* Rounds a ratio to 4 decimals, as JSON and CSV show it. */
static inline double round4(double x)
{
	return round_half_up(x * 10000.0) / 10000.0;
}

#endif
