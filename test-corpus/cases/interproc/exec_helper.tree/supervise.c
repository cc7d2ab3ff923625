/* The vfork callers: helpers resolve across files. */
#include <unistd.h>
#include "util.h"

pid_t start(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, exit()

	if (pid == 0) {
		if (dup2(fd, 0) < 0)
			report_failure("dup2"); // expect: vfork-exit; ok: vfork-stdio; error-path
		exec_or_die(argv); // ok: vfork-unsafe-call, vfork-no-exit, vfork-return
	}
	return pid; // not-child
}

pid_t start_checked(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, noreturn call

	if (pid == 0) {
		if (argv[0] == NULL)
			usage(); // expect: vfork-unsafe-call; ok: vfork-return, vfork-no-exit
		exec_or_die(argv);
	}
	return pid; // not-child
}
