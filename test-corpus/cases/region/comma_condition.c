/* The assignment and the test joined by the comma operator. */
#include <unistd.h>

int spawn_comma(char *const argv[], int *out)
{
	pid_t pid;

	if (pid = vfork(), pid == 0) { // site: vfork; child: exec+_exit
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	if (*out = pid, pid < 0) // not-child
		return -1; // not-child
	return 0; // not-child
}
