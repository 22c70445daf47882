#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kmap/diag.h"
#include "kmap/progress.h"
#include "kmap/textsafe.h"

enum { CHECK_EVERY = 256 * 1024 };
#define FIRST_AFTER 1.0 /* seconds before the line appears */
#define REDRAW_EVERY 0.2

static int line_shown; /* a progress line is on the terminal now */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int wanted(void)
{
	const char *ci = getenv("CI"), *term = getenv("TERM");

	if (diag_quiet() || (ci && *ci) || (term && !strcmp(term, "dumb")))
		return 0;
	return isatty(STDERR_FILENO);
}

void progress_begin(struct progress *p, const char *name, uint64_t total)
{
	memset(p, 0, sizeof(*p));
	p->enabled = wanted();
	if (!p->enabled)
		return;
	p->name = name;
	p->total = total;
	p->next = CHECK_EVERY;
	p->start = now();
}

static void draw(const struct progress *p, uint64_t done)
{
	double mb = (double)done / 1e6;
	struct strbuf safe = STRBUF_INIT;
	/* a file name can hold anything; the terminal gets it escaped */
	const char *name = text_safe(p->name, &safe);

	fputc('\r', stderr);
	if (p->total)
		fprintf(stderr, _("kmap: reading %s: %3d %% (%.0f of %.0f MB)"),
			name, (int)(done * 100 / p->total), mb,
			(double)p->total / 1e6);
	else
		fprintf(stderr, _("kmap: reading %s: %.0f MB"), name, mb);
	fputs("\033[K", stderr);
	fflush(stderr);
	strbuf_release(&safe);
	line_shown = 1;
}

void progress_update(struct progress *p, uint64_t done)
{
	double t;

	if (!p->enabled || done < p->next)
		return;
	p->next = done + CHECK_EVERY;
	t = now();
	if (t - p->start < FIRST_AFTER || t - p->shown_at < REDRAW_EVERY)
		return;
	p->shown_at = t;
	draw(p, done);
}

void progress_clear(void)
{
	if (!line_shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	line_shown = 0;
}

void progress_end(struct progress *p)
{
	if (p->enabled)
		progress_clear();
	p->enabled = 0;
}
