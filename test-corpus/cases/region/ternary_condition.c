/* A ternary as the whole condition: the child runs the exec block only when
 * its dup2 succeeded; a failed dup2 is handled right after. */
#include <unistd.h>

pid_t spawn_ternary(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

	if (pid == 0 ? dup2(fd, STDIN_FILENO) >= 0 : 0) { // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	if (pid == 0) // in-child
		_exit(126); // in-child
	return pid; // not-child
}
