/* Retry vfork while fork resources are short: the site sits inside an
 * endless for loop that the parent leaves with break. */
#include <errno.h>
#include <time.h>
#include <unistd.h>

pid_t spawn_retry(char *const argv[])
{
	struct timespec backoff = { 0, 50000000 };
	pid_t pid;
	int tries = 0;

	for (;;) {
		pid = vfork(); // site: vfork; child: exec+_exit
		if (pid >= 0) // in-child
			break;
		if (errno != EAGAIN || ++tries > 8) // not-child
			return -1; // not-child
		nanosleep(&backoff, NULL); // not-child
	}
	if (pid == 0) { // in-child
		execvp(argv[0], argv); // in-child; ok: vfork-unsafe-call
		_exit(127); // in-child
	}
	return pid; // not-child; ok: vfork-return
}
