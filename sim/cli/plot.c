/* plot.c: `supsim plot DIR`: PNG and SVG charts of a results folder,
 * drawn by gnuplot (found on PATH) from the scripts in scripts/ (beside the
 * executable's folder, or $SUPSIM_SCRIPTS), and an index.html that shows
 * them.  gnuplot gets the folder as an argument (`gnuplot -c SCRIPT DIR FMT
 * OUT`, fork + execv: no shell, no gnuplot parsing of the name).  Each file
 * is written under a temporary name in DIR and renamed when whole.
 * A chart that fails (in either format) leaves no file of its own behind and
 * does not stop the others; index.html shows the charts that were drawn.
 * Exit status: 0 done, 1 gnuplot or the scripts missing or some chart
 * failing (named on stderr), 2 DIR is not a results folder. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "results/report.h"
#include "cli/verbs.h"

typedef struct chart {
	const char *name;  /* scripts/NAME.gp writes NAME.png / NAME.svg */
	const char *title, *what;
	const char *needs; /* drawn only when DIR holds this file; NULL: always */
} chart;

static const chart charts[] = {
	{ "summary", "Attainment by priority",
	  "First-response SLA attainment per priority (all tiers and channels), one point per "
	  "policy, with the 95% confidence interval across replications and the [staff] goals "
	  "as dashed lines; below, the shares of contacts abandoned and deflected to "
	  "self-service per policy (summary.csv).", NULL },
	{ "attainment", "Attainment week by week",
	  "Share of the tickets arriving in the 7 days up to each day that were met, one "
	  "line per policy (each day's own under 14 days after the warm-up), above the "
	  "contacts arriving per day (timeseries.csv).", NULL },
	{ "load", "Backlog and staffing",
	  "Tickets waiting at each hour's start, and agents on shift (dashed) and busy "
	  "(solid) (daily means), per policy (timeseries.csv).", NULL },
	{ "coverage", "Heads required and scheduled",
	  "Heads required hour by hour (supsim require, dashed) against the heads the "
	  "shift schedule puts on (supsim schedule, solid), one panel per team, one "
	  "colour per policy (coverage.csv).",
	  "coverage.csv" },
};
#define NCHARTS (sizeof(charts) / sizeof(charts[0]))
static const char *const formats[] = { "png", "svg" };
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

static volatile sig_atomic_t plot_stop;

static void on_signal(int sig)
{
	(void)sig;
	plot_stop = 1;
}

static int is_file(const char *path, int mode)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode) && !access(path, mode);
}

static int join(char *out, const char *dir, const char *name)
{
	return snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX ? -1 : 0;
}

/* A results folder: the marker and the two CSV files the charts read. */
static int results_folder(const char *dir)
{
	static const char *const need[] = { REPORT_MARKER, "summary.csv", "timeseries.csv" };
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (join(path, dir, need[i]) || !is_file(path, R_OK)) {
			fprintf(stderr, "supsim plot: %s: not a supsim results folder (no readable "
				"%s in it); make one with `supsim run`\n", dir, need[i]);
			return 0;
		}
	}
	return 1;
}

/* The first executable `name` in $PATH into out[PATH_MAX]; 0 or -1. */
static int find_on_path(const char *name, char *out)
{
	const char *path = getenv("PATH");

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (snprintf(out, PATH_MAX, "%.*s/%s", (int)(len ? len : 1), len ? p : ".",
			     name) < PATH_MAX && is_file(out, X_OK))
			return 0;
		if (!end)
			return -1;
		p = end;
	}
}

/* Whether dir holds the scripts (common.gp and every chart's). */
static int scripts_in(const char *dir)
{
	char path[PATH_MAX], name[64];

	if (join(path, dir, "common.gp") || !is_file(path, R_OK))
		return 0;
	for (size_t i = 0; i < NCHARTS; i++) {
		snprintf(name, sizeof(name), "%s.gp", charts[i].name);
		if (join(path, dir, name) || !is_file(path, R_OK))
			return 0;
	}
	return 1;
}

/* $SUPSIM_SCRIPTS, else scripts/ or share/supsim/scripts/ in the folders
 * above the executable (build/supsim and build/san/supsim find the source
 * tree's, bin/supsim an installed one).  0 or -1 (message printed). */
