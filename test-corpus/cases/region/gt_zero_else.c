/* `if (pid > 0) { parent } else { child }`: the else also runs when vfork
 * fails (pid == -1), so the else is shared by the child and the failing
 * parent; the then-branch is the parent's alone. */
#include <sys/wait.h>
#include <unistd.h>

int run_or_self(char *const argv[])
{
	pid_t pid;
	int status;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid > 0) { // in-child; ok: vfork-no-exit
		waitpid(pid, &status, 0); // not-child
		return status; // not-child
	} else {
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
}
