/*
 * compare.h - own ratings beside Arbetsförmedlingen's Yrkesbarometer
 * (kmap compare --af FILE; DOMAIN.md §1.1, §7).
 *
 * AF's open data file yrkesbarometer.json is one JSON array with an
 * object per barometer occupation and län: "ssyk" (the SSYK 2012 group or
 * groups it covers), "lan" (SCB's länskod, "00" for riket),
 * "rekryteringssituation" (överskott, balans, paradox, brist or null),
 * "prognos", "text_rekryteringssituation", "omgang", "taxonomi_version"
 * and members kmap does not use. af_load() reads it strictly: a syntax
 * error is FILE:LINE:COL, a bad member "FILE: [12].lan: ...".
 *
 * compare_build() puts every coded occupation in every län of the data
 * set (and in riket, the whole data set) beside AF's rows for its SSYK
 * group and that län: per period the level counts and the modal level,
 * and a class. AF's words are mapped to the scale's levels by key
 * (överskott: overtalighet or overskott, balans: hallbart or balans,
 * brist: brist); Sårbart has no AF word and paradox no level, so neither
 * is mapped to the other: a modal Sårbart is worse than balans and better
 * than brist (never "agree"), and an AF row saying paradox is not
 * compared (class "paradox").
 *
 * Ownership: struct af_set owns its strings (an arena); struct compare
 * owns its lines and borrows the agg and the af_set.
 */
#ifndef KMAP_COMPARE_H
#define KMAP_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/agg.h"
#include "kmap/arena.h"

enum af_situation { AF_NULL, AF_OVERSKOTT, AF_BALANS, AF_PARADOX, AF_BRIST };

struct af_row {
	size_t index;	   /* place in the file's array */
	const char *yrke;  /* yb_yrke, or NULL */
	const char *lan;   /* two digits; "00" is riket */
	const char **ssyk; /* the SSYK 2012 groups the row covers */
	size_t nssyk;	   /* > 1: AF merges groups */
	enum af_situation situation;
	const char *situation_text; /* rekryteringssituation as written */
	const char *prognos;	    /* or NULL */
	const char *text;	    /* text_rekryteringssituation, or NULL */
	const char *omgang;	    /* or NULL */
	const char *taxonomy;	    /* taxonomi_version as text, or NULL */
};

struct af_set {
	const char *path;
	struct af_row *rows;
	size_t n;
	/* the distinct omgang and taxonomi_version values, sorted */
	const char **omgang, **taxonomy;
	size_t nomgang, ntaxonomy;
	struct arena arena;
};

/* Reads path; returns 0, or -1 after reporting the first problem. */
int af_load(struct af_set *s, const char *path);
void af_release(struct af_set *s);

enum cmp_class {
	CMP_AGREE,	/* our modal level is AF's rekryteringssituation */
	CMP_OURS_WORSE, /* ours is worse (higher) */
	CMP_AF_WORSE,	/* AF's is worse */
	CMP_NO_AF_ROW,	/* AF has no row for the group in that län */
	CMP_PARADOX,	/* AF says paradox: no level to compare with */
	CMP_AF_NULL,	/* AF's row has no rekryteringssituation */
	CMP_NOT_RATED,	/* none of our records in the period is rated */
	NCMP_CLASSES
};

struct cmp_line {
	uint32_t occupation;
	int32_t region;	 /* -1: riket, the whole data set */
	const char *lan; /* the region's länskod, "00"; NULL: none */
	uint32_t period;
	struct stats stats;
	int mode;		 /* 0 when nothing is rated */
	const struct af_row *af; /* NULL: no AF row */
	uint32_t af_rows;	 /* AF's rows for the group there; > 1: split */
	enum cmp_class cls;
};

struct compare {
	const struct agg *a;
	const struct af_set *af;
	struct cmp_line *v;
	size_t n, cap;
	uint32_t *uncoded; /* occupations without a code, Swedish order */
	size_t nuncoded;
	uint32_t *nolan; /* regions without a länskod, Swedish order */
	size_t nnolan;
	int level_of[AF_BRIST + 1]; /* AF's word -> the scale's level */
	uint32_t count[NCMP_CLASSES];
};

/*
 * Builds the comparison. Returns 0, or -1 after reporting that the scale
 * has no level for one of AF's words.
 */
int compare_build(struct compare *c, const struct agg *a,
		  const struct af_set *af);
void compare_release(struct compare *c);

/* "agree", "ours_worse", ... (JSON and CSV). */
const char *cmp_class_key(enum cmp_class cls);
/* "samma", "vi sämre", ... (table). */
const char *cmp_class_label(enum cmp_class cls);

#endif
