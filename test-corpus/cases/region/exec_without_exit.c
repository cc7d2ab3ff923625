/* BUG: no _exit after the exec: when the exec fails the child falls out of
 * its block into the parent's code. */
#include <sys/wait.h>
#include <unistd.h>

int run_forgetful(char *const argv[])
{
	pid_t pid;
	int status;

	pid = vfork(); // site: vfork; child: leaves into parent code
	if (pid == 0) { // in-child
		execvp(argv[0], argv); // in-child; expect: vfork-no-exit
	}
	if (pid < 0) // not-child
		return -1; // not-child
	waitpid(pid, &status, 0);
	return status;
}
