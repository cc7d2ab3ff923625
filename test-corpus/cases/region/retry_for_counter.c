/* Retry with a bounded counter in a for loop whose condition is the site. */
#include <unistd.h>

pid_t spawn_bounded(char *const argv[])
{
	pid_t pid;
	int tries;

	for (tries = 0; (pid = vfork()) == -1; tries++) { // site: vfork; child: exec+_exit
		if (tries == 5) // not-child
			return -1; // not-child
		usleep(100000); // not-child
	}
	if (!pid) { // in-child
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
