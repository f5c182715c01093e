/* folder.h: the results folder (SPEC §4, docs/results.md), written whole or
 * not at all.  report_begin makes a temporary folder beside DIR; every file
 * goes there (csv.h); report_commit puts it in DIR's place in one step
 * (renameat2 with RENAME_EXCHANGE, then the old folder is removed; rename
 * when DIR did not exist); report_abort removes it.  Every error names its
 * file ("PATH: strerror").  A report is used by one thread at a time.
 * An existing DIR is replaced only when it is empty or a results folder
 * (it holds the marker file REPORT_MARKER), so that -o ~ cannot wipe a home. */
#ifndef SUPSIM_FOLDER_H
#define SUPSIM_FOLDER_H

#include "err.h"

#define REPORT_MARKER ".supsim"
#define REPORT_MARKER_TEXT "supsim results folder\n" /* its whole content */

typedef struct report report;

/* 0 when dir is short enough to make every name beside and below it
 * (PATH_MAX, NAME_MAX), else -1: the caller refuses it ("DIR: name too
 * long") rather than cut it. */
int report_name_check(const char *dir);
/* The checks report_begin makes before writing anything (name, parent made,
 * dir replaceable), for a verb with a long way to go before it writes
 * (staff).  0, or -1 with e set. */
int report_check(const char *dir, err *e);
/* Start results folder dir: creates its parent (mkdir -p), removes the
 * leftovers of dead runs beside dir (".BASE.tmp-PID-N", ".BASE.old-PID-N":
 * a run holds a flock on its folders' markers while it lives; an .old-
 * folder is put back as dir when dir is missing), creates the temporary
 * folder with the marker in it.  Fails early when dir exists and may not be
 * replaced: it may when empty or when its REPORT_MARKER is a regular file
 * holding exactly REPORT_MARKER_TEXT.  NULL with e set on failure. */
report *report_begin(const char *dir, err *e);
/* The temporary folder (valid until commit/abort), e.g. for plot files. */
const char *report_tmp_path(const report *r);
/* Put the temporary folder in dir's place.  Every file must be closed.
 * Always frees r; on failure the temporary folder is removed, dir is left
 * as it was, and -1 is returned with e set. */
int report_commit(report *r, err *e);
/* Remove the temporary folder and free r; accepts NULL. */
void report_abort(report *r);

/* For the files of the folder (csv.c, report.c): e set to "PATH: strerror
 * (errno)", returns -1; dir/name into out[PATH_MAX], -1 with errno
 * ENAMETOOLONG when it does not fit. */
int report_sys_err(err *e, const char *path);
int report_path_join(char *out, const char *dir, const char *name);

#endif
