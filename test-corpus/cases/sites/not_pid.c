/* A tiny toolbox applet runner: `if (!pid)` marks the child. */
#include <unistd.h>

static int spawn_applet(const char *bin, char *const argv[], int nullfd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (!pid) {
		dup2(nullfd, 0); // in-child; ok: vfork-unsafe-call
		dup2(nullfd, 1); // in-child
		dup2(nullfd, 2); // in-child
		execv(bin, argv); // in-child
		_exit(127); // in-child; ok: vfork-exit, vfork-no-exit
	}
	if (pid < 0) // not-child
		return -1; // not-child
	return (int)pid; // not-child; ok: vfork-return
}
