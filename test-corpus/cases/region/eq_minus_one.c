/* `pid == -1` for the failure, `!pid` for the child, Yoda comparisons too. */
#include <errno.h>
#include <unistd.h>

int spawn_yoda(char *const argv[], int *err)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (-1 == pid) { // in-child
		*err = errno; // not-child
		return -1; // not-child
	}
	if (0 == pid) { // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	*err = 0; // not-child
	return pid; // not-child
}
