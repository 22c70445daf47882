/*
 * sheetname.h - worksheet names that Excel accepts (RELIABILITY #51).
 *
 * The XLSX report names a sheet after each critical occupation, and
 * occupation names break Excel's rules for sheet names: at most 31
 * characters (counted in UTF-16 units, as Excel does), none of [ ] : * ?
 * / \, no apostrophe first or last, not "History", and unique without
 * regard to case. sheet_name_add() makes a name fit - the forbidden
 * characters become '_', a long name is cut, a name already taken gets
 * " (2)", " (3)" ... - and says whether it had to change it.
 */
#ifndef KMAP_SHEETNAME_H
#define KMAP_SHEETNAME_H

#include <stddef.h>

enum { SHEET_NAME_MAX = 31 };

struct sheet_names {
	char **names; /* as given to Excel */
	char **keys;  /* case-folded, for the uniqueness check */
	size_t n, cap;
};

/*
 * The name for a new sheet wanted as `want` (UTF-8), recorded as taken.
 * *changed is set to whether it differs from want. The set owns it.
 */
const char *sheet_name_add(struct sheet_names *s, const char *want,
			   int *changed);
void sheet_names_release(struct sheet_names *s);

#endif