static int find_scripts(char *out)
{
	const char *env = getenv("SUPSIM_SCRIPTS");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env) {
		if (snprintf(out, PATH_MAX, "%s", env) < PATH_MAX && scripts_in(out))
			return 0;
		fprintf(stderr, "supsim plot: SUPSIM_SCRIPTS=%s: no gnuplot scripts "
			"(common.gp, summary.gp, ...) there\n", env);
		return -1;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0 && n < (ssize_t)sizeof(exe) - 1) { /* else it may be cut */
		exe[n] = '\0';
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash || slash == exe)
				break;
			*slash = '\0';
			if ((join(out, exe, "scripts") == 0 && scripts_in(out)) ||
			    (join(out, exe, "share/supsim/scripts") == 0 && scripts_in(out)))
				return 0;
		}
	}
	fprintf(stderr, "supsim plot: the gnuplot scripts were not found beside the executable "
		"(scripts/ or share/supsim/scripts/); set SUPSIM_SCRIPTS to their folder\n");
	return -1;
}

/* gnuplot -c SCRIPT DIR FMT OUT; 0 when it exits 0 and OUT is not empty. */
static int run_gnuplot(const char *gnuplot, const char *script, const char *dir,
		       const char *fmt, const char *out)
{
	char *const argv[] = { (char *)"gnuplot", (char *)"-c", (char *)script, (char *)dir,
			       (char *)fmt, (char *)out, NULL };
	struct stat st;
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "supsim plot: cannot start gnuplot: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* gnuplot's own chatter goes to stderr; stdout stays ours */
		if (dup2(STDERR_FILENO, STDOUT_FILENO) >= 0)
			execv(gnuplot, argv);
		fprintf(stderr, "supsim plot: %s: %s\n", gnuplot, strerror(errno));
		_exit(127);
	}
	for (int killed = 0;;) {
		if (plot_stop && !killed) {
			(void)kill(pid, SIGTERM); /* it may have ended: waitpid says */
			killed = 1;
		}
		if (waitpid(pid, &status, 0) >= 0)
			break;
		if (errno != EINTR) {
			fprintf(stderr, "supsim plot: waiting for gnuplot: %s\n", strerror(errno));
			return -1;
		}
	}
	if (plot_stop)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "supsim plot: gnuplot failed on %s (%s %d)\n", script,
			WIFEXITED(status) ? "exit status" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	if (stat(out, &st) || st.st_size == 0) {
		fprintf(stderr, "supsim plot: gnuplot wrote nothing to %s\n", out);
		return -1;
	}
	return 0;
}

/* dir/.NAME.tmp-PID: where a file is written before it takes its name. */
static int tmp_name(char *out, const char *dir, const char *name)
{
	return snprintf(out, PATH_MAX, "%s/.%s.tmp-%ld", dir, name, (long)getpid()) >=
	       PATH_MAX ? -1 : 0;
}

/* Create the temporary file tmp and lock it while this plot lives (the fd,
 * to close once tmp is renamed or removed); -1 with a message. */
static int tmp_create(const char *tmp)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);

	if (fd >= 0 && !flock(fd, LOCK_EX | LOCK_NB))
		return fd;
	fprintf(stderr, "supsim plot: %s: %s\n", tmp, strerror(errno));
	if (fd >= 0) {
		unlink(tmp);
		close(fd);
	}
	return -1;
}

/* Whether name is one of our temporary names: ".NAME.tmp-PID" with NAME a
 * chart's file or index.html. */
static int is_tmp_name(const char *name)
{
	char want[64];

	for (size_t i = 0; i <= NCHARTS; i++)
		for (size_t f = 0; f < NFORMATS; f++) {
			if (i == NCHARTS)
				snprintf(want, sizeof(want), ".index.html.tmp-");
			else
				snprintf(want, sizeof(want), ".%s.%s.tmp-", charts[i].name,
					 formats[f]);
			size_t n = strlen(want);
			if (!strncmp(name, want, n) && name[n] &&
			    strspn(name + n, "0123456789") == strlen(name + n))
				return 1;
		}
	return 0;
}

/* Remove the temporary files of dead plots (killed with SIGKILL): those
 * nobody holds the lock of.  Best effort. */
