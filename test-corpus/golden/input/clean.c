/* Golden-test input: a correct vfork child. */
#include <unistd.h>

pid_t spawn_quiet(char *const argv[], int fd)
{
	pid_t pid = vfork();

	if (pid == 0) {
		if (dup2(fd, 1) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
