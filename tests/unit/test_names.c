/* Names: folding for matching, the shown spelling, interning, Swedish
 * alphabetical order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "helpers.h"

#include "kmap/names.h"

static void key_of(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(names_key(in, strlen(in), &sb), 0);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void display_of(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(names_display(in, strlen(in), &sb), 0);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void folding(void **state)
{
	(void)state;
	key_of("  Sjuksköterska ", "sjuksköterska");
	key_of("SJUKSKÖTERSKA", "sjuksköterska");
	key_of("Östra\xC2\xA0\xC2\xA0Göinge", "östra göinge"); /* NBSP */
	key_of("O\xCC\x88rebro", "örebro");		       /* O + U+0308 */
	key_of("Region\tÖrebro\nlän", "region örebro län");
	display_of("  Östra \xC2\xA0 Göinge\t", "Östra Göinge");
	display_of("O\xCC\x88rebro", "Örebro");
	display_of("\xEF\xBB\xBFYstad", "Ystad"); /* a stray BOM is space */
	/* other spaces Excel and the web leave in names */
	key_of("Region\xC2\x85Halland", "region halland");     /* NEL */
	key_of("Region\xE2\x80\x8BHalland", "region halland"); /* ZWSP */
	key_of("Region\xE2\x80\xA8Halland", "region halland"); /* LS */
	key_of("Region\xE2\x80\xA9Halland", "region halland"); /* PS */
	key_of("Region\x0BHalland\x0C", "region halland");     /* VT FF */
	key_of("Region\xE2\x80\x83Halland", "region halland"); /* em space */
}

static void long_names(void **state)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, want = STRBUF_INIT;

	(void)state;
	/* more code points than the stack buffer holds */
	for (int i = 0; i < 400; i++) {
		strbuf_addstr(&in, "O\xCC\x88"); /* O + combining diaeresis */
		strbuf_addstr(&want, "ö");
	}
	assert_int_equal(names_key(in.buf, in.len, &out), 0);
	assert_string_equal(out.buf, want.buf);
	strbuf_release(&in);
	strbuf_release(&out);
	strbuf_release(&want);
}

static void loose_keys(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	names_loose_key(" Bedömning ", 11, &sb);
	assert_string_equal(sb.buf, "bedomning");
	strbuf_reset(&sb);
	names_loose_key("LÄN", 4, &sb);
	assert_string_equal(sb.buf, "lan");
	strbuf_release(&sb);
	assert_int_equal(names_key("\xC3", 1, &sb), -1); /* invalid UTF-8 */
	strbuf_release(&sb);
}

/*
 * The loose key of text of ASCII and Latin-1 letters (taken without
 * utf8proc) is what utf8proc makes of it: every code point U+0021 to
 * U+02FF but the spaces (folded first), alone and between letters.
 */
static void loose_keys_as_utf8proc(void **state)
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				       UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
				       UTF8PROC_STRIPMARK;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (utf8proc_int32_t cp = 0x21; cp < 0x300; cp++) {
		if (cp == 0x85 || cp == 0xA0) /* spaces: folded first */
			continue;
		for (int form = 0; form < 3; form++) {
			utf8proc_uint8_t c[8], text[32];
			utf8proc_uint8_t *want = NULL;
			utf8proc_ssize_t n = utf8proc_encode_char(cp, c);
			c[n] = '\0';
			snprintf((char *)text, sizeof(text),
				 form == 0   ? "%s"
				 : form == 1 ? "Ab%sCd"
					     : "%s%sX",
				 (char *)c, (char *)c);
			if (utf8proc_map(text, 0, &want,
					 opts | UTF8PROC_NULLTERM) < 0)
				fail_msg("utf8proc_map U+%04X", (unsigned)cp);
			strbuf_reset(&sb);
			assert_int_equal(names_loose_key((const char *)text,
							 strlen((char *)text),
							 &sb),
					 0);
			assert_string_equal(sb.buf, (const char *)want);
			free(want);
		}
	}
	strbuf_release(&sb);
}