static void remove_stale(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[PATH_MAX];

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!is_tmp_name(de->d_name) || join(path, dir, de->d_name))
			continue;
		int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!flock(fd, LOCK_EX | LOCK_NB))
			(void)unlink(path); /* best effort: the next plot tries again */
		(void)close(fd); /* read-only: nothing to lose */
	}
	(void)closedir(d); /* read-only stream: nothing to lose */
}

static int put_in_place(const char *tmp, const char *dir, const char *name)
{
	char path[PATH_MAX];

	if (join(path, dir, name)) {
		fprintf(stderr, "supsim plot: %s: %s\n", dir, strerror(ENAMETOOLONG));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path)) {
		fprintf(stderr, "supsim plot: %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int draw(const char *gnuplot, const char *scripts, const char *dir, const chart *c,
		const char *fmt)
{
	char script[PATH_MAX], name[64], tmp[PATH_MAX];

	snprintf(name, sizeof(name), "%s.gp", c->name);
	if (join(script, scripts, name))
		return -1;
	snprintf(name, sizeof(name), "%s.%s", c->name, fmt);
	if (tmp_name(tmp, dir, name)) {
		fprintf(stderr, "supsim plot: %s: %s\n", dir, strerror(ENAMETOOLONG));
		return -1;
	}
	int lock = tmp_create(tmp);
	if (lock < 0)
		return -1;
	int rc = run_gnuplot(gnuplot, script, dir, fmt, tmp);
	if (rc)
		unlink(tmp);
	else
		rc = put_in_place(tmp, dir, name);
	close(lock); /* the lock only */
	return rc;
}

/* Text with &, <, >, " escaped. */
static int put_html(FILE *fp, const char *s)
{
	for (; *s; s++) {
		const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" :
				  *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;
		if (rep ? fputs(rep, fp) == EOF : putc(*s, fp) == EOF)
			return -1;
	}
	return 0;
}

/* The CSV files index.html links when the folder has them. */
static const char *const csv_files[] = {
	"summary.csv", "timeseries.csv", "teams.csv", "hourly.csv", "compare.csv",
	"staff.csv", "staff_goals.csv", "staff_plan.csv", "requirements.csv", "schedule.csv", "coverage.csv",
	"tickets.csv",
};

static int put_csv_links(FILE *fp, const char *dir)
{
	char path[PATH_MAX];
	int bad = 0, n = 0;

	bad |= fputs("<p>Charts drawn by <code>supsim plot</code> from the CSV files of this "
		     "folder:", fp) == EOF;
	for (size_t i = 0; i < sizeof(csv_files) / sizeof(csv_files[0]); i++) {
		if (join(path, dir, csv_files[i]) || !is_file(path, R_OK))
			continue;
		bad |= fprintf(fp, "%s <a href=\"%s\">%s</a>", n++ ? "," : "", csv_files[i],
			       csv_files[i]) < 0;
	}
	bad |= fputs(".</p>\n", fp) == EOF;
	return bad ? -1 : 0;
}

/* The comma-separated fields of line (no quoting: compare.csv's policy,
 * tier `all` and priority `all` rows hold labels and numbers) into f[],
 * at most max; returns how many.  line is cut in place. */
static size_t split_csv(char *line, char **f, size_t max)
{
	size_t n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	for (char *p = line; n < max; p++) {
		f[n++] = p;
		p = strchr(p, ',');
		if (!p)
			break;
		*p = '\0';
	}
	return n;
}

/* compare's scorecard (rows over every tier and priority) as a table. */
enum { SC_POLICY, SC_TIER, SC_PRIO, SC_ATT, SC_ATT_CI, SC_DIFF, SC_DIFF_CI, SC_AB,
       SC_AB_DIFF, SC_AB_CI, SC_DE, SC_DE_DIFF, SC_DE_CI, SC_WAIT, SC_PAID, SC_N };
static const char *const sc_cols[SC_N] = {
	"policy", "tier", "priority", "attainment", "attainment_ci95", "diff", "diff_ci95",
	"abandon_share", "abandon_diff", "abandon_diff_ci95", "deflected_share",
	"deflected_diff", "deflected_diff_ci95", "wait_mean_s", "paid_hours",
};

static int put_cell(FILE *fp, const char *v, const char *ci)
{
	int bad = fputs("<td>", fp) == EOF || put_html(fp, v);
	if (ci && *ci)
		bad |= fputs(" &plusmn; ", fp) == EOF || put_html(fp, ci);
	return bad | (fputs("</td>", fp) == EOF) ? -1 : 0;
}

static int put_scorecard(FILE *fp, const char *dir)
{
	char path[PATH_MAX], line[4096], *f[64];
	int idx[SC_N], bad = 0;
	FILE *in;

	if (join(path, dir, "compare.csv") || !(in = fopen(path, "r")))
		return 0;
	size_t n = fgets(line, sizeof(line), in) ? split_csv(line, f, 64) : 0;
	for (int c = 0; c < SC_N; c++) {
		idx[c] = -1;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(f[i], sc_cols[c]))
				idx[c] = (int)i;
		if (idx[c] < 0) {
			fclose(in);
			return 0; /* a compare.csv of another version: links only */
		}
	}
	bad |= fputs("<h2>Scorecard (compare.csv)</h2>\n<p>Every policy over all tickets, with "
		     "its paired difference to the first policy (95&nbsp;% intervals): an "
		     "attainment gain is worth what it costs in contacts abandoned and contacts "
		     "deflected to self-service (never answered).</p>\n<table border=\"1\" "
		     "cellpadding=\"4\">\n<tr><th>policy</th><th>attainment</th><th>diff</th>"
		     "<th>abandon share</th><th>abandon diff</th><th>deflected share</th>"
		     "<th>deflected diff</th><th>ASA (s)</th><th>paid agent-hours</th></tr>\n",
		     fp) == EOF;
	while (fgets(line, sizeof(line), in)) {
		n = split_csv(line, f, 64);
		if (n <= (size_t)idx[SC_PAID] || strcmp(f[idx[SC_TIER]], "all") ||
		    strcmp(f[idx[SC_PRIO]], "all"))
			continue;
		bad |= fputs("<tr>", fp) == EOF || put_cell(fp, f[idx[SC_POLICY]], NULL) ||
		       put_cell(fp, f[idx[SC_ATT]], f[idx[SC_ATT_CI]]) ||
		       put_cell(fp, f[idx[SC_DIFF]], f[idx[SC_DIFF_CI]]) ||
		       put_cell(fp, f[idx[SC_AB]], NULL) ||
		       put_cell(fp, f[idx[SC_AB_DIFF]], f[idx[SC_AB_CI]]) ||
		       put_cell(fp, f[idx[SC_DE]], NULL) ||
		       put_cell(fp, f[idx[SC_DE_DIFF]], f[idx[SC_DE_CI]]) ||
		       put_cell(fp, f[idx[SC_WAIT]], NULL) || put_cell(fp, f[idx[SC_PAID]], NULL) ||
		       fputs("</tr>\n", fp) == EOF;
	}
	bad |= ferror(in) || fputs("</table>\n", fp) == EOF;
	fclose(in);
	return bad ? -1 : 0;
}

