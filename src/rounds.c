/*
 * rounds.c - the order of rounds and which of them count (rounds.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/diag.h"
#include "kmap/rounds.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int round_label_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (is_digit(*a) && is_digit(*b)) {
			const char *ea = a, *eb = b;
			while (*a == '0' && is_digit(a[1]))
				a++;
			while (*b == '0' && is_digit(b[1]))
				b++;
			for (ea = a; is_digit(*ea); ea++)
				;
			for (eb = b; is_digit(*eb); eb++)
				;
			/* more digits (without leading zeros) is larger */
			if (ea - a != eb - b)
				return ea - a < eb - b ? -1 : 1;
			int c = memcmp(a, b, (size_t)(ea - a));
			if (c)
				return c;
			a = ea;
			b = eb;
			continue;
		}
		if (is_digit(*a) != is_digit(*b))
			return is_digit(*a) ? -1 : 1;
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (*a != 0) - (*b != 0);
}

static const struct dataset *sort_ds;

static int compare_rounds(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int c = round_label_cmp(sort_ds->rounds[a].label,
				sort_ds->rounds[b].label);

	/* equal by number ("2024" and "02024"): by bytes, then by id */
	if (!c)
		c = strcmp(sort_ds->rounds[a].label, sort_ds->rounds[b].label);
	return c ? c : (a > b) - (a < b);
}

uint32_t *rounds_sorted(const struct dataset *ds)
{
	uint32_t *order = xcalloc((size_t)ds->nrounds + 1, sizeof(*order));

	for (uint32_t i = 0; i < ds->nrounds; i++)
		order[i] = i;
	sort_ds = ds;
	qsort(order, ds->nrounds, sizeof(*order), compare_rounds);
	sort_ds = NULL;
	return order;
}

/* Which rounds rate each region: has[region * nrounds + round]. */
static uint8_t *rounds_rating(const struct dataset *ds)
{
	uint8_t *has = xcalloc((size_t)ds->regions.n * ds->nrounds + 1, 1);

	for (uint32_t r = 0; r < ds->nrows; r++) {
		const struct row *row = &ds->rows[r];
		if (row->round < ds->nrounds)
			has[(size_t)ds->units[row->unit].region * ds->nrounds +
			    row->round] = 1;
	}
	return has;
}

static void pick_init(struct round_pick *p, const struct dataset *ds)
{
	p->nregions = ds->regions.n;
	p->nrounds = ds->nrounds;
	p->on = xcalloc((size_t)p->nregions * p->nrounds + 1, 1);
}

void round_pick_newest(struct round_pick *p, const struct dataset *ds)
{
	uint8_t *has = rounds_rating(ds);
	uint32_t *order = rounds_sorted(ds);

	pick_init(p, ds);
	for (uint32_t g = 0; g < p->nregions; g++) {
		uint8_t *h = has + (size_t)g * p->nrounds;
		for (uint32_t i = p->nrounds; i-- > 0;) {
			if (h[order[i]]) {
				p->on[(size_t)g * p->nrounds + order[i]] = 1;
				break;
			}
		}
	}
	free(order);
	free(has);
}

void round_pick_one(struct round_pick *p, const struct dataset *ds,
		    uint32_t round)
{
	uint8_t *has = rounds_rating(ds);

	pick_init(p, ds);
	for (uint32_t g = 0; round < p->nrounds && g < p->nregions; g++) {
		size_t i = (size_t)g * p->nrounds + round;
		p->on[i] = has[i];
	}
	free(has);
}

void round_pick_previous(struct round_pick *p, const struct dataset *ds,
			 const struct round_pick *newer)
{
	uint8_t *has = rounds_rating(ds);
	uint32_t *order = rounds_sorted(ds);

	pick_init(p, ds);
	for (uint32_t g = 0; g < p->nregions && g < newer->nregions; g++) {
		const uint8_t *h = has + (size_t)g * p->nrounds;
		const uint8_t *on = newer->on + (size_t)g * newer->nrounds;
		int32_t before = -1;
		for (uint32_t i = 0; i < p->nrounds && i < newer->nrounds;
		     i++) {
			if (on[order[i]])
				break;
			if (h[order[i]])
				before = (int32_t)order[i];
		}
		/* a region where newer picks nothing has no previous round */
		int any = 0;
		for (uint32_t k = 0; k < newer->nrounds; k++)
			any |= on[k];
		if (any && before >= 0)
			p->on[(size_t)g * p->nrounds + (uint32_t)before] = 1;
	}
	free(order);
	free(has);
}

void round_pick_release(struct round_pick *p)
{
	if (!p)
		return;
	free(p->on);
	memset(p, 0, sizeof(*p));
}

int round_pick_any(const struct round_pick *p, uint32_t round)
{
	for (uint32_t g = 0; round < p->nrounds && g < p->nregions; g++)
		if (p->on[(size_t)g * p->nrounds + round])
			return 1;
	return 0;
}

int round_pick_drops(const struct round_pick *p, const struct dataset *ds)
{
	uint8_t *has = rounds_rating(ds);
	int drops = 0;

	for (size_t i = 0; i < (size_t)p->nregions * p->nrounds; i++)
		drops |= has[i] && !p->on[i];
	free(has);
	return drops;
}

void round_pick_note(const struct round_pick *p, const struct dataset *ds,
		     int explicit)
{
	uint32_t *order = rounds_sorted(ds);
	uint32_t *rank = name_table_ranks(&ds->regions);
	uint32_t *regions = xcalloc((size_t)p->nregions + 1, sizeof(*regions));
	struct strbuf read = STRBUF_INIT, counted = STRBUF_INIT;
	int32_t same = -2; /* the one round counted everywhere; -1: not one */

	for (uint32_t i = 0; i < ds->nrounds; i++)
		strbuf_addf(&read, "%s%s", i ? ", " : "",
			    ds->rounds[order[i]].label);
	for (uint32_t g = 0; g < p->nregions; g++)
		regions[rank[g]] = g;
	for (uint32_t i = 0; i < p->nregions; i++) {
		uint32_t g = regions[i];
		for (uint32_t k = 0; k < p->nrounds; k++) {
			if (!p->on[(size_t)g * p->nrounds + k])
				continue;
			strbuf_addf(&counted, "%s%s %s",
				    counted.len ? ", " : "",
				    name_display(&ds->regions, g),
				    ds->rounds[k].label);
			same = same == -2 || same == (int32_t)k ? (int32_t)k
								: -1;
		}
	}
	if (same >= 0)
		kmap_note(
			explicit ? N_("rounds %s read; counting %s (--round)")
				 : N_("rounds %s read; counting %s, the newest "
				      "(--round LABEL counts another)"),
			read.buf, ds->rounds[same].label);
	else
		kmap_note("rounds %s read; counting each region's newest: %s "
			  "(--round LABEL counts one round)",
			  read.buf, counted.buf);
	strbuf_release(&read);
	strbuf_release(&counted);
	free(regions);
	free(rank);
	free(order);
}
