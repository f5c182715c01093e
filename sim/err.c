/* err.c: filling and formatting {file, line, message} user errors. */
#include <stdio.h>
#include <string.h>

#include "err.h"

int err_vset(err *e, const char *file, int line, const char *fmt, va_list ap)
{
	if (!e)
		return -1;
	size_t n = file ? strlen(file) : 0;
	if (n < sizeof(e->file))
		memcpy(e->file, file ? file : "", n + 1);
	else /* a path is never cut silently: "..." and its end, the file's name */
		snprintf(e->file, sizeof(e->file), "...%s", file + n - (sizeof(e->file) - 4));
	e->line = line;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
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
