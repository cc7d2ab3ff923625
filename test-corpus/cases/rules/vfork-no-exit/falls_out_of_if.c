/* Spawn code where the child's block can end without exec or _exit: the
 * child then runs the rest of the function (the parent's waitpid and
 * cleanup) on the parent's memory while the parent is suspended. */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

/* A shell's "exec redirections then command": when there is no command the
 * child has nothing to exec and simply leaves its block. */
int run_redirected(char **argv, int in_fd, int out_fd)
{
	pid_t pid;
	int status = 0;

	pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code
	if (pid == 0) {
		if (in_fd >= 0) {
			dup2(in_fd, 0);
			close(in_fd);
		}
		if (out_fd >= 0) {
			dup2(out_fd, 1);
			close(out_fd);
		}
		if (argv[0] != NULL) { // expect: vfork-no-exit
			execvp(argv[0], argv);
			_exit(127); // ok: vfork-no-exit
		}
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	return status;
}

/* exec without _exit after it: a failed exec runs into waitpid(). */
int run_and_wait(char **argv)
{
	pid_t pid;
	int status;

	pid = vfork(); // site: vfork; child: leaves into parent code
	if (pid == 0)
		execvp(argv[0], argv); // expect: vfork-no-exit
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		;
	return status;
}

/* The child only exits when the log file opened. */
pid_t run_logged(char **argv, const char *log)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code
	int fd;

	if (pid == 0) {
		fd = open(log, O_WRONLY | O_APPEND); // expect: vfork-shared-write
		if (fd >= 0) { // expect: vfork-no-exit
			dup2(fd, 1);
			dup2(fd, 2);
			execvp(argv[0], argv);
			_exit(127); // ok: vfork-no-exit
		}
	}
	if (pid < 0)
		return -1; // ok: vfork-return
	return pid; // ok: vfork-return
}

/* Correct: every child path ends in exec + _exit. */
int run_redirected_fixed(char **argv, int in_fd, int out_fd)
{
	pid_t pid;
	int status = 0;

	pid = vfork(); // site: vfork; child: exec+_exit, _exit
	if (pid == 0) {
		if (in_fd >= 0) {
			dup2(in_fd, 0);
			close(in_fd);
		}
		if (out_fd >= 0) {
			dup2(out_fd, 1);
			close(out_fd);
		}
		if (argv[0] == NULL)
			_exit(0); // ok: vfork-no-exit
		execvp(argv[0], argv);
		_exit(127); // ok: vfork-no-exit
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	return status;
}
