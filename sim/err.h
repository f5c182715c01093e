/* err.h: user errors ({file, line, message}) carried up to the cli.
 * Library code fills an err and returns -1; only cli prints it and picks the
 * exit code.  line > 0 prints as "FILE:LINE: msg", line == 0 as "FILE: msg"
 * (used for whole-file problems and for --set overrides, whose "file" is the
 * text "--set KIND.NAME.KEY").
 * Control bytes and bytes that are not UTF-8 are escaped as \xHH when a
 * message is set (the input may hold anything, a terminal must not get it
 * raw).  kind tells the cli the exit status: bad input (2) or a failure while
 * running (1: out of memory, a stop request).  kind is sticky: setting a new
 * message on the same err (wrapping it with a place) keeps it. */
#ifndef SUPSIM_ERR_H
#define SUPSIM_ERR_H

#include <stdarg.h>
#include <stddef.h>

#define ERR_FILE_MAX 512
#define ERR_MSG_MAX 512

/* Where a value came from: a file and line, or (line 0) a --set text. */
typedef struct srcloc {
	const char *file;
	int line;
} srcloc;

enum err_kind {
	ERR_INPUT = 0, /* bad input or usage: exit 2 */
	ERR_RUN,       /* a failure while running (out of memory): exit 1 */
	ERR_STOP,      /* a stop request (SIGINT, SIGTERM) arrived: exit 1 */
};

typedef struct err {
	char file[ERR_FILE_MAX];
	int line;
	char msg[ERR_MSG_MAX];
	int kind;      /* enum err_kind */
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

/* Out of memory while loading `what` ("the scenario", "the table"):
 * "out of memory while loading WHAT", kind ERR_RUN. */
int err_oom(err *e, const char *file, int line, const char *what);
int err_oom_at(err *e, srcloc at, const char *what);

/* Out of memory while running: "out of memory", kind ERR_RUN (exit 1). */
int err_nomem(err *e);

/* A stop request arrived while loading: kind ERR_STOP. */
int err_stopped(err *e, const char *file, int line);

/* Copy src to dst (of size len >= 1), escaping control bytes, DEL, C1
 * controls and bytes that are not part of a UTF-8 sequence as \xHH; cut at
 * a whole character.  Returns dst. */
char *err_escape(char *dst, size_t len, const char *src);

/* Format e as the user sees it ("FILE:LINE: msg") into buf; returns buf. */
const char *err_format(const err *e, char *buf, size_t len);

#endif