static void interning(void **state)
{
	struct name_table t;
	int32_t a, b, c;

	(void)state;
	name_table_init(&t);
	a = name_table_intern(&t, "sjuksköterska", 14);
	b = name_table_intern(&t, "Sjuksköterska ", 15);
	c = name_table_intern(&t, "Läkare", 7);
	assert_int_equal(a, 0);
	assert_int_equal(b, 0);
	assert_int_equal(c, 1);
	/* until finished, the first spelling met is shown */
	assert_string_equal(name_display(&t, 0), "sjuksköterska");
	/* then the tie goes to the capitalised spelling */
	name_table_finish(&t);
	assert_string_equal(name_display(&t, 0), "Sjuksköterska");
	/* the most used spelling wins, whatever the order */
	name_table_intern(&t, "LÄKARE", 7);
	name_table_intern(&t, "LÄKARE", 7);
	name_table_intern(&t, "läkare", 7);
	name_table_finish(&t);
	assert_string_equal(name_display(&t, 1), "LÄKARE");
	name_table_intern(&t, "Läkare", 7);
	name_table_intern(&t, "Läkare ", 8); /* pools with "Läkare" */
	name_table_finish(&t);
	assert_string_equal(name_display(&t, 1), "Läkare");
	/* looking up does not count as a spelling */
	assert_int_equal(name_table_find(&t, "LÄKARE", 7), 1);
	assert_int_equal(name_table_find(&t, "LÄKARE", 7), 1);
	name_table_finish(&t);
	assert_string_equal(name_display(&t, 1), "Läkare");
	assert_int_equal(name_table_intern(&t, "   ", 3), NAME_EMPTY);
	assert_int_equal(name_table_intern(&t, "\xFF", 1), NAME_INVALID);
	assert_int_equal(name_table_find(&t, "Tandläkare", 11), -1);
	t.max_names = 2;
	assert_int_equal(name_table_intern(&t, "Dietist", 7), NAME_TOO_MANY);
	name_table_release(&t);

	/* ties: not all capitals first, then the capitalised one, then bytes */
	name_table_init(&t);
	name_table_intern(&t, "NORA", 4);
	name_table_intern(&t, "nora", 4);
	name_table_finish(&t);
	assert_string_equal(name_display(&t, 0), "nora");
	assert_int_equal(t.v[0].forms, 2);
	assert_string_equal(t.v[0].other, "NORA");
	name_table_intern(&t, "Nora", 4);
	name_table_intern(&t, "NORA", 4);
	name_table_intern(&t, "nora", 4);
	name_table_intern(&t, "Nora", 4);
	name_table_finish(&t);
	assert_string_equal(name_display(&t, 0), "Nora");
	assert_int_equal(t.v[0].forms, 3);
	name_table_release(&t);
}

static void swedish_order(void **state)
{
	static const char *const in[] = {
		"Östra Göinge", "Ängelholm", "Åstorp",	   "Ystad",
		"ale",		"Örebro",    "Älmhult",	   "Vellinge",
		"Wadköping",	"Eslöv",     "Ängelholm ", "Ekerö",
		"Åre",		"Zürich",    "Älvdalen",   "Ödeshög",
		"10 Enheter",	"Ärla",
	};
	static const char *const want[] = {
		"10 Enheter", "ale",	      "Ekerö",	   "Eslöv", "Vellinge",
		"Wadköping",  "Ystad",	      "Zürich",	   "Åre",   "Åstorp",
		"Älmhult",    "Älvdalen",     "Ängelholm", "Ärla",  "Ödeshög",
		"Örebro",     "Östra Göinge",
	};
	struct name_table t;
	uint32_t order[32], rank[32];

	(void)state;
	name_table_init(&t);
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		name_table_intern(&t, in[i], strlen(in[i]));
	assert_int_equal(t.n, sizeof(want) / sizeof(want[0]));
	name_table_sorted(&t, order, rank);
	for (size_t i = 0; i < t.n; i++) {
		assert_string_equal(name_display(&t, order[i]), want[i]);
		assert_int_equal(rank[order[i]], i);
	}
	name_table_release(&t);
	assert_true(names_collate("Åstorp", "Ängelholm") < 0);
	assert_true(names_collate("Ängelholm", "Östra Göinge") < 0);
	/* accented letters as their base, æ ø as ä ö, other scripts last */
	assert_true(names_collate("Émile", "Erik") < 0);
	assert_true(names_collate("Erik", "Ésa") < 0);
	assert_true(names_collate("Dæhlie", "Dahl") > 0);
	assert_true(names_collate("Øresund", "Örebro") > 0);
	assert_true(names_collate("Zorn", "Øresund") < 0);
	assert_true(names_collate("Ωmega", "Östra") > 0);
	assert_true(names_collate("Nora", "NORA") != 0);
	assert_true(names_collate("Ystad", "Åstorp") < 0);
	assert_true(names_collate("émile", "Eva") < 0);	 /* é sorts as e */
	assert_true(names_collate("Zürich", "Åre") < 0); /* ü sorts as y */
	assert_int_equal(names_collate("Ystad", "Ystad"), 0);
}

