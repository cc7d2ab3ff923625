/* fix-rule: fork-child-exit
 * The child reports with stdio, so it stays a fork() child; only exit() after
 * the failed exec becomes _exit(), so the parent's buffered output is not
 * written twice. Unicode in a comment: naïve café. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

pid_t run_hook(char **argv)
{
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "hook %s: cannot run\n", argv[0]);
		exit(127);
	}
	return pid;
}
