/* The site sits in an inner block with its own `pid`; the outer variable of
 * the same name is not the result. */
#include <unistd.h>

int spawn_shadow(char *const argv[], int background)
{
	int pid = 0;

	if (background) {
		pid_t pid = vfork(); // site: vfork; child: exec+_exit

		if (pid == 0) { // in-child
			setsid(); // in-child
			execvp(argv[0], argv); // in-child
			_exit(127); // in-child
		}
		if (pid < 0) // not-child
			return -1; // not-child
	}
	return pid; // not-child
}
