/* fix-rule: fork-to-vfork
 * An scp-style local command runner whose child does only vfork-safe work:
 * the fix swaps fork() for vfork() and exit() after the failed exec for _exit(). */
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int do_local_cmd(char **argv)
{
	pid_t pid;
	int status;

	if ((pid = vfork()) == -1)   /* keep   this comment and spacing */
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(1);
	}
	while (waitpid(pid, &status, 0) == -1)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
