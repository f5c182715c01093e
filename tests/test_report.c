/* test_report.c: the atomic results folder (new, replaced, refused, aborted,
 * stale leftovers, write errors naming their file) and the CSV files written
 * from hand-filled tallies: summary.csv byte for byte, timeseries.csv,
 * teams.csv, tickets.csv joined in (policy, replication) order. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "engine/tally.h"
#include "results/report.h"

static char root[128];

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/supsim-test-report-%ld", (long)getpid());
	return mkdir(root, 0777);
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd);
}

/* The whole content of a file (malloc'ed), or NULL. */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, n + 1);
	if (buf && fread(buf, 1, n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

static int exists(const char *path)
{
	struct stat st;
	return !lstat(path, &st);
}

static void write_one(report *r, const char *name, const char *text)
{
	static const char *const head[] = { "a", "b" };
	const char *row[] = { text, "x" };
	err e;
	report_csv *f = report_csv_open(r, name, head, 2, &e);
	assert_non_null(f);
	assert_int_equal(report_csv_row(f, row, 2, &e), 0);
	assert_int_equal(report_csv_close(f, &e), 0);
}

static void folder_new_and_replaced(void **state)
{
	char dir[300], path[400];
	err e;
	(void)state;
	snprintf(dir, sizeof(dir), "%s/deep/er/res", root);
	report *r = report_begin(dir, &e);
	assert_non_null(r);
	write_one(r, "one.csv", "has,comma \"q\"");
	assert_false(exists(dir));
	assert_int_equal(report_commit(r, &e), 0);
	snprintf(path, sizeof(path), "%s/one.csv", dir);
	char *got = slurp(path);
	assert_string_equal(got, "a,b\n\"has,comma \"\"q\"\"\",x\n");
	free(got);
	snprintf(path, sizeof(path), "%s/%s", dir, REPORT_MARKER);
	assert_true(exists(path));

	/* replaced whole: the old file goes, the new one comes */
	r = report_begin(dir, &e);
	assert_non_null(r);
	write_one(r, "two.csv", "2");
	snprintf(path, sizeof(path), "%s/one.csv", dir);
	assert_true(exists(path)); /* untouched until commit */
	assert_int_equal(report_commit(r, &e), 0);
	assert_false(exists(path));
	snprintf(path, sizeof(path), "%s/two.csv", dir);
	assert_true(exists(path));
	snprintf(path, sizeof(path), "ls -a '%s/deep/er' | grep -q tmp", root);
	assert_int_not_equal(system(path), 0); /* no temporary left */

	/* aborted: the results stay as they were */
	r = report_begin(dir, &e);
	assert_non_null(r);
	write_one(r, "three.csv", "3");
	report_abort(r);
	snprintf(path, sizeof(path), "%s/two.csv", dir);
	assert_true(exists(path));
	snprintf(path, sizeof(path), "%s/three.csv", dir);
	assert_false(exists(path));
}

static void folder_refused(void **state)
{
	char dir[200], file[240], sub[280], buf[1200];
	err e;
	(void)state;
	/* a folder with other things in it is never replaced */
	snprintf(dir, sizeof(dir), "%s/precious", root);
	assert_int_equal(mkdir(dir, 0777), 0);
	snprintf(file, sizeof(file), "%s/thesis.tex", dir);
	FILE *fp = fopen(file, "w");
	assert_non_null(fp);
	assert_int_equal(fclose(fp), 0);
	assert_null(report_begin(dir, &e));
	err_format(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "not a supsim results folder"));
	assert_true(exists(file));
	/* an empty folder is fine */
	snprintf(dir, sizeof(dir), "%s/empty", root);
	assert_int_equal(mkdir(dir, 0777), 0);
	report *r = report_begin(dir, &e);
	assert_non_null(r);
	assert_int_equal(report_commit(r, &e), 0);
	/* below a regular file: "PATH: Not a directory" */
	snprintf(sub, sizeof(sub), "%s/sub/res", file);
	assert_null(report_begin(sub, &e));
	err_format(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Not a directory"));
	assert_non_null(strstr(buf, file));
	/* a regular file in the way of the folder itself */
	assert_null(report_begin(file, &e));
	err_format(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Not a directory"));
}

/* A folder named path with a file x.csv in it; with_marker: and the marker. */
static void leftover(const char *path, int with_marker)
{
	char inner[400];
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(inner, sizeof(inner), "%s/x.csv", path);
	FILE *fp = fopen(inner, "w");
	assert_non_null(fp);
	assert_int_equal(fclose(fp), 0);
	if (with_marker) {
		snprintf(inner, sizeof(inner), "%s/%s", path, REPORT_MARKER);
		fp = fopen(inner, "w");
		assert_non_null(fp);
		assert_int_equal(fputs(REPORT_MARKER_TEXT, fp) == EOF, 0);
		assert_int_equal(fclose(fp), 0);
	}
}

/* Leftovers: a dead run's (marker not locked) go; a live run's stay, also
 * one whose PID is not running here (another PID namespace: its marker is
 * locked); one without a marker goes only when its PID is dead and it is
 * older than a minute. */
static void folder_stale(void **state)
{
	char dir[300], stale[300], live[300], other_ns[300], fresh[300], aged[300], lock[400];
	err e;
	pid_t dead = 0;
	(void)state;
	for (pid_t p = 4000000; p > 3000000; p -= 7919)
		if (kill(p, 0) && errno == ESRCH) {
			dead = p;
			break;
		}
	assert_true(dead > 0);
	snprintf(dir, sizeof(dir), "%s/st", root);
	snprintf(stale, sizeof(stale), "%s/.st.tmp-%ld-3", root, (long)dead);
	snprintf(live, sizeof(live), "%s/.st.tmp-%ld-0", root, (long)getppid());
	snprintf(other_ns, sizeof(other_ns), "%s/.st.tmp-%ld-4", root, (long)dead);
	snprintf(fresh, sizeof(fresh), "%s/.st.tmp-%ld-5", root, (long)dead);
	snprintf(aged, sizeof(aged), "%s/.st.tmp-%ld-6", root, (long)dead);
	leftover(stale, 1);
	assert_int_equal(mkdir(live, 0777), 0);
	leftover(other_ns, 1);
	leftover(fresh, 0);
	leftover(aged, 0);
	struct timeval old_times[2] = { { time(NULL) - 120, 0 }, { time(NULL) - 120, 0 } };
	assert_int_equal(utimes(aged, old_times), 0);
	snprintf(lock, sizeof(lock), "%s/%s", other_ns, REPORT_MARKER);
	int fd = open(lock, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	report *r = report_begin(dir, &e);
	assert_non_null(r);
	assert_false(exists(stale));
	assert_true(exists(live));
	assert_true(exists(other_ns));
	assert_true(exists(fresh));
	assert_false(exists(aged));
	report_abort(r);
	assert_true(exists(live));
	assert_int_equal(rmdir(live), 0);
	/* the other namespace's run ends: its folder goes with the next run */
	assert_int_equal(close(fd), 0);
	r = report_begin(dir, &e);
	assert_non_null(r);
	assert_false(exists(other_ns));
	report_abort(r);
}

/* An .old- folder of a dead run (killed while DIR was moved aside) is put
 * back in DIR's place when DIR is missing, and removed when DIR is there. */
static void folder_old_restored(void **state)
{
	char dir[300], old[300], path[400];
	err e;
	(void)state;
	snprintf(dir, sizeof(dir), "%s/od", root);
	snprintf(old, sizeof(old), "%s/.od.old-%d-0", root, 4000001);
	leftover(old, 1);
	report *r = report_begin(dir, &e);
	assert_non_null(r);
	assert_false(exists(old));
	snprintf(path, sizeof(path), "%s/x.csv", dir);
	assert_true(exists(path));
	report_abort(r);
	assert_true(exists(path)); /* DIR is the old results again */
	leftover(old, 1);
	r = report_begin(dir, &e);
	assert_non_null(r);
	assert_false(exists(old));
	report_abort(r);
	assert_true(exists(path));
}

/* Only a regular file holding exactly the marker line makes a folder
 * replaceable: not a .supsim folder, nor a link, nor other content. */
static void folder_marker_exact(void **state)
{
	char dir[300], path[400], buf[1200];
	err e;
	static const char *const kinds[] = { "dir", "dangling", "link", "other", "longer" };
	(void)state;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		snprintf(dir, sizeof(dir), "%s/home-%s", root, kinds[k]);
		assert_int_equal(mkdir(dir, 0777), 0);
		snprintf(path, sizeof(path), "%s/%s", dir, REPORT_MARKER);
		if (k == 0) {
			assert_int_equal(mkdir(path, 0777), 0);
		} else if (k == 1) {
			assert_int_equal(symlink("/nonexistent", path), 0);
		} else if (k == 2) {
			char target[400];
			snprintf(target, sizeof(target), "%s/real-marker", root);
			FILE *fp = fopen(target, "w");
			assert_non_null(fp);
			fputs(REPORT_MARKER_TEXT, fp);
			assert_int_equal(fclose(fp), 0);
			assert_int_equal(symlink(target, path), 0);
		} else {
			FILE *fp = fopen(path, "w");
			assert_non_null(fp);
			fputs(k == 3 ? "my settings\n" : REPORT_MARKER_TEXT "x", fp);
			assert_int_equal(fclose(fp), 0);
		}
		snprintf(path, sizeof(path), "%s/thesis.tex", dir);
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		assert_int_equal(fclose(fp), 0);
		assert_null(report_begin(dir, &e));
		err_format(&e, buf, sizeof(buf));
		assert_non_null(strstr(buf, "not a supsim results folder"));
		assert_true(exists(path));
	}
}

/* With the file size limit at 64 KiB (SIGXFSZ ignored), a write fails with
 * EFBIG and the error names the file; the results folder stays absent. */
static void write_error(void **state)
{
	char dir[300], buf[1200], big[4096];
	struct rlimit old, lim;
	err e;
	static const char *const head[] = { "x" };
	const char *row[] = { big };
	(void)state;
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	snprintf(dir, sizeof(dir), "%s/efbig", root);
	report *r = report_begin(dir, &e);
	assert_non_null(r);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 65536;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	report_csv *f = report_csv_open(r, "big.csv", head, 1, &e);
	assert_non_null(f);
	int rc = 0;
	for (int i = 0; i < 100 && !rc; i++)
		rc = report_csv_row(f, row, 1, &e);
	if (!rc)
		rc = report_csv_close(f, &e);
	else
		report_csv_close(f, NULL);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(rc, -1);
	err_format(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "big.csv: File too large"));
	report_abort(r);
	assert_false(exists(dir));
}

static void numbers(void **state)
{
	char b[REPORT_NUM_MAX];
	(void)state;
	assert_string_equal(report_fmt_share(b, 0.123456789), "0.123457");
	assert_string_equal(report_fmt_share(b, NAN), "");
	assert_string_equal(report_fmt_seconds(b, 7.83593701177724), "7.836");
	assert_string_equal(report_fmt_count(b, 1234.5), "1234.5");
	assert_string_equal(report_fmt_count(b, 12), "12");
	assert_string_equal(report_fmt_time(b, 1583107200), "2020-03-02T00:00:00Z");
}

/* A model with 2 tiers x 2 priorities, web and phone, two policies of one
 * team each; tallies filled by hand. */
static void build_model(model *m)
{
	memset(m, 0, sizeof(*m));
	m->start_unix = 1583107200; /* 2020-03-02T00:00Z */
	m->horizon_s = 3 * 3600;
	m->warmup_s = 3600;
	m->nprio = 2;
	strcpy(m->prio_name[0], "P1");
	strcpy(m->prio_name[1], "P2");
	m->ntiers = 2;
	m->tier_name = calloc(2, sizeof(*m->tier_name));
	assert_non_null(m->tier_name);
	strcpy(m->tier_name[0], "Pro");
	strcpy(m->tier_name[1], "Big, Inc");
	m->channel[CH_WEB].used = true;
	m->channel[CH_PHONE].used = true;
	m->channel[CH_SELF].used = true;
	m->npolicies = 2;
	m->policy = calloc(2, sizeof(*m->policy));
	assert_non_null(m->policy);
	for (int p = 0; p < 2; p++) {
		strcpy(m->policy[p].name, p ? "b" : "a");
		m->policy[p].nteams = 1;
		m->policy[p].teams = calloc(1, sizeof(team_model));
		assert_non_null(m->policy[p].teams);
		strcpy(m->policy[p].teams[0].name, "desk");
		m->policy[p].teams[0].agents = 5 + p;
	}
}

static void put(tally *t, int tier, int prio, int ch, int met, int missed, double wait)
{
	size_t c = tally_cell(t, tier, prio, ch);
	t->arrived[c] += met + missed;
	t->met[c] += met;
	t->missed[c] += missed;
	t->answered[c] += met + missed;
	t->wait_sum_s[c] += wait * (met + missed);
	t->hist[c * TALLY_HIST_BUCKETS + tally_hist_bucket(wait)] += met + missed;
}

static void summary_file(void **state)
{
	model m;
	tally t[4]; /* 2 policies x 2 reps */
	char dir[300], path[400];
	err e;
	(void)state;
	build_model(&m);
	for (int i = 0; i < 4; i++)
		assert_int_equal(tally_init(&t[i], &m, i / 2), 0);
	/* policy a: rep 1: Pro P1 web 3 met 1 missed (wait 0.5 s);
	 * rep 2: Pro P1 web 1 met 1 missed, one deflected (self). */
	put(&t[0], 0, 0, CH_WEB, 3, 1, 0.5);
	put(&t[1], 0, 0, CH_WEB, 1, 1, 0.5);
	size_t cs = tally_cell(&t[1], 0, 0, CH_SELF);
	t[1].arrived[cs] = 1;
	t[1].deflected[cs] = 1;
	/* policy b: nothing but one abandoned phone call of "Big, Inc" P2 */
	size_t cp = tally_cell(&t[2], 1, 1, CH_PHONE);
	t[2].arrived[cp] = 1;
	t[2].abandoned[cp] = 1;
	snprintf(dir, sizeof(dir), "%s/sum", root);
	report *r = report_begin(dir, &e);
	assert_non_null(r);
	assert_int_equal(report_summary(r, &m, t, 2, &e), 0);
	assert_int_equal(report_commit(r, &e), 0);
	snprintf(path, sizeof(path), "%s/summary.csv", dir);
	char *got = slurp(path);
	assert_non_null(got);
	const char *head = "policy,tier,priority,channel,arrived,deflected,abandoned,met,"
		"missed,censored,attainment,attainment_ci95,wait_mean_s,wait_p50_s,"
		"wait_p90_s,wait_p99_s,answered,abandon_share,attainment_reps,"
		"abandoned_in_target,deflected_share,goal\n";
	assert_memory_equal(got, head, strlen(head));
	/* mean of 3/4 and 1/2, half-width t(0.975,1) * 0.125 */
	/* waits under 1 s: quantiles 0 (within 1 s, docs/results.md) */
	const char *all = "a,all,all,all,3.5,0.5,0,2,1,0,0.625,1.58828,0.500,0.000,"
		"0.000,0.000,3,0,2,0,0.142857,\n";
	assert_non_null(strstr(got, all));
	assert_non_null(strstr(got, "a,Pro,P1,web,3,0,0,2,1,0,0.625,1.58828,0.500,"));
	assert_non_null(strstr(got, "a,Pro,P1,selfservice,0.5,0.5,0,0,0,0,,,,,,,0,,0,0,1,\n"));
	/* aggregate rows exist without arrivals; plain rows do not */
	assert_non_null(strstr(got, "a,all,all,phone,0,0,0,0,0,0,,,,,,,0,,0,0,,\n"));
	assert_null(strstr(got, "a,Pro,P2,web,"));
	assert_null(strstr(got, ",chat,"));
	/* after-target (the default): left after the target (0 s into a
	 * zero target) is missed, so replication 1's attainment is 0 */
	assert_non_null(strstr(got, "b,\"Big, Inc\",P2,phone,0.5,0,0.5,0,0,0,0,,,,,,0,1,1,0,0,\n"));
	/* all first: the first row of each policy is its total */
	assert_memory_equal(got + strlen(head), all, strlen(all));
	/* 3 x 3 x 5 patterns per policy, less the 2 x 2 x 4 plain ones and
	 * the 5 aggregates of the unused chat, plus the 3 plain rows with
	 * arrivals */
	int rows = 0;
	for (const char *s = got; (s = strchr(s, '\n')); s++)
		rows++;
	assert_int_equal(rows, 1 + 2 * (3 * 3 * 5 - 4 * 4 - 5) + 3);
	free(got);
	for (int i = 0; i < 4; i++)
		tally_fini(&t[i]);
	model_fini(&m);
}

static void series_teams_tickets(void **state)
{
	model m;
	tally t[4];
	char dir[300], path[400];
	err e;
	(void)state;
	build_model(&m);
	m.nsegments = 1;
	m.segment = calloc(1, sizeof(*m.segment));
	assert_non_null(m.segment);
	strcpy(m.segment[0].name, "pros");
	m.segment[0].tier = 0;
	m.segment[0].role = ROLE_USER;
	for (int i = 0; i < 4; i++) {
		assert_int_equal(tally_init(&t[i], &m, i / 2), 0);
		assert_int_equal(t[i].nhours, 2);
		t[i].h_arrived[0] = 10 + i;
		t[i].h_onshift[0] = 5; /* time-averaged heads */
		t[i].h_busy[0] = i + 1;
		t[i].h_met[0] = 1;
		t[i].h_missed[0] = i % 2;
		t[i].busy_s[0] = 3600 * (i + 1);
		t[i].avail_s[0] = 7200 * 5;
		t[i].overtime_s[0] = 1800;
	}
	snprintf(dir, sizeof(dir), "%s/ts", root);
	report *r = report_begin(dir, &e);
	assert_non_null(r);
	assert_int_equal(report_timeseries(r, &m, t, 2, &e), 0);
	assert_int_equal(report_teams(r, &m, t, 2, &e), 0);
	/* traces of (b, rep 2) written before (a, rep 1): joined in order */
	report_trace *tb = report_trace_open(r, &m, 1, 1, &e);
	report_trace *ta = report_trace_open(r, &m, 0, 0, &e);
	report_trace *tx = report_trace_open(r, &m, 0, 1, &e);
	report_trace *ty = report_trace_open(r, &m, 1, 0, &e);
	assert_true(ta && tb && tx && ty);
	ticket_rec rec = { 0, 7, 1, CH_WEB, CH_WEB, 3600.5, NAN, NAN, -1, OUT_CENSORED, 60 };
	assert_int_equal(report_trace_fn(tb, &rec), 0);
	rec.id = 3;
	rec.response_s = 3700;
	rec.end_s = 3760.25;
	rec.team = 0;
	rec.out = OUT_MET;
	assert_int_equal(report_trace_fn(ta, &rec), 0);
	assert_int_equal(report_trace_close(tb, &e), 0);
	assert_int_equal(report_trace_close(ta, &e), 0);
	assert_int_equal(report_trace_close(tx, &e), 0);
	assert_int_equal(report_trace_close(ty, &e), 0);
	assert_int_equal(report_tickets(r, 2, 2, &e), 0);
	assert_int_equal(report_commit(r, &e), 0);

	snprintf(path, sizeof(path), "%s/timeseries.csv", dir);
	char *got = slurp(path);
	assert_string_equal(got,
		"policy,time,arrived,backlog,agents_on_shift,agents_busy,attainment,met,missed\n"
		"a,2020-03-02T01:00:00Z,10.5,0,5,1.5,0.75,1,0.5\n"
		"a,2020-03-02T02:00:00Z,0,0,0,0,,0,0\n"
		"b,2020-03-02T01:00:00Z,12.5,0,5,3.5,0.75,1,0.5\n"
		"b,2020-03-02T02:00:00Z,0,0,0,0,,0,0\n");
	free(got);
	snprintf(path, sizeof(path), "%s/teams.csv", dir);
	got = slurp(path);
	assert_string_equal(got,
		"policy,team,agents,occupancy,overtime_h,occupancy_ci95,onshift_h,busy_h,"
		"paid_hours\n"
		"a,desk,5,0.15,0.500,0.63531,0.000,1.500,0.500\n"
		"b,desk,6,0.35,0.500,0.63531,0.000,3.500,0.500\n");
	free(got);
	snprintf(path, sizeof(path), "%s/tickets.csv", dir);
	got = slurp(path);
	assert_string_equal(got,
		"policy,rep,id,segment,tier,role,priority,channel,arrival_s,response_s,"
		"end_s,team,outcome,preferred,work_s\n"
		"a,1,3,pros,Pro,user,P2,web,3600.500,3700.000,3760.250,desk,met,web,60.000\n"
		"b,2,7,pros,Pro,user,P2,web,3600.500,,,,censored,web,60.000\n");
	free(got);
	snprintf(path, sizeof(path), "%s/tickets.0.0.part", dir);
	assert_false(exists(path));
	for (int i = 0; i < 4; i++)
		tally_fini(&t[i]);
	model_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers),
		cmocka_unit_test(folder_new_and_replaced),
		cmocka_unit_test(folder_refused),
		cmocka_unit_test(folder_stale),
		cmocka_unit_test(folder_old_restored),
		cmocka_unit_test(folder_marker_exact),
		cmocka_unit_test(write_error),
		cmocka_unit_test(summary_file),
		cmocka_unit_test(series_teams_tickets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
