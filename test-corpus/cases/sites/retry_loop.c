/* A spawn helper in the style of small init systems: retry vfork while the
 * process table is full, then exec the service. */
#include <errno.h>
#include <unistd.h>

int start_service(char *const argv[])
{
	pid_t pid;

	while ((pid = vfork()) < 0) { // site: vfork; child: exec+_exit
		if (errno != EAGAIN) // not-child
			return -1; // not-child
		sleep(1); // not-child
	}
	if (pid == 0) {
		setsid(); // in-child; ok: vfork-unsafe-call
		execv(argv[0], argv); // in-child
		_exit(127); // in-child; ok: vfork-exit
	}
	return pid; // not-child; ok: vfork-return
}
