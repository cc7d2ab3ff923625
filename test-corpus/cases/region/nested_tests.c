/* Nested tests: `pid >= 0` encloses the child block and the parent's code. */
#include <unistd.h>

extern void track(pid_t pid);

int spawn_nested(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid >= 0) { // in-child
		if (pid == 0) { // in-child
			execvp(argv[0], argv); // in-child
			_exit(127); // in-child
		}
		track(pid); // not-child
		return 0; // not-child
	}
	return -1; // not-child
}
