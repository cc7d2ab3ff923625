/* `if (!(pid = vfork()))` for the child, then `if ((pid = vfork()))`
 * for a second helper whose parent branch comes first. */
#include <unistd.h>

int spawn_pair(char *const a[], char *const b[])
{
	pid_t pid;

	if (!(pid = vfork())) { // site: vfork; child: exec+_exit
		execvp(a[0], a); // in-child
		_exit(127); // in-child
	}
	if (pid < 0) // not-child
		return -1; // not-child
	if ((pid = vfork())) { // site: vfork; child: exec+_exit
		return pid < 0 ? -1 : 0; // not-child
	} else {
		execvp(b[0], b); // in-child
		_exit(127); // in-child
	}
}
