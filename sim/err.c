/* err.c: filling and formatting {file, line, message} user errors. */
#include <stdio.h>
#include <string.h>

#include "err.h"

/* Length of the UTF-8 sequence at s (1..4) if it is a printable character
 * (not a C1 control, no overlong form or surrogate), else 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	unsigned min;
	unsigned cp;

	if (s[0] < 0x80)
		return s[0] >= 0x20 && s[0] != 0x7f;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, min = 0xa0, cp = s[0] & 0x1f; /* U+0080..U+009F: C1 controls */
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, min = 0x800, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, min = 0x10000, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

char *err_escape(char *dst, size_t len, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t k = 0;

	while (*s) {
		size_t n = utf8_len(s);
		if (n) {
			if (k + n >= len)
				break;
			memcpy(dst + k, s, n);
			k += n;
			s += n;
		} else {
			if (k + 4 >= len)
				break;
			snprintf(dst + k, 5, "\\x%02x", *s);
			k += 4;
			s++;
		}
	}
	dst[k] = '\0';
	return dst;
}

/* The file, escaped; a path is never cut silently: one too long shows as
 * "..." and its end, the file's name. */
static void set_file(err *e, const char *file)
{
	char esc[4 * ERR_FILE_MAX + 1];
	size_t n = file ? strlen(file) : 0;
	/* only the end can show: escape at most its last ERR_FILE_MAX bytes */
	const char *from = !file ? "" : n > ERR_FILE_MAX ? file + n - ERR_FILE_MAX : file;

	err_escape(esc, sizeof(esc), from);
	n = strlen(esc);
	if (n < sizeof(e->file))
		memcpy(e->file, esc, n + 1);
	else
		snprintf(e->file, sizeof(e->file), "...%s", esc + n - (sizeof(e->file) - 4));
}

int err_vset(err *e, const char *file, int line, const char *fmt, va_list ap)
{
	char raw[ERR_MSG_MAX];

	if (!e)
		return -1;
	set_file(e, file);
	e->line = line;
	vsnprintf(raw, sizeof(raw), fmt, ap);
	err_escape(e->msg, sizeof(e->msg), raw);
	return -1;
}

int err_set(err *e, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

int err_at(err *e, srcloc at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, at.file, at.line, fmt, ap);
	va_end(ap);
	return -1;
}

int err_oom(err *e, const char *file, int line, const char *what)
{
	err_set(e, file, line, "out of memory while loading %s", what);
	if (e)
		e->kind = ERR_RUN;
	return -1;
}

int err_oom_at(err *e, srcloc at, const char *what)
{
	return err_oom(e, at.file, at.line, what);
}

int err_nomem(err *e)
{
	err_set(e, NULL, 0, "out of memory");
	if (e)
		e->kind = ERR_RUN;
	return -1;
}

int err_stopped(err *e, const char *file, int line)
{
	err_set(e, file, line, "interrupted while loading; nothing written");
	if (e)
		e->kind = ERR_STOP;
	return -1;
}

const char *err_format(const err *e, char *buf, size_t len)
{
	if (!e->file[0])
		snprintf(buf, len, "%s", e->msg);
	else if (e->line > 0)
		snprintf(buf, len, "%s:%d: %s", e->file, e->line, e->msg);
	else
		snprintf(buf, len, "%s: %s", e->file, e->msg);
	return buf;
}
