/* cli.c: placeholder until the verbs land (replaced in this same series). */
#include <stdio.h>

#include "cli.h"

int cli_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "supsim: not built yet\n");
	return 1;
}
