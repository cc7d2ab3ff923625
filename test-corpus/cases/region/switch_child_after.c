/* The switch only filters: `case 0: break;` lets the child out of the
 * switch, while the failure and the parent return from inside it. */
#include <unistd.h>

pid_t spawn_switch_break(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	switch (pid) { // in-child
	case -1:
		return -1; // not-child
	default:
		close(fd); // not-child
		return pid; // not-child
	case 0:
		break;
	}
	dup2(fd, 1); // in-child
	execvp(argv[0], argv); // in-child
	_exit(127); // in-child
}
