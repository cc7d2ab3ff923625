/* A fork() the build switches off: no path reaches it, so it is not a site, gets no
 * porting verdict and none of its child's code is checked. */
#include <stdio.h>
#include <unistd.h>

#define USE_FORK 0

int run(char **argv)
{
	pid_t pid;

	if (USE_FORK) {
		pid = fork(); // ok: fork-no-exec, fork-to-vfork
		if (pid == 0) {
			printf("forked\n"); // ok: vfork-stdio
			execvp(argv[0], argv);
			_exit(127);
		}
		return pid;
	}
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}
