/* err.h: user errors ({file, line, message}) carried up to the cli.
 * Library code fills an err and returns -1; only cli prints it and picks the
 * exit code.  line > 0 prints as "FILE:LINE: msg", line == 0 as "FILE: msg"
 * (used for whole-file problems and for --set overrides, whose "file" is the
 * text "--set KIND.NAME.KEY"). */
#ifndef SUPSIM_ERR_H
#define SUPSIM_ERR_H

#include <stdarg.h>

#define ERR_FILE_MAX 512
#define ERR_MSG_MAX 512

/* Where a value came from: a file and line, or (line 0) a --set text. */
typedef struct srcloc {
	const char *file;
	int line;
} srcloc;

typedef struct err {
	char file[ERR_FILE_MAX];
	int line;
	char msg[ERR_MSG_MAX];
} err;

/* Fill e (if not NULL) and return -1, so callers can write
 * `return err_set(e, file, line, "bad %s", what);`.  file may be NULL. */
int err_set(err *e, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int err_vset(err *e, const char *file, int line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

/* The same, at a srcloc. */
int err_at(err *e, srcloc at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format e as the user sees it ("FILE:LINE: msg") into buf; returns buf. */
const char *err_format(const err *e, char *buf, size_t len);

#endif
