/* inifile.c: the raw reader of scenario files (see inifile.h).
 * inih splits lines into keys and values and strips comments; our reader
 * hands it one whole physical line at a time, counts lines, refuses lines
 * that do not fit and keeps track of section headers itself (Debian's inih
 * calls the handler only for keys, without line numbers, and would cut a
 * long line into two). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "mem.h"
#include "input/hint.h"
#include "input/inifile.h"
#include "stop.h"

/* Open addressing over 64-bit entries (0: empty) found by a hash, so that
 * a file of many sections or keys is read in linear time: the duplicate
 * checks look sections and keys up here, not by scanning. */
typedef struct htab {
	uint64_t *slot;
	size_t cap, n; /* cap: a power of two, or 0 */
} htab;

struct reader {
	inifile *f;
	htab secs;     /* entry: section index + 1 */
	htab keys;     /* entry: (section index + 1) << 32 | key index */
	FILE *fp;
	const ini_kind *kinds;
	size_t nkinds;
	char *buf;
	size_t bufcap;
	int line;
	long cur;      /* current section, or -1 before the first header */
	int have_key;  /* a key since the header: indented lines continue it */
	int cont;      /* the line just read continues the last key */
	int failed;    /* e is set: stop reading */
	err *e;
};

int ini_is_label(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > INI_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_+-", s[i]))
			return 0;
	return 1;
}

ini_section *inifile_find(const inifile *f, int kind, const char *name)
{
	for (size_t i = 0; i < f->nsections; i++) {
		ini_section *s = &f->sections[i];
		if (s->kind == kind && !strcmp(s->name, name))
			return s;
	}
	return NULL;
}

size_t inifile_count(const inifile *f, int kind)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nsections; i++)
		n += f->sections[i].kind == kind;
	return n;
}

const ini_key *inifile_key(const ini_section *s, const char *key)
{
	for (size_t i = 0; i < s->nkeys; i++)
		if (!strcmp(s->keys[i].key, key))
			return &s->keys[i];
	return NULL;
}

static uint64_t hash_str(const char *s, uint64_t h)
{
	h ^= 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ^ h >> 29;
}

/* Make room for one more entry; 0 or -1 (ENOMEM). */
static int htab_room(htab *t, uint64_t (*hash_of)(const struct reader *, uint64_t),
		     const struct reader *r)
{
	if (2 * (t->n + 1) <= t->cap)
		return 0;
	size_t cap = t->cap ? 2 * t->cap : 64;
	uint64_t *slot = mem_calloc(cap, sizeof(*slot));
	if (!slot)
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slot[i])
			continue;
		size_t j = (size_t)hash_of(r, t->slot[i]) & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return 0;
}

static uint64_t sec_hash(int kind, const char *name)
{
	return hash_str(name, (uint64_t)kind * 0x9E3779B97F4A7C15ULL);
}

static uint64_t sec_hash_of(const struct reader *r, uint64_t v)
{
	const ini_section *s = &r->f->sections[v - 1];

	return sec_hash(s->kind, s->name);
}

static uint64_t key_hash(uint64_t sec, const char *key)
{
	return hash_str(key, sec * 0x9E3779B97F4A7C15ULL);
}

static uint64_t key_hash_of(const struct reader *r, uint64_t v)
{
	uint64_t sec = (v >> 32) - 1;

	return key_hash(sec, r->f->sections[sec].keys[v & 0xffffffffu].key);
}

/* The section of this kind and name read so far, or NULL. */
static ini_section *find_section(const struct reader *r, int kind, const char *name)
{
	const htab *t = &r->secs;

	if (!t->cap)
		return NULL;
	for (size_t j = (size_t)sec_hash(kind, name) & (t->cap - 1); t->slot[j];
	     j = (j + 1) & (t->cap - 1)) {
		ini_section *s = &r->f->sections[t->slot[j] - 1];
		if (s->kind == kind && !strcmp(s->name, name))
			return s;
	}
	return NULL;
}

/* Key `key` of section sec read so far, or NULL. */
static const ini_key *find_key(const struct reader *r, size_t sec, const char *key)
{
	const htab *t = &r->keys;

	if (!t->cap)
		return NULL;
	for (size_t j = (size_t)key_hash(sec, key) & (t->cap - 1); t->slot[j];
	     j = (j + 1) & (t->cap - 1)) {
		uint64_t v = t->slot[j];
		if ((v >> 32) - 1 != sec)
			continue;
		const ini_key *k = &r->f->sections[sec].keys[v & 0xffffffffu];
		if (!strcmp(k->key, key))
			return k;
	}
	return NULL;
}

