/* The child retries the exec while the binary is being replaced (ETXTBSY):
 * a loop inside the child that always ends in exec or _exit. */
#include <errno.h>
#include <unistd.h>

pid_t spawn_busy(const char *path, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) { // in-child
		int tries = 0; // in-child

		while (execv(path, argv) < 0 && errno == ETXTBSY && tries++ < 10) // in-child; ok: vfork-no-exit, vfork-shared-write
			usleep(10000); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
