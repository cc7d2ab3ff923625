/* A pre-forking server: fork in a loop, each worker runs the accept loop
 * and exits; the parent records the pids. */
#include <unistd.h>

#define MAX_WORKERS 16

static pid_t workers[MAX_WORKERS];

extern int worker_loop(int listen_fd, int id);

int start_workers(int listen_fd, int n)
{
	int i;

	for (i = 0; i < n && i < MAX_WORKERS; i++) {
		pid_t pid = fork(); // site: fork; child: _exit; expect: fork-no-exec

		if (pid == 0) {
			int rc = worker_loop(listen_fd, i); // in-child
			_exit(rc == 0 ? 0 : 1); // in-child
		}
		if (pid < 0) // not-child
			return i; // not-child
		workers[i] = pid; // not-child
	}
	return i; // not-child
}
