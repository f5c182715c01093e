/* cli.c: the entry of supsim's face (SPEC §3): the usage text, the verb
 * table (each verb's help and the file that does it: check.c, run.c,
 * compare.c, staff.c, overtime.c (require, schedule), plot.c), argv parsed
 * with getopt_long, and the check that stdout got everything.  The verbs
 * load (load.c), print their results and messages, and pick the exit
 * status. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "cli/verbs.h"

#ifndef SUPSIM_VERSION
#define SUPSIM_VERSION "0.1.0"
#endif
#define STR_(x) #x
#define STR(x) STR_(x) /* a number macro as text */

enum { OPT_SET = 256, OPT_TRACE, OPT_FROM, OPT_TO, OPT_HELP, OPT_STRICT, OPT_BY };

static const char usage_text[] =
	"usage: supsim COMMAND [ARGS]\n"
	"\n"
	"A discrete-event simulator for support-desk capacity planning.\n"
	"\n"
	"commands:\n"
	"  run SCENARIO.ini      simulate every policy; write summary.csv and more\n"
	"  compare SCENARIO.ini  every policy side by side, paired differences with CIs\n"
	"  staff SCENARIO.ini    cheapest agents per team that meet the [staff] goals\n"
	"  require SCENARIO.ini  hourly heads per team that meet the goals hour by hour\n"
	"  schedule SCENARIO.ini shift patterns covering those hours at least cost\n"
	"  plot DIR              PNG/SVG charts of a results folder, through gnuplot\n"
	"  check SCENARIO.ini    validate and print the resolved model, run nothing\n"
	"\n"
	"  supsim COMMAND --help   options of one command\n"
	"  supsim --version        the version\n"
	"\n"
	"Exit status: 0 success, 1 a failure while running, 2 bad usage or input.\n"
	"Docs: docs/scenario.md (scenario files), docs/results.md (result files),\n"
	"the manual page man/supsim.1 (man -l man/supsim.1).\n";

static const char run_opts_text[] =
	"  -o, --output DIR      results folder (default output/<scenario name>/)\n"
	"  -r, --reps N          replications (overrides [scenario] replications)\n"
	"  -s, --seed N          seed (overrides [scenario] seed)\n"
	"  -j, --threads N       replications run in parallel (default: online CPUs)\n"
	"      --set S.K=V       override a scenario key (repeatable):\n"
	"                        team.americas.agents=55, scenario.duration=30d\n"
	"      --from DATE       count only tickets arriving on or after DATE (UTC)\n"
	"      --to DATE         ... and on or before DATE (inclusive)\n"
	"      --trace           also write tickets.csv, one row per ticket\n"
	"      --strict          a warning about the scenario is an error (exit 2)\n"
	"  -q, --quiet           no progress line, no table on stdout\n"
	"  -h, --help            this help\n";

