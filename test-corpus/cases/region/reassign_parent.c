/* The parent reuses the result variable for waitpid(..., WNOHANG), whose 0
 * means "still running": that later `pid == 0` is the parent's test, not a
 * child test. */
#include <sys/wait.h>
#include <unistd.h>

extern void remember_running(pid_t pid);

int spawn_poll(char *const argv[])
{
	pid_t pid, child;
	int status;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) { // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	if (pid < 0) // not-child
		return -1; // not-child
	child = pid; // not-child
	pid = waitpid(child, &status, WNOHANG); // not-child
	if (pid == 0) { // not-child
		remember_running(child); // not-child
		return 1; // not-child
	}
	return 0; // not-child
}
