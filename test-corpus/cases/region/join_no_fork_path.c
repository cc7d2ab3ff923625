/* The child is followed through code that the path without a fork also runs: here the
 * session-leader idiom (fork only when already a group leader, the child breaks out of the switch,
 * and the code after it runs in the child or, when no fork was needed, in the only process). */
#include <err.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int run_in_new_session(char **argv, int wait_child)
{
	int status;

	if (getpgrp() == getpid()) {
		pid_t pid;

		switch (pid = vfork()) { // site: vfork; child: exec+_exit, _exit
		case -1:
			err(EXIT_FAILURE, "vfork");
		case 0:
			break; // in-child
		default:
			if (!wait_child) // not-child
				return EXIT_SUCCESS;
			if (waitpid(pid, &status, 0) != pid)
				err(EXIT_FAILURE, "waitpid");
			return WEXITSTATUS(status);
		}
	}
	if (setsid() < 0) { // in-child
		write(2, "setsid failed\n", 14); // in-child
		_exit(1);
	}
	execvp(argv[0], argv); // in-child
	_exit(127); // in-child; ok: vfork-exit
}

/* The same with fork(): the shared code is the child's own, so the swap is judged on it. */
int fork_in_new_session(char **argv)
{
	if (getpgrp() == getpid()) {
		switch (fork()) { // site: fork; child: exit(); expect: fork-to-vfork "once the problem on its error path is fixed"
		case -1:
			err(EXIT_FAILURE, "fork");
		case 0:
			break;
		default:
			return EXIT_SUCCESS;
		}
	}
	if (setsid() < 0)
		err(EXIT_FAILURE, "setsid");
	execvp(argv[0], argv);
	exit(127); // expect: fork-child-exit
}

/* Followed through the shared code, the child returns: reported where it returns. */
int detach_and_return(int detach)
{
	if (detach) {
		pid_t pid = vfork(); // site: vfork; child: may return

		if (pid > 0)
			return 0;
		if (pid < 0)
			return -1;
	}
	setsid(); // in-child
	return 1; // expect: vfork-return
}
