/* BUG: the child reports a failed redirection and `break`s out of the
 * parent's spawn loop, then returns from the function on the parent's stack.
 * The child is followed past the loop (the parent reaches that code only
 * once it is done forking) to the return, where it is reported. */
#include <unistd.h>

static const char redir_msg[] = "redirect failed\n";

int spawn_all(char **cmds[], int fds[], int n)
{
	int i;

	for (i = 0; i < n; i++) {
		pid_t pid = vfork(); // site: vfork; child: exec+_exit, may return

		if (pid == 0) { // in-child
			if (dup2(fds[i], 1) < 0) { // in-child
				write(2, redir_msg, sizeof redir_msg - 1); // in-child
				break; // in-child; ok: vfork-no-exit
			}
			execvp(cmds[i][0], cmds[i]); // in-child
			_exit(127); // in-child
		}
		if (pid < 0) // not-child
			return -1; // not-child
	}
	return i; // expect: vfork-return; error-path
}
