/* abort() is async-signal-safe and ends the child at once. */
#include <stdlib.h>
#include <unistd.h>

pid_t spawn_abort(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: abort

	if (pid == 0) { // in-child
		execv(argv[0], argv); // in-child
		abort(); // in-child; ok: vfork-exit, vfork-no-exit
	}
	return pid; // not-child
}
