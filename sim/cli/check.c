/* check.c: `supsim check`: load the scenario, say its warnings, print the
 * resolved model (results/describe), run nothing. */
#include <stdio.h>
#include "cli/verbs.h"
#include "input/scenario.h"
#include "results/describe.h"

int cmd_check(cli_opts *o)
{
	model m;
	err e = { 0 };

	if (scenario_load(o->scenario, o->sets, o->nsets, &m, &e))
		return cli_load_failed(&e);
	if (cli_warnings(o, &m)) {
		model_fini(&m);
		return EXIT_USAGE;
	}
	int rc = describe_model(&m, stdout) ? EXIT_RUN : EXIT_OK;
	model_fini(&m); /* a failed write to stdout is said by cli_main */
	return rc;
}
