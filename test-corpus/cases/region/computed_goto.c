/* A threaded-code style dispatcher in the child: `goto *` picks the setup
 * step. The analysis does not follow computed gotos, so the summary says
 * `unknown` next to the exec+_exit endings. */
#include <unistd.h>

int spawn_mode(char *const argv[], int mode, int fd)
{
	static void *const steps[] = { &&plain, &&redirect };
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit, unknown
	if (pid == 0) { // in-child
		goto *steps[mode != 0]; // in-child
redirect:
		dup2(fd, 1); // in-child
plain:
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid < 0 ? -1 : 0; // not-child
}
