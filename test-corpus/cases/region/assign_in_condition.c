/* `if ((pid = vfork()) == 0)`: the assignment and the test in one condition. */
#include <unistd.h>

int spawn_inline(char *const argv[], int *child)
{
	pid_t pid;

	if ((pid = vfork()) == 0) { // site: vfork; child: exec+_exit
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	if (pid < 0) // not-child
		return -1; // not-child
	*child = pid; // not-child
	return 0; // not-child
}
