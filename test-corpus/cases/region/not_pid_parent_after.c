/* `if (!pid)` with the parent's bookkeeping after the block. */
#include <unistd.h>

static int nchildren;

int spawn_counted(const char *prog)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (!pid) { // in-child
		execl(prog, prog, (char *)0); // in-child
		_exit(127); // in-child
	}
	if (pid > 0) // not-child
		nchildren++; // not-child; ok: vfork-shared-write
	return pid; // not-child
}