/* The verb table: name, help, and the function that does the verb. */
static const struct verb_help {
	const char *name, *synopsis, *what;
	bool run_opts;
	int (*fn)(cli_opts *o);
	bool folder; /* its one argument is a results folder (plot), no options */
} verb_help[] = {
	{ "run", "supsim run SCENARIO.ini [OPTIONS]",
	  "Simulate every policy of the scenario over its replications and write\n"
	  "summary.csv, timeseries.csv and teams.csv (and tickets.csv with --trace)\n"
	  "into the results folder, replaced whole in one atomic step.\n",
	  true, cmd_run, false },
	{ "compare", "supsim compare SCENARIO.ini [OPTIONS]",
	  "Run every policy on the same random tickets (common random numbers) and\n"
	  "write, besides what run writes, compare.csv: per policy, tier and priority\n"
	  "the attainment and its difference to the first policy, with a paired 95%\n"
	  "interval across replications.  Prints the differences per priority.\n",
	  true, cmd_compare, false },
	{ "staff", "supsim staff SCENARIO.ini [OPTIONS]",
	  "Find, for every policy, the cheapest agents per team (team.cost per\n"
	  "agent-hour) that meet every [staff] goal with confidence (its interval\n"
	  "clears it; replications are added until each decision is clear), by\n"
	  "simulation on the same tickets.  A goal no head count can reach stops the\n"
	  "search at once, with the reason.  On a terminal, each staffing tried is\n"
	  "shown on stderr (-q: silent).  Writes staff.csv, staff_goals.csv and what\n"
	  "run writes for the staffing found.  With --by week (or day), a plan period\n"
	  "by period instead: staff_plan.csv and roster-TEAM.csv files.  See\n"
	  "docs/staff.md.\n",
	  true, cmd_staff, false },
	{ "require", "supsim require SCENARIO.ini [OPTIONS]",
	  "Hourly requirements: for every policy and every [staff] team (teams with\n"
	  "the same skills sized together), the heads needed hour by hour so that each\n"
	  "hour's arrivals meet the [staff] goal, by the iterative staffing algorithm\n"
	  "started from the hourly Erlang C/A answer.  Writes requirements.csv,\n"
	  "roster-TEAM.csv files that run accepts, and run's files for the requirements.\n"
	  "See docs/staff.md.\n",
	  true, cmd_require, false },
	{ "schedule", "supsim schedule SCENARIO.ini [OPTIONS]",
	  "Shift schedules: from the hourly requirements (as require finds them), how\n"
	  "many agents work each shift pattern of the [shifts TEAM] sections so that\n"
	  "every hour is covered at least cost (an integer program, GLPK), then\n"
	  "simulated, adding the cheapest shift over the worst hours while a goal is\n"
	  "missed.  Writes schedule.csv, coverage.csv, requirements.csv, roster-TEAM.csv\n"
	  "files and run's files for the schedule.  See docs/staff.md.\n",
	  true, cmd_schedule, false },
	{ "plot", "supsim plot DIR",
	  "Draw PNG and SVG charts of the CSV files in a results folder with gnuplot\n"
	  "(which must be installed), and an index.html that shows them.\n",
	  false, cmd_plot, true },
	{ "check", "supsim check SCENARIO.ini [--set S.K=V]...",
	  "Validate the scenario and print the model supsim resolved from it:\n"
	  "segments with their mean and peak arrival rates, teams with their hours\n"
	  "in UTC, entitlements per policy, and offered load against capacity per\n"
	  "channel.  Runs nothing.  Exit 2 with FILE:LINE: message on a mistake.\n",
	  false, cmd_check, false },
};
#define NVERBS (sizeof(verb_help) / sizeof(verb_help[0]))

static int usage_error(const char *verb, const char *fmt, const char *arg)
{
	fprintf(stderr, "supsim%s%s: ", verb ? " " : "", verb ? verb : "");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'supsim %s%s--help'.\n", verb ? verb : "", verb ? " " : "");
	return EXIT_USAGE;
}

