/* cli.h: the face of supsim: argv, messages, exit codes (0 ok, 1 failure
 * while running, 2 bad usage or bad input).  The only module that prints to
 * the user or decides the exit status. */
#ifndef SUPSIM_CLI_H
#define SUPSIM_CLI_H

int cli_main(int argc, char **argv);

#endif
