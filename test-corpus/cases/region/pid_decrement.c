/* inetd-style: the child marks itself by turning pid into -1 and shares the
 * parent's `if (pid > 0)` test, which it then skips; it goes on to exec. */
#include <unistd.h>

int serve(int fd, char *const argv[], int *children)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid < 0)
		return -1; // not-child
	if (pid == 0)
		pid--; // in-child
	if (pid > 0) { // in-child
		(*children)++; // not-child
		return 0; // not-child
	}
	dup2(fd, 0); // in-child
	execv(argv[0], argv); // in-child
	_exit(127); // in-child
}
