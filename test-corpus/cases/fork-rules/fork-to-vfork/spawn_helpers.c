/* Spawn helpers of a small desktop tool: a pager, a clean exec with the
 * inherited descriptors closed, a login shell. */
#include <sys/types.h>
#include <unistd.h>

/* Opens a pipe to the pager; returns the write end. */
int open_pager(const char *pager, pid_t *out)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[1]);
		dup2(p[0], STDIN_FILENO);
		close(p[0]);
		execlp(pager, pager, (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	*out = pid;
	return p[1];
}

/* The loop counter belongs to the function, so the child's loop writes a
 * local of the parent's frame once this is a vfork(). */
int spawn_closed(char *const argv[], int maxfd)
{
	int fd;
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork

	if (pid == 0) {
		for (fd = 3; fd < maxfd; fd++)
			close(fd);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid < 0 ? -1 : 0;
}

/* The same with the counter declared in the child's block. */
int spawn_closed_fixed(char *const argv[], int maxfd)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		int fd;

		for (fd = 3; fd < maxfd; fd++)
			close(fd);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid < 0 ? -1 : 0;
}

/* A login program: the child renames argv[0] to "-sh" in the caller's
 * array before it execs the shell. */
int start_login_shell(char **argv, const char *shell, char *dashed_name)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork

	if (pid == 0) {
		argv[0] = dashed_name;
		execv(shell, argv);
		_exit(127);
	}
	return pid < 0 ? -1 : 0;
}

/* Runs the filter through a helper of this file that only makes system
 * calls and always ends the process. */
static void exec_filter(char *const argv[], int in, int out)
{
	dup2(in, STDIN_FILENO);
	dup2(out, STDOUT_FILENO);
	close(in);
	close(out);
	execvp(argv[0], argv);
	_exit(127);
}

int start_filter(char *const argv[], int in, int out)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0)
		exec_filter(argv, in, out);
	return pid < 0 ? -1 : 0;
}
