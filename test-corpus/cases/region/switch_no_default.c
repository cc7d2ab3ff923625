/* A switch without default: the parent's success case leaves the switch
 * through the implicit default, the child never does. */
#include <unistd.h>

extern void report_failure(void);

int spawn_nodefault(char *const argv[], int fd)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: exec+_exit
	case 0:
		dup2(fd, 1); // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	case -1:
		report_failure(); // not-child
		return -1; // not-child
	}
	close(fd); // not-child
	return pid; // not-child
}
