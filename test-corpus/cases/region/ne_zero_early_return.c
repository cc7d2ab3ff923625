/* The parent (and the failure case) return early with `if (pid != 0)`;
 * the child's code follows the if at function level. */
#include <unistd.h>

pid_t spawn_flat(char *const argv[], int errfd)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid != 0) // in-child
		return pid; // not-child; ok: vfork-return
	dup2(errfd, 2); // in-child
	close(errfd); // in-child
	execvp(argv[0], argv); // in-child
	_exit(127); // in-child
}
