/* Retry loop with a short-circuit condition: retry only on EAGAIN, then
 * sort out failure, child and parent after the loop. */
#include <errno.h>
#include <unistd.h>

pid_t spawn_patient(char *const argv[])
{
	pid_t pid;

	while ((pid = vfork()) < 0 && errno == EAGAIN) // site: vfork; child: exec+_exit
		sleep(1); // not-child
	if (pid < 0) // in-child
		return -1; // not-child
	if (pid == 0) { // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
