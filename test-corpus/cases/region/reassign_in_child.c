/* The child reuses the result variable for setsid(): after that store,
 * `pid < 0` is a test of setsid's result, not of vfork's, so the _exit(126)
 * path is reachable in the child. */
#include <unistd.h>

pid_t spawn_session(char *const argv[])
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit, _exit
	if (pid == 0) { // in-child
		pid = setsid(); // in-child; ok: vfork-shared-write
		if (pid < 0) // in-child
			_exit(126); // in-child
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