static int write_index_to(FILE *fp, const char *dir, const int *drawn)
{
	const char *base = strrchr(dir, '/');
	int bad = 0;

	base = base && base[1] ? base + 1 : dir;
	bad |= fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		     "<title>supsim results: ", fp) == EOF;
	bad |= put_html(fp, base);
	bad |= fputs("</title>\n<style>\nbody { font-family: sans-serif; max-width: 1040px; "
		     "margin: 2em auto; color: #222; }\nimg { max-width: 100%; "
		     "border: 1px solid #ddd; }\n</style>\n</head>\n<body>\n<h1>", fp) == EOF;
	bad |= put_html(fp, base);
	bad |= fputs("</h1>\n", fp) == EOF || put_csv_links(fp, dir) || put_scorecard(fp, dir);
	for (size_t i = 0; i < NCHARTS; i++) {
		const chart *c = &charts[i];
		if (drawn[i] < 0)
			continue; /* its CSV file is not in this folder */
		if (!drawn[i]) {
			bad |= fprintf(fp, "<h2>%s</h2>\n<p><em>Not drawn: gnuplot failed on "
				       "<code>%s.gp</code> (see the messages of <code>supsim "
				       "plot</code>).</em></p>\n", c->title, c->name) < 0;
			continue;
		}
		bad |= fprintf(fp, "<h2>%s</h2>\n<p>%s</p>\n<p><a href=\"%s.svg\">"
			       "<img src=\"%s.png\" alt=\"%s\"></a><br>\n"
			       "<a href=\"%s.png\">PNG</a> &middot; <a href=\"%s.svg\">SVG</a></p>\n",
			       c->title, c->what, c->name, c->name, c->title, c->name,
			       c->name) < 0;
	}
	bad |= fputs("</body>\n</html>\n", fp) == EOF;
	return bad ? -1 : 0;
}

