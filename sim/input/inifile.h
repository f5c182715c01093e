/* inifile.h: the raw form of a scenario file, before any meaning is given
 * to its keys: sections {kind, name, line} holding keys {key, value, where}.
 * Read through inih's ini_parse_stream with a line reader of our own, so
 * that every key knows its line, a line that does not fit inih's buffer is
 * refused instead of cut, and continuation lines join their key's value.
 * Ownership: an inifile owns every string in it; inifile_fini frees them. */
#ifndef SUPSIM_INIFILE_H
#define SUPSIM_INIFILE_H

#include <stddef.h>

#include "err.h"

/* Whether a section kind takes a name: "[scenario]", "[sla]" or
 * "[sla TIER]", "[team NAME]". */
typedef enum ini_naming { INI_UNNAMED, INI_NAME_OPTIONAL, INI_NAMED } ini_naming;

typedef struct ini_kind {
	const char *kind;
	ini_naming naming;
	/* > 0: a section of this kind holds at most max_keys keys that
	 * `counted` accepts (every key when it is NULL); the next one is
	 * refused at its line ("more than 8 priorities"), without reading on */
	size_t max_keys;
	const char *keys_noun;
	int (*counted)(const char *key);
} ini_kind;

typedef struct ini_key {
	char *key;
	char *value;  /* continuation lines joined with one blank */
	srcloc at;    /* line of the key (its first line); --set: line 0 */
} ini_key;

typedef struct ini_section {
	int kind;     /* index into the kinds the file was read with */
	char *name;   /* "" when unnamed */
	int line;
	size_t nkeys, cap;
	ini_key *keys;
	size_t ncounted; /* keys its kind's `counted` accepts (see max_keys) */
} ini_section;

typedef struct inifile {
	char *path;
	size_t nsections, cap;
	ini_section *sections;
	size_t nsets;
	char **set_files; /* "--set KIND.NAME.KEY" texts, the files of --set keys */
} inifile;

/* Longest name of a section (tier, priority and team labels alike). */
#define INI_NAME_MAX 63

/* Read `path`; kinds[0..nkinds) are the section kinds allowed.  Refuses a
 * line longer than 199 characters, a NUL byte, a header that is not
 * "[KIND]" / "[KIND NAME]" as kinds says, an unknown kind, a duplicate
 * section, a duplicate key, a key outside any section or without a value.
 * 0, or -1 with e at the offending line (f is then empty but must still be
 * passed to inifile_fini). */
int inifile_read(inifile *f, const char *path, const ini_kind *kinds, size_t nkinds,
		 err *e);

/* Apply one --set text "KIND.NAME.KEY=VALUE" or "KIND.KEY=VALUE": replace
 * the key's value or add the key, at srcloc {"--set KIND.NAME.KEY", 0}.
 * The section must exist. 0 or -1. */
int inifile_set(inifile *f, const char *text, const ini_kind *kinds, size_t nkinds,
		err *e);

void inifile_fini(inifile *f); /* accepts a zeroed inifile */

/* The section of that kind and name ("" for unnamed), or NULL. */
ini_section *inifile_find(const inifile *f, int kind, const char *name);
/* How many sections of that kind. */
size_t inifile_count(const inifile *f, int kind);
/* The key of a section, or NULL. */
const ini_key *inifile_key(const ini_section *s, const char *key);

/* 1 when s is a label: 1..INI_NAME_MAX characters of [A-Za-z0-9_+-]. */
int ini_is_label(const char *s);

#endif