/* Enter entry v (already in the file) with hash h; 0 or -1 (ENOMEM). */
static int htab_add(struct reader *r, htab *t, uint64_t v, uint64_t h,
		    uint64_t (*hash_of)(const struct reader *, uint64_t))
{
	if (htab_room(t, hash_of, r))
		return -1;
	size_t j = (size_t)h & (t->cap - 1);
	while (t->slot[j])
		j = (j + 1) & (t->cap - 1);
	t->slot[j] = v;
	t->n++;
	return 0;
}

static int fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Record the reader's error at the current line and stop reading. */
static int fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(r->e, r->f->path, r->line, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

/* Out of memory at the current line: stop reading. */
static int fail_oom(struct reader *r)
{
	err_oom(r->e, r->f->path, r->line, "the scenario");
	r->failed = 1;
	return -1;
}

static int kind_index(const ini_kind *kinds, size_t nkinds, const char *kind)
{
	for (size_t i = 0; i < nkinds; i++)
		if (!strcmp(kinds[i].kind, kind))
			return (int)i;
	return -1;
}

/* "scenario, sla, ..." for the message about an unknown kind. */
static void kind_list(const ini_kind *kinds, size_t nkinds, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nkinds && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", kinds[i].kind);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static int add_section(inifile *f, int kind, const char *name, int line)
{
	if (f->nsections == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 16;
		ini_section *s = mem_realloc(f->sections, cap * sizeof(*s));
		if (!s)
			return -1;
		f->sections = s;
		f->cap = cap;
	}
	ini_section *s = &f->sections[f->nsections];
	memset(s, 0, sizeof(*s));
	s->name = mem_strdup(name);
	if (!s->name)
		return -1;
	s->kind = kind;
	s->line = line;
	f->nsections++;
	return 0;
}

static int add_key(ini_section *s, const char *key, const char *value, srcloc at)
{
	if (s->nkeys == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 8;
		ini_key *k = mem_realloc(s->keys, cap * sizeof(*k));
		if (!k)
			return -1;
		s->keys = k;
		s->cap = cap;
	}
	ini_key *k = &s->keys[s->nkeys];
	k->key = mem_strdup(key);
	k->value = mem_strdup(value);
	k->at = at;
	if (!k->key || !k->value) {
		free(k->key);
		free(k->value);
		return -1;
	}
	s->nkeys++;
	return 0;
}

/* Split "KIND NAME" (already trimmed) and check it against the kinds. */
static int header_parts(struct reader *r, char *in)
{
	char *name = in + strcspn(in, " \t");
	char list[256];

	if (*name) {
		*name++ = '\0';
		name += strspn(name, " \t");
	}
	int kind = kind_index(r->kinds, r->nkinds, in);
	if (kind < 0) {
		const char *names[32];
		char near[96];
		for (size_t i = 0; i < r->nkinds && i < 32; i++)
			names[i] = r->kinds[i].kind;
		kind_list(r->kinds, r->nkinds, list, sizeof(list));
		return fail(r, "unknown section [%s]: expected one of %s%s", in, list,
			    hint_did_you_mean(in, names, r->nkinds < 32 ? r->nkinds : 32, near,
					      sizeof(near)));
	}
	ini_naming naming = r->kinds[kind].naming;
	if (*name && naming == INI_UNNAMED)
		return fail(r, "section [%s] takes no name (found '%s')", in, name);
	if (!*name && naming == INI_NAMED)
		return fail(r, "section [%s] needs a name: [%s NAME]", in, in);
	if (*name && !ini_is_label(name))
		return fail(r, "bad section name '%s': expected one word of letters, digits, "
			    "'_', '+' or '-', at most 63 characters", name);
	ini_section *dup = find_section(r, kind, name);
	if (dup) {
		return fail(r, "duplicate section [%s%s%s] (first at line %d)", in,
			    *name ? " " : "", name, dup->line);
	}
	if (add_section(r->f, kind, name, r->line) ||
	    htab_add(r, &r->secs, r->f->nsections, sec_hash(kind, name), sec_hash_of))
		return fail_oom(r);
	r->cur = (long)r->f->nsections - 1;
	r->have_key = 0;
	return 0;
}

/* A "[...]" line: the header ends at the first ']'; only a comment may
 * follow it. */
static int header(struct reader *r, char *start)
{
	char *close = strchr(start, ']');

	if (!close)
		return fail(r, "section header without ']'");
	char *after = close + 1;
	after += strspn(after, " \t\r\f\v");
	if (*after && *after != ';' && *after != '#')
		return fail(r, "text after the section header: '%s'", after);
	*close = '\0';
	char *in = start + 1;
	in += strspn(in, " \t");
	size_t n = strlen(in);
	while (n > 0 && isspace((unsigned char)in[n - 1]))
		in[--n] = '\0';
	if (!n)
		return fail(r, "empty section header '[]'");
	return header_parts(r, in);
}

/* Classify a line as inih will see it: blank or comment, continuation of
 * the last key (indented, after a key), section header, or key line. */
static int classify(struct reader *r, char *line)
{
	char *start = line;

	r->cont = 0;
	if (r->line == 1 && !strncmp(start, "\xEF\xBB\xBF", 3))
		start += 3;
	while (*start && isspace((unsigned char)*start))
		start++;
	if (!*start || *start == ';' || *start == '#')
		return 0;
	if (r->have_key && start > line) {
		/* inih would append it to the value above: say so instead */
		if (*start == '[' && strchr(start, ']'))
			return fail(r, "an indented section header: it would continue the value "
				    "above; remove the indentation");
		r->cont = 1;
		return 0;
	}
	if (*start == '[') {
		char copy[512];
		snprintf(copy, sizeof(copy), "%s", start);
		return header(r, copy);
	}
	return 0;
}

/* Read one physical line into r->buf, at most max bytes before its '\n'
 * (one more for a '\r' before it): a longer line is refused without reading
 * the rest, so an endless line (/dev/zero) costs nothing.  The length, or
 * -1 at the end of the file or on error (r->failed set). */
static ssize_t read_line(struct reader *r, size_t max)
{
	size_t len = 0;
	int ch = EOF;

	if (r->bufcap < max + 3) {
		char *b = mem_realloc(r->buf, max + 3);
		if (!b)
			return fail_oom(r);
		r->buf = b;
		r->bufcap = max + 3;
	}
	errno = 0;
	while (len < max + 2 && (ch = getc(r->fp)) != EOF) {
		if (ch == '\n')
			break;
		if (ch == '\0') {
			r->line++;
			return fail(r, "NUL byte in the line: not a text file?");
		}
		r->buf[len++] = (char)ch;
	}
	if (ch == EOF && ferror(r->fp) && sim_stopping()) { /* EINTR */
		r->failed = 1;
		return err_stopped(r->e, r->f->path, r->line + 1);
	}
	if (ch == EOF && ferror(r->fp))
		return fail(r, errno == EISDIR ? "is a folder, not a scenario file" : "read error");
	if (ch == EOF && !len)
		return -1;
	r->line++;
	if (len == max + 2 && ch != '\n')
		return fail(r, "line longer than %zu characters", max);
	r->buf[len] = '\0';
	while (len > 0 && r->buf[len - 1] == '\r')
		r->buf[--len] = '\0';
	if (len > max)
		return fail(r, "line longer than %zu characters", max);
	if (!(r->line % 4096) && sim_stopping()) {
		r->failed = 1;
		return err_stopped(r->e, r->f->path, r->line);
	}
	return (ssize_t)len;
}

static char *reader(char *str, int num, void *stream)
{
	struct reader *r = stream;
	ssize_t len;

	if (r->failed || num < 2)
		return NULL;
	len = read_line(r, (size_t)num - 1);
	if (len < 0)
		return NULL;
	if (classify(r, r->buf))
		return NULL;
	memcpy(str, r->buf, (size_t)len + 1);
	return str;
}

/* Length of a continuation line's text without its inline comment (Debian's
 * inih strips those on key lines only): up to a ';' after a blank. */
static size_t uncommented(const char *value)
{
	size_t n = 0;

	for (const char *p = value; *p; p++)
		if (*p == ';' && p > value && isspace((unsigned char)p[-1]))
			break;
		else
			n++;
	while (n > 0 && isspace((unsigned char)value[n - 1]))
		n--;
	return n;
}

/* Append a continuation line's text to the last key. */
static int continue_key(struct reader *r, const char *value)
{
	ini_section *s = &r->f->sections[r->cur];
	ini_key *k = &s->keys[s->nkeys - 1];
	size_t a = strlen(k->value), b = uncommented(value);
	char *v;

	if (!b)
		return 0;
	v = mem_realloc(k->value, a + b + 2);

	if (!v)
		return fail_oom(r);
	v[a] = ' ';
	memcpy(v + a + 1, value, b);
	v[a + 1 + b] = '\0';
	k->value = v;
	return 0;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct reader *r = user;
	srcloc at = { r->f->path, r->line };

	(void)section;
	if (r->failed)
		return 0;
	if (r->cont)
		return continue_key(r, value) ? 0 : 1;
	r->have_key = 1;
	if (r->cur < 0)
		return fail(r, "key '%s' outside any section", name), 0;
	if (!*name)
		return fail(r, "a key name is missing before '='"), 0;
	if (!*value)
		return fail(r, "key '%s' has no value", name), 0;
	ini_section *s = &r->f->sections[r->cur];
	const ini_key *dup = find_key(r, (size_t)r->cur, name);
	if (dup) {
		return fail(r, "duplicate key '%s' (first at line %d)", name, dup->at.line), 0;
	}
	const ini_kind *kind = &r->kinds[s->kind];
	if (kind->max_keys && (!kind->counted || kind->counted(name)) &&
	    s->ncounted++ == kind->max_keys)
		return fail(r, "more than %zu %s", kind->max_keys, kind->keys_noun), 0;
	if (add_key(s, name, value, at) ||
	    htab_add(r, &r->keys, ((uint64_t)r->cur + 1) << 32 | (s->nkeys - 1),
		     key_hash((uint64_t)r->cur, name), key_hash_of))
		return fail_oom(r), 0;
	return 1;
}

int inifile_read(inifile *f, const char *path, const ini_kind *kinds, size_t nkinds,
		 err *e)
{
	struct reader r = { .f = f, .kinds = kinds, .nkinds = nkinds, .cur = -1, .e = e };
	int ret;

	memset(f, 0, sizeof(*f));
	f->path = mem_strdup(path);
	if (!f->path)
		return err_oom(e, path, 0, "the scenario");
	r.fp = fopen(path, "r");
	if (!r.fp && errno == ENOMEM)
		return err_oom(e, path, 0, "the scenario");
	if (!r.fp)
		return err_set(e, path, 0, "cannot open: %s", strerror(errno));
	ret = ini_parse_stream(reader, &r, handler, &r);
	free(r.buf);
	free(r.secs.slot);
	free(r.keys.slot);
	if (fclose(r.fp) && !r.failed) {
		r.failed = 1;
		err_set(e, path, 0, "read error");
	}
	if (ret > 0 && (!r.failed || ret < e->line)) {
		err_set(e, path, ret, "expected 'KEY = VALUE', '[SECTION]' or a comment");
		e->kind = ERR_INPUT; /* it came first */
		return -1;
	}
	if (ret < 0 && !r.failed)
		return err_oom(e, path, 0, "the scenario");
	return r.failed ? -1 : 0;
}

/* The section a --set text addresses after "KIND.": for a kind with names,
 * the longest section name followed by '.'; else the unnamed one.  Sets
 * *key to what follows. */
static ini_section *set_section(inifile *f, int kind, ini_naming naming, const char *rest,
				const char **key)
{
	ini_section *best = NULL;
	size_t bestlen = 0;

	if (naming != INI_UNNAMED) {
		for (size_t i = 0; i < f->nsections; i++) {
			ini_section *s = &f->sections[i];
			size_t n = strlen(s->name);
			if (s->kind != kind || !n || n <= bestlen)
				continue;
			if (!strncmp(rest, s->name, n) && rest[n] == '.') {
				best = s;
				bestlen = n;
			}
		}
		if (best) {
			*key = rest + bestlen + 1;
			return best;
		}
		if (naming == INI_NAMED || strchr(rest, '.'))
			return NULL;
	}
	*key = rest;
	return inifile_find(f, kind, "");
}

static char *set_file(inifile *f, const char *lhs, size_t n)
{
	char **files = mem_realloc(f->set_files, (f->nsets + 1) * sizeof(*files));
	char *s = mem_alloc(n + 7);

	if (files)
		f->set_files = files;
	if (!files || !s) {
		free(s);
		return NULL;
	}
	snprintf(s, n + 7, "--set %.*s", (int)n, lhs);
	f->set_files[f->nsets++] = s;
	return s;
}

static int set_key(ini_section *s, const char *key, const char *value, srcloc at, err *e)
{
	for (size_t i = 0; i < s->nkeys; i++) {
		ini_key *k = &s->keys[i];
		if (strcmp(k->key, key))
			continue;
		char *v = mem_strdup(value);
		if (!v)
			return err_oom_at(e, at, "the scenario");
		free(k->value);
		k->value = v;
		k->at = at;
		return 0;
	}
	if (add_key(s, key, value, at))
		return err_oom_at(e, at, "the scenario");
	return 0;
}

static int set_apply(inifile *f, const char *lhs, const char *value, const ini_kind *kinds,
		     size_t nkinds, srcloc at, err *e)
{
	const char *dot = strchr(lhs, '.');
	char kind[64], name[128];

	if (!dot || dot == lhs || (size_t)(dot - lhs) >= sizeof(kind))
		return err_at(e, at, "expected KIND.NAME.KEY=VALUE or KIND.KEY=VALUE");
	snprintf(kind, sizeof(kind), "%.*s", (int)(dot - lhs), lhs);
	int k = kind_index(kinds, nkinds, kind);
	if (k < 0)
		return err_at(e, at, "unknown section kind '%s'", kind);
	const char *key = NULL;
	ini_section *s = set_section(f, k, kinds[k].naming, dot + 1, &key);
	if (!s) {
		if (kinds[k].naming == INI_UNNAMED)
			return err_at(e, at, "no section [%s] in %s", kind, f->path);
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(dot + 1, "."), dot + 1);
		if (!strchr(dot + 1, '.'))
			return err_at(e, at, "[%s] sections have names: write %s.NAME.%s=VALUE",
				      kind, kind, dot + 1);
		return err_at(e, at, "no section [%s %s] in %s", kind, name, f->path);
	}
	if (!*key)
		return err_at(e, at, "expected a key after the section");
	if (!*value)
		return err_at(e, at, "no value after '='");
	return set_key(s, key, value, at, e);
}

int inifile_set(inifile *f, const char *text, const ini_kind *kinds, size_t nkinds, err *e)
{
	const char *eq = strchr(text, '=');
	size_t n = eq ? (size_t)(eq - text) : strlen(text);
	const char *lhs = text;
	char *l, *v;
	int ret;

	while (n > 0 && isspace((unsigned char)*lhs))
		lhs++, n--;
	while (n > 0 && isspace((unsigned char)lhs[n - 1]))
		n--;
	srcloc at = { set_file(f, lhs, n), 0 };
	if (!at.file)
		return err_oom(e, "--set", 0, "the scenario");
	if (!eq)
		return err_at(e, at, "expected KIND.NAME.KEY=VALUE or KIND.KEY=VALUE");
	l = mem_strndup(lhs, n);
	v = mem_strdup(eq + 1);
	if (!l || !v) {
		free(l);
		free(v);
		return err_oom_at(e, at, "the scenario");
	}
	char *vs = v + strspn(v, " \t");
	size_t vn = strlen(vs);
	while (vn > 0 && isspace((unsigned char)vs[vn - 1]))
		vs[--vn] = '\0';
	ret = set_apply(f, l, vs, kinds, nkinds, at, e);
	free(l);
	free(v);
	return ret;
}

void inifile_fini(inifile *f)
{
	for (size_t i = 0; i < f->nsections; i++) {
		ini_section *s = &f->sections[i];
		for (size_t k = 0; k < s->nkeys; k++) {
			free(s->keys[k].key);
			free(s->keys[k].value);
		}
		free(s->keys);
		free(s->name);
	}
	free(f->sections);
	for (size_t i = 0; i < f->nsets; i++)
		free(f->set_files[i]);
	free(f->set_files);
	free(f->path);
	memset(f, 0, sizeof(*f));
}
