/* Retry with do/while: the site is in the body, the test in the condition. */
#include <errno.h>
#include <unistd.h>

pid_t spawn_do(char *const argv[])
{
	pid_t pid;

	do {
		pid = vfork(); // site: vfork; child: exec+_exit
	} while (pid < 0 && errno == EAGAIN);
	if (pid == 0) { // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
