/* The vfork happens only when a helper is wanted; otherwise pid keeps its
 * -1 sentinel, so the `pid == 0` block is still the child's alone. */
#include <unistd.h>

extern int want_helper;

int maybe_spawn(char *const argv[])
{
	pid_t pid = -1;

	if (want_helper)
		pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) { // in-child; ok: vfork-no-exit
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child; ok: vfork-return
}