/* A spelling of name i: case and spaces vary, so that raw spellings,
 * names and shared first spellings all occur. */
static void spelling(unsigned i, unsigned v, char *buf, size_t size)
{
	snprintf(buf, size,
		 v % 3 == 0   ? "Yrke %u"
		 : v % 3 == 1 ? "YRKE  %u"
			      : "yrke %u ",
		 i % 5000);
}

/*
 * The budget (names.h): a cell over the cap is refused, adds nothing and
 * is refused again; the names of two tables merged take at most what the
 * two did, so a sequential read of both parts stays within their sum.
 */
static void budget(void **state)
{
	struct name_budget b = { 0, 0 };
	struct name_table t, parts[2], merged;
	char buf[64];
	int32_t id;

	(void)state;
	name_table_init(&t);
	t.budget = &b;
	b.max = 4096;
	for (unsigned i = 0;; i++) {
		spelling(i, 0, buf, sizeof(buf));
		size_t before = name_table_bytes(&t);
		id = name_table_intern(&t, buf, strlen(buf));
		if (id == NAME_TOO_BIG) {
			assert_int_equal(name_table_bytes(&t), before);
			assert_int_equal(b.used, before);
			assert_true(before <= b.max);
			assert_int_equal(
				name_table_intern(&t, buf, strlen(buf)),
				NAME_TOO_BIG);
			assert_int_equal(name_table_find(&t, buf, strlen(buf)),
					 -1);
			break;
		}
		assert_true(id >= 0);
		assert_true(b.used <= b.max);
		assert_true(i < 1000);
	}
	/* a name met before is found, a new spelling of it is counted */
	assert_int_equal(name_table_intern(&t, "Yrke 0", 6), 0);
	name_table_release(&t);

	for (unsigned seed = 1; seed < 6; seed++) {
		unsigned x = seed;
		name_table_init(&parts[0]);
		name_table_init(&parts[1]);
		name_table_init(&merged);
		for (unsigned k = 0; k < 3000; k++) {
			x = x * 1103515245u + 12345u;
			unsigned i = (x >> 8) % 700, v = (x >> 20) % 7;
			int side = k >= 1500;
			spelling(i, v, buf, sizeof(buf));
			name_table_intern(&parts[side], buf, strlen(buf));
			name_table_intern(&merged, buf, strlen(buf));
		}
		size_t sum = name_table_bytes(&parts[0]) +
			     name_table_bytes(&parts[1]);
		/* as one table read both parts, and as the split read
		 * merges them: both within the sum */
		assert_true(name_table_bytes(&merged) <= sum);
		free(name_table_merge(&parts[0], &parts[1]));
		assert_int_equal(name_table_bytes(&parts[0]),
				 name_table_bytes(&merged));
		name_table_release(&parts[0]);
		name_table_release(&parts[1]);
		name_table_release(&merged);
	}
}

