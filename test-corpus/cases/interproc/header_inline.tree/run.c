/* err() dies through the header's static inline errmsg(1, ...): the failed fork never reaches the
 * kill(), and the child's err() ends its path. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"

int supervise(char **argv)
{
	int status;
	pid_t child = fork(); // site: fork; child: exec+_exit, exit(); expect: fork-to-vfork "first: line 17, vfork-exit"

	if (child < 0)
		err(1, "fork"); // not-child
	if (child == 0) {
		if (setsid() < 0)
			err(1, "setsid"); // in-child
		execvp(argv[0], argv);
		_exit(127);
	}
	kill(child, SIGCONT); // ok: fork-unchecked
	waitpid(child, &status, 0); // ok: fork-unchecked
	return status;
}
