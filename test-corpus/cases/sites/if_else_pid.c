/* A shell's simple-command runner: vfork, redirect stdin/stdout in the
 * child, exec; the parent waits in the else branch. */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int run_simple_command(char *const argv[], int in_fd, int out_fd)
{
	pid_t pid;
	int status;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		if (in_fd != STDIN_FILENO) { // in-child
			dup2(in_fd, STDIN_FILENO); // in-child; ok: vfork-unsafe-call
			close(in_fd); // in-child
		}
		if (out_fd != STDOUT_FILENO) { // in-child
			dup2(out_fd, STDOUT_FILENO); // in-child
			close(out_fd); // in-child
		}
		execvp(argv[0], argv); // in-child; ok: vfork-unsafe-call
		_exit(127); // in-child; ok: vfork-exit
	} else if (pid < 0) { // not-child
		return -1; // not-child
	} else {
		if (waitpid(pid, &status, 0) < 0) // not-child
			return -1; // not-child
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128; // not-child; ok: vfork-return
}
