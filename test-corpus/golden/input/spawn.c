/* Golden-test input: a small spawn helper with three classic mistakes. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int g_children;

pid_t spawn(char *const argv[])
{
	pid_t pid = vfork();

	if (pid == 0) {
		g_children++;
		printf("running %s\n", argv[0]);
		execv(argv[0], argv);
		exit(127);
	}
	return pid;
}