/* The code API: set, get, and names with one code made one name. */
static void codes(void **state)
{
	struct name_table t;
	int32_t usk, us, lak, usk2;
	uint32_t *map;

	(void)state;
	name_table_init(&t);
	usk = name_table_intern(&t, "Usk", 3);
	us = name_table_intern(&t, "Undersköterska", strlen("Undersköterska"));
	name_table_intern(&t, "Undersköterska", strlen("Undersköterska"));
	lak = name_table_intern(&t, "Läkare", strlen("Läkare"));
	assert_null(name_code(&t, (uint32_t)usk));
	assert_int_equal(name_table_set_code(&t, (uint32_t)usk, " 5321 ", 6),
			 NAME_CODE_NEW);
	assert_string_equal(name_code(&t, (uint32_t)usk), "5321");
	assert_int_equal(name_table_set_code(&t, (uint32_t)usk, "5321", 4),
			 NAME_CODE_SAME);
	assert_int_equal(name_table_set_code(&t, (uint32_t)usk, "5322", 4),
			 NAME_CODE_OTHER);
	assert_string_equal(name_code(&t, (uint32_t)usk), "5321");
	assert_int_equal(name_table_set_code(&t, (uint32_t)usk, "  ", 2),
			 NAME_CODE_SAME);
	/* no two names share a code: nothing changes */
	name_table_set_code(&t, (uint32_t)lak, "2211", 4);
	assert_null(name_table_unify_codes(&t));
	assert_int_equal(t.n, 3);
	name_table_set_code(&t, (uint32_t)us, "5321", 4);
	map = name_table_unify_codes(&t);
	assert_non_null(map);
	assert_int_equal(t.n, 2);
	assert_int_equal(map[usk], map[us]);
	assert_int_not_equal(map[usk], map[lak]);
	/* shown as the spelling used most; the code stays */
	assert_string_equal(name_display(&t, map[us]), "Undersköterska");
	assert_string_equal(name_code(&t, map[us]), "5321");
	assert_string_equal(name_code(&t, map[lak]), "2211");
	/* a spelling met later is counted as the one name too */
	usk2 = name_table_intern(&t, "USK", 3);
	assert_int_equal(usk2, (int32_t)map[us]);
	assert_int_equal(name_table_find(&t, "usk", 3), (int32_t)map[us]);
	free(map);
	name_table_release(&t);
}

/*
 * A two-level organisation's upper level: read from its shown spelling,
 * a level that holds " / " itself included, and carried by a merge and
 * by unifying codes like a code.
 */
static void upper_levels(void **state)
{
	struct name_table t, from;
	const char *s;
	size_t len;
	int32_t soc, one, odd, bou;
	uint32_t *map;

	(void)state;
	name_table_init(&t);
	name_table_init(&from);
	soc = name_table_intern(&t, "Kalmar kommun / Soc", 19);
	name_table_set_upper(&t, (uint32_t)soc, "Kalmar kommun", 13);
	one = name_table_intern(&t, "Nybro kommun", 12);
	odd = name_table_intern(&t, "A / B / Enhet", 13);
	name_table_set_upper(&t, (uint32_t)odd, "A / B", 5);
	assert_int_equal(name_upper(&t, (uint32_t)soc, &s, &len), 1);
	assert_int_equal(len, 13);
	assert_memory_equal(s, "Kalmar kommun", 13);
	assert_int_equal(name_upper(&t, (uint32_t)one, &s, &len), 0);
	assert_int_equal(name_upper(&t, (uint32_t)odd, &s, &len), 1);
	assert_int_equal(len, 5);
	/* the upper level alone (an empty lower cell) */
	name_table_set_upper(&t, (uint32_t)one, "Nybro kommun", 12);
	assert_int_equal(name_upper(&t, (uint32_t)one, &s, &len), 1);
	assert_int_equal(len, 12);
	/* merged: the level comes along, and the first mark stays */
	bou = name_table_intern(&from, "Kalmar kommun / Bou", 19);
	name_table_set_upper(&from, (uint32_t)bou, "Kalmar kommun", 13);
	map = name_table_merge(&t, &from);
	assert_int_equal(name_upper(&t, map[bou], &s, &len), 1);
	assert_int_equal(len, 13);
	free(map);
	/* two names with one code: the one name keeps the level */
	name_table_set_code(&t, (uint32_t)soc, "0880", 4);
	name_table_set_code(&t, (uint32_t)one, "0880", 4);
	map = name_table_unify_codes(&t);
	assert_non_null(map);
	assert_int_equal(map[soc], map[one]);
	assert_int_equal(name_upper(&t, map[soc], &s, &len), 1);
	assert_int_equal(name_upper(&t, map[odd], &s, &len), 1);
	assert_int_equal(len, 5);
	free(map);
	name_table_release(&from);
	name_table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding),
		cmocka_unit_test(long_names),
		cmocka_unit_test(loose_keys),
		cmocka_unit_test(loose_keys_as_utf8proc),
		cmocka_unit_test(interning),
		cmocka_unit_test(swedish_order),
		cmocka_unit_test(budget),
		cmocka_unit_test(codes),
		cmocka_unit_test(upper_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