static void print_verb_help(const struct verb_help *v)
{
	printf("usage: %s\n\n%s", v->synopsis, v->what);
	if (v->run_opts)
		printf("\noptions:\n%s", run_opts_text);
	else if (!strcmp(v->name, "check"))
		printf("\noptions:\n      --set S.K=V       override a scenario key (repeatable)\n"
		       "      --strict          a warning about the scenario is an error (exit 2)\n"
		       "  -h, --help            this help\n");
	else
		printf("\noptions:\n  -h, --help            this help\n");
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Options shared by run, compare, staff and check; the verb decides which
 * it accepts (check takes only --set). */
static int parse_opts(const char *verb, int argc, char **argv, cli_opts *o)
{
	static const struct option lopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "reps", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 'j' },
		{ "set", required_argument, NULL, OPT_SET },
		{ "trace", no_argument, NULL, OPT_TRACE },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "by", required_argument, NULL, OPT_BY },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool check = !strcmp(verb, "check");
	int c, li = -1;
	long v;
	char name[32];

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:r:s:j:qh", lopts, &li)) != -1) {
		if (check && c != OPT_SET && c != OPT_STRICT && c != 'h' && c != '?' && c != ':') {
			if (c < 256)
				snprintf(name, sizeof(name), "-%c", c);
			else
				snprintf(name, sizeof(name), "--%s", li >= 0 ? lopts[li].name : "?");
			return usage_error(verb, "option '%s' does not apply to check", name);
		}
		li = -1;
		switch (c) {
		case 'h':
			o->help = true;
			return 0;
		case 'o':
			if (!*optarg)
				return usage_error(verb, "%s", "-o wants a folder, not an empty name");
			o->outdir = optarg;
			break;
		case 'r':
			if (parse_long(optarg, 1, SIM_MAX_REPS, &v))
				return usage_error(verb, "-r wants a whole number from 1 to "
						   STR(SIM_MAX_REPS) ", not '%s'", optarg);
			o->reps = (int)v;
			break;
		case 's':
			if (parse_long(optarg, 0, LONG_MAX, &v))
				return usage_error(verb, "-s wants a whole number >= 0, not '%s'", optarg);
			o->seed = (uint64_t)v;
			o->seed_set = true;
			break;
		case 'j':
			if (parse_long(optarg, 1, 1024, &v))
				return usage_error(verb, "-j wants a whole number from 1 to 1024, not '%s'", optarg);
			o->threads = (int)v;
			break;
		case OPT_SET:
			if (o->nsets == CLI_MAX_SETS)
				return usage_error(verb, "too many --set options (at most %s)", "256");
			o->sets[o->nsets++] = optarg;
			break;
		case OPT_TRACE:
			o->trace = true;
			break;
		case OPT_STRICT:
			o->strict = true;
			break;
		case OPT_FROM:
			o->from = optarg;
			break;
		case OPT_TO:
			o->to = optarg;
			break;
		case OPT_BY:
			if (strcmp(verb, "staff"))
				return usage_error(verb, "%s", "--by applies to staff only");
			if (strcmp(optarg, "week") && strcmp(optarg, "day"))
				return usage_error(verb, "--by wants week or day, not '%s'", optarg);
			o->by = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case ':':
			return usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error(verb, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error(verb, "%s", "missing SCENARIO.ini");
	if (optind + 1 < argc)
		return usage_error(verb, "unexpected argument '%s'", argv[optind + 1]);
	o->scenario = argv[optind];
	return 0;
}

static int dispatch(const char *verb, int argc, char **argv)
{
	const struct verb_help *v = NULL;
	cli_opts o = { 0 };

	for (size_t i = 0; i < NVERBS; i++)
		if (!strcmp(verb, verb_help[i].name))
			v = &verb_help[i];
	if (!v)
		return usage_error(NULL, "unknown command '%s'", verb);
	if (v->folder) {
		if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			print_verb_help(v);
			return EXIT_OK;
		}
		if (argc != 2)
			return usage_error(verb, "%s", "wants exactly one results folder");
		o.verb = verb;
		o.dir = argv[1];
		return v->fn(&o);
	}
	o.verb = verb;
	int rc = parse_opts(verb, argc, argv, &o);
	if (rc)
		return rc;
	if (o.help) {
		print_verb_help(v);
		return EXIT_OK;
	}
	return v->fn(&o);
}

/* Whatever the verb, what went to stdout must have arrived: a write error
 * (a full disk, a closed stdout) is a failure, said on stderr. */
static int stdout_done(int rc)
{
	int bad = fflush(stdout) == EOF;
	int saved = errno;

	if (!bad && !ferror(stdout))
		return rc;
	fprintf(stderr, "supsim: writing to stdout: %s\n", bad ? strerror(saved) :
		"write error");
	return rc ? rc : EXIT_RUN;
}

static int cli_verb(int argc, char **argv);

int cli_main(int argc, char **argv)
{
	/* GSL's default handler aborts; the library checks return values and
	 * reports its own errors instead. */
	gsl_set_error_handler_off();
	/* beyond a file size limit (ulimit -f) a write fails with EFBIG, said
	 * and cleaned up like any write error, rather than killing supsim */
	signal(SIGXFSZ, SIG_IGN);
	return stdout_done(cli_verb(argc, argv));
}

static int cli_verb(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("supsim %s\n", SUPSIM_VERSION);
		return EXIT_OK;
	}
	if (argv[1][0] == '-')
		return usage_error(NULL, "unknown option '%s'", argv[1]);
	return dispatch(argv[1], argc - 1, argv + 1);
}