static int write_index(const char *dir, const int *drawn)
{
	char tmp[PATH_MAX];
	FILE *fp;

	if (tmp_name(tmp, dir, "index.html")) {
		fprintf(stderr, "supsim plot: %s: %s\n", dir, strerror(ENAMETOOLONG));
		return -1;
	}
	int lock = tmp_create(tmp);
	if (lock < 0)
		return -1;
	fp = fopen(tmp, "w");
	if (!fp) {
		fprintf(stderr, "supsim plot: %s: %s\n", tmp, strerror(errno));
		unlink(tmp);
		close(lock);
		return -1;
	}
	int bad = write_index_to(fp, dir, drawn);
	bad |= fflush(fp) == EOF || fsync(fileno(fp));
	int saved = errno;
	if (fclose(fp) && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		fprintf(stderr, "supsim plot: %s: %s\n", tmp, strerror(saved));
		unlink(tmp);
		close(lock);
		return -1;
	}
	bad = put_in_place(tmp, dir, "index.html");
	close(lock); /* the lock only */
	return bad;
}

int cmd_plot(cli_opts *o)
{
	const char *dir = o->dir;
	char gnuplot[PATH_MAX], scripts[PATH_MAX];

	if (strlen(dir) + 64 >= PATH_MAX) { /* room for its files' temporary names */
		fprintf(stderr, "%s: name too long\n", dir);
		return 2;
	}
	if (!results_folder(dir))
		return 2;
	if (find_on_path("gnuplot", gnuplot)) {
		fprintf(stderr, "supsim plot: gnuplot not found on PATH; install it "
			"(Debian: apt-get install gnuplot-nox)\n");
		return 1;
	}
	if (find_scripts(scripts))
		return 1;
	cli_catch_signals(on_signal); /* waiting for gnuplot is interrupted */
	remove_stale(dir);
	int drawn[NCHARTS], failed = 0;
	for (size_t i = 0; i < NCHARTS; i++) {
		char need[PATH_MAX];
		drawn[i] = 1;
		if (charts[i].needs && (join(need, dir, charts[i].needs) || !is_file(need, R_OK))) {
			drawn[i] = -1;
			continue;
		}
		for (size_t f = 0; f < NFORMATS && drawn[i]; f++)
			if (draw(gnuplot, scripts, dir, &charts[i], formats[f]))
				drawn[i] = 0;
		if (plot_stop) {
			fprintf(stderr, "supsim plot: interrupted; the charts drawn so far stay, "
				"no temporary file is left in %s\n", dir);
			return 1;
		}
		if (!drawn[i]) {
			/* no half chart, nor one left from an earlier plot */
			char path[PATH_MAX], name[64];
			for (size_t f = 0; f < NFORMATS; f++) {
				snprintf(name, sizeof(name), "%s.%s", charts[i].name, formats[f]);
				if (!join(path, dir, name))
					unlink(path);
			}
			fprintf(stderr, "supsim plot: the %s chart (%s.png, %s.svg) was not drawn\n",
				charts[i].name, charts[i].name, charts[i].name);
			failed = 1;
		}
	}
	if (write_index(dir, drawn))
		return 1;
	printf("charts in %s/: index.html", dir);
	for (size_t i = 0; i < NCHARTS; i++)
		if (drawn[i] > 0)
			printf(" %s.png %s.svg", charts[i].name, charts[i].name);
	putchar('\n');
	return failed ? 1 : 0; /* a failed write to stdout is said by cli_main */
}
