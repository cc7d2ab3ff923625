/* Double fork with one variable: the first child reuses `pid` for the
 * second fork, so the first test's fact dies there. The first site's child
 * runs both branches of the inner test (as the intermediate process and as
 * the grandchild it turns into). */
#include <sys/wait.h>
#include <unistd.h>

int spawn_detached(char *const argv[])
{
	pid_t pid;
	int status;

	pid = fork(); // site: fork; child: exec+_exit, _exit
	if (pid < 0)
		return -1; // not-child
	if (pid == 0) { // in-child
		pid = fork(); // site: fork; child: exec+_exit; in-child; expect: fork-to-vfork
		if (pid == 0) { // in-child
			setsid(); // in-child
			execvp(argv[0], argv); // in-child
			_exit(127); // in-child
		}
		_exit(pid < 0 ? 1 : 0); // in-child
	}
	if (waitpid(pid, &status, 0) < 0) // not-child
		return -1; // not-child
	return WEXITSTATUS(status) == 0 ? 0 : -1; // not-child
}
