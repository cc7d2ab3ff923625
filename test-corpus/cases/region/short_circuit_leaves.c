/* BUG: `if (pid == 0 && setup_ok)`: a child whose setup failed skips the
 * block and runs the parent's code. */
#include <unistd.h>

extern int setup_ok;

int spawn_if_ready(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code

	if (pid == 0 && setup_ok) { // in-child; expect: vfork-no-exit
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	close(fd);
	return pid;
}
