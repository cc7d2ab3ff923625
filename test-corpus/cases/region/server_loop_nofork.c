/* A server loop that forks per request only when it must, and otherwise runs the worker code
 * itself; the child marks itself with pid = -1 and runs the same worker code (inetd does this).
 * The parent reaches that code only on a later round of the loop, before it forks again: the
 * child is followed through it to its exec and does not "leave into parent code". */
#include <unistd.h>

void serve(int listen_fd, int nofork)
{
	for (;;) {
		int conn = accept(listen_fd, NULL, NULL);
		pid_t pid = 0;

		if (conn < 0)
			continue;
		if (!nofork) {
			pid = vfork(); // site: vfork; child: exec+_exit
			if (pid < 0) {
				close(conn); // not-child
				continue;
			}
			if (pid == 0)
				pid--; // in-child
		}
		if (pid > 0) {
			close(conn); // not-child
			continue;
		}
		dup2(conn, 0); // in-child
		execl("/usr/sbin/worker", "worker", (char *)0); // in-child
		_exit(1); // in-child
	}
}
