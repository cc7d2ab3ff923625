/* The helpers' bodies, in another file than their vfork callers. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "util.h"

void exec_or_die(char *const argv[])
{
	execvp(argv[0], argv);
	_exit(127);
}

void report_failure(const char *what)
{
	fprintf(stderr, "supervise: %s\n", what);
	exit(1);
}
