/* An init-style supervisor restarts its service forever; the parent loops,
 * the child always execs or _exits. */
#include <sys/wait.h>
#include <unistd.h>

void supervise(char *const argv[])
{
	int status;

	for (;;) {
		pid_t pid = vfork(); // site: vfork; child: exec+_exit

		if (pid == 0) { // in-child
			setsid(); // in-child
			execv(argv[0], argv); // in-child
			_exit(127); // in-child
		}
		if (pid < 0) { // not-child
			sleep(5); // not-child
			continue;
		}
		waitpid(pid, &status, 0); // not-child
		sleep(1); // not-child
	}
}
