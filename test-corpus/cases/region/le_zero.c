/* `pid <= 0` groups the failure and the child; a nested test splits them. */
#include <unistd.h>

int spawn_le(char *const argv[], int fd)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid <= 0) { // in-child
		if (pid < 0) // in-child
			return -1; // not-child
		dup2(fd, 0); // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	close(fd); // not-child
	return pid; // not-child
}
