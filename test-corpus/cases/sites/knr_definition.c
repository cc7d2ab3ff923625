/* Old-style (K&R) definitions are still found in BSD userland tools. */
#include <unistd.h>

int
runprog(path, argv, fd)
	char *path;
	char **argv;
	int fd;
{
	int pid;

	if ((pid = vfork()) == 0) { // site: vfork; child: exec+_exit
		if (fd >= 0) { // in-child
			dup2(fd, 1); // in-child; ok: vfork-unsafe-call
			close(fd); // in-child
		}
		execv(path, argv); // in-child
		_exit(1); // in-child; ok: vfork-exit
	}
	return (pid); // not-child; ok: vfork-return
}
