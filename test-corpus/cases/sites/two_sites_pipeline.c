/* `left | right` in a small shell: two vfork sites in one function, each
 * child wires one end of the pipe. */
#include <sys/wait.h>
#include <unistd.h>

int run_pipeline(char *const left[], char *const right[])
{
	int fds[2];
	pid_t lpid, rpid;
	int status;

	if (pipe(fds) < 0)
		return -1;
	lpid = vfork(); // site: vfork; child: exec+_exit
	if (lpid == 0) {
		dup2(fds[1], STDOUT_FILENO); // in-child; ok: vfork-unsafe-call
		close(fds[0]); // in-child
		close(fds[1]); // in-child
		execvp(left[0], left); // in-child
		_exit(127); // in-child; ok: vfork-exit
	}
	if (lpid < 0) // not-child
		goto fail;
	rpid = vfork(); // site: vfork; child: exec+_exit
	if (rpid == 0) {
		dup2(fds[0], STDIN_FILENO); // in-child
		close(fds[0]); // in-child
		close(fds[1]); // in-child
		execvp(right[0], right); // in-child
		_exit(127); // in-child
	}
	close(fds[0]); // not-child
	close(fds[1]); // not-child
	waitpid(lpid, NULL, 0); // not-child
	if (rpid < 0) // not-child
		return -1; // not-child; ok: vfork-return
	waitpid(rpid, &status, 0); // not-child
	return status; // not-child
fail:
	close(fds[0]); // not-child
	close(fds[1]); // not-child
	return -1; // not-child
}
