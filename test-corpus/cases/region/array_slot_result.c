/* A two-stage pipeline keeps its pids in `pids[0]`/`pids[1]`; each test on
 * a slot refines only that slot's site. */
#include <unistd.h>

int start_stages(char *const a[], char *const b[], int fd)
{
	pid_t pids[2];

	pids[0] = vfork(); // site: vfork; child: exec+_exit
	if (pids[0] == 0) { // in-child
		dup2(fd, 1); // in-child
		execvp(a[0], a); // in-child
		_exit(127); // in-child
	}
	pids[1] = vfork(); // site: vfork; child: exec+_exit
	if (pids[1] == 0) { // in-child
		dup2(fd, 0); // in-child
		execvp(b[0], b); // in-child
		_exit(127); // in-child
	}
	close(fd); // not-child
	return pids[0] > 0 && pids[1] > 0 ? 0 : -1; // not-child
}
