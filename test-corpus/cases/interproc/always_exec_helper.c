/* The child's work lives in a helper that always ends the process: exec,
 * then _exit(127) when exec fails. The child is clean. */
#include <unistd.h>

static void exec_service(char *const argv[], int logfd)
{
	dup2(logfd, 2);
	close(logfd);
	execv(argv[0], argv);
	_exit(127);
}

pid_t start_service(char *const argv[], int logfd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0)
		exec_service(argv, logfd); // ok: vfork-unsafe-call, vfork-no-exit, vfork-return
	return pid; // not-child
}
