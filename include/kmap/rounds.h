/*
 * rounds.h - the rounds of a mapping (SPEC §6 "Rounds"): which round
 * comes first, and which rounds a command counts.
 *
 * Every input belongs to a round (dataset.h): the manifest's omgång, else
 * the label of its current period, so a sheet with Nuläge 2024 is round
 * "2024". Labels order by their numbers: each run of digits is compared
 * as a number, left to right, the text between them as bytes, and a label
 * that is a prefix of another comes first: 2024 < 2025, 2026-1 < 2026-2
 * < 2026-10, 2024 < 2024-2.
 *
 * A round pick says which rounds count in each region: by default each
 * region's newest (a län runs its rounds; two län mapped in different
 * years are both counted), or one round everywhere (--round LABEL).
 * agg_build() counts the rows a pick leaves (agg.h, struct filter).
 *
 * Ownership: a round_pick owns its array; round_pick_release frees it.
 */
#ifndef KMAP_ROUNDS_H
#define KMAP_ROUNDS_H

#include <stdint.h>

#include "kmap/dataset.h"

/* <0, 0 or >0 as round label a comes before, with or after b. */
int round_label_cmp(const char *a, const char *b);

/* The round ids of ds in label order; the caller frees the array. */
uint32_t *rounds_sorted(const struct dataset *ds);

/* Which rounds count where: on[region * nrounds + round]. */
struct round_pick {
	uint8_t *on;
	uint32_t nregions, nrounds;
};

/* Each region's newest round, among the rounds that rate it. */
void round_pick_newest(struct round_pick *p, const struct dataset *ds);
/* Round `round` in every region that it rates. */
void round_pick_one(struct round_pick *p, const struct dataset *ds,
		    uint32_t round);
/*
 * In each region, the round just before the one newer picks there (none
 * where it picks the region's first round).
 */
void round_pick_previous(struct round_pick *p, const struct dataset *ds,
			 const struct round_pick *newer);
void round_pick_release(struct round_pick *p);

/* Whether the pick counts row r of ds. */
static inline int round_pick_row(const struct round_pick *p,
				 const struct dataset *ds, uint32_t r)
{
	const struct row *row = &ds->rows[r];
	uint32_t region = ds->units[row->unit].region;

	return row->round < p->nrounds && region < p->nregions &&
	       p->on[(size_t)region * p->nrounds + row->round];
}

/* Whether the pick counts round in some region. */
int round_pick_any(const struct round_pick *p, uint32_t round);
/* Whether the pick leaves out a round that rates some region. */
int round_pick_drops(const struct round_pick *p, const struct dataset *ds);

/*
 * The note for a pick that leaves rounds out: which rounds were read and
 * which are counted. explicit: the pick is --round's, not the newest.
 */
void round_pick_note(const struct round_pick *p, const struct dataset *ds,
		     int explicit);

#endif
