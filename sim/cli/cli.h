/* cli.h: the face of supsim: argv, messages, exit codes (0 ok, 1 failure
 * while running, 2 bad usage or input).  The files of sim/cli/ -- cli.c's
 * verb table, one file per verb, the loader load.c and simulate.c -- are
 * the only ones that print to the user (stdout, stderr) or decide the exit
 * status.  Code below them returns errors in struct err (err.h) and writes
 * only where the cli tells it: the results folder, or the FILE * it is
 * handed (describe_model). */
#ifndef SUPSIM_CLI_H
#define SUPSIM_CLI_H

int cli_main(int argc, char **argv);

#endif
