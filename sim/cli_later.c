/* cli_later.c: the verbs whose issues have not landed yet answer so
 * plainly, with exit 1 (SPEC §3 lists them; see the issue tracker).
 * `plot` lives in cli_plot.c. */
#include <stdio.h>

#include "verbs.h"

static int later(const char *verb)
{
	fprintf(stderr, "supsim %s: not implemented yet\n", verb);
	return 1;
}

int cmd_staff(cli_opts *o)
{
	(void)o;
	return later("staff");
}
