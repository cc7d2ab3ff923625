/* `if (pid == 0 && fd >= 0)`: a child with no descriptor fails the second
 * test and is caught by the next `pid == 0` test. */
#include <unistd.h>

pid_t spawn_maybe_redirect(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

	if (pid == 0 && fd >= 0) { // in-child
		dup2(fd, 0); // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	if (pid == 0) // in-child
		_exit(126); // in-child
	if (pid < 0) // not-child
		return -1; // not-child
	close(fd); // not-child
	return pid; // not-child
}
