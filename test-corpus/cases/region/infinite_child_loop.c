/* BUG: a "keepalive" child that never execs or exits: the vfork parent
 * stays suspended forever. */
#include <unistd.h>

static const char beat[] = ".";

pid_t start_heartbeat(int fd)
{
	pid_t pid = vfork(); // site: vfork; child: loops forever

	if (pid == 0) { // in-child
		for (;;) { // in-child; expect: vfork-no-exit
			write(fd, beat, 1); // in-child
			sleep(10); // in-child
		}
	}
	return pid; // not-child
}
