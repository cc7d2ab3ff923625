/* A small shell starting the stages of a pipeline. The first version lets a
 * failed exec return an error code to the caller, as if it were the parent:
 * the child unwinds the frame the suspended parent will come back to. */
#include <errno.h>
#include <unistd.h>

struct stage {
	char **argv;
	int in_fd;
	int out_fd;
};

pid_t start_stage_bad(struct stage *st)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: may return
	if (pid < 0)
		return -1; // ok: vfork-return
	if (pid == 0) {
		if (st->in_fd != 0) {
			dup2(st->in_fd, 0); // ok: vfork-unsafe-call
			close(st->in_fd); // ok: vfork-unsafe-call
		}
		if (st->out_fd != 1) {
			dup2(st->out_fd, 1);
			close(st->out_fd);
		}
		execvp(st->argv[0], st->argv);
		return -1; // expect: vfork-return; error-path
	}
	return pid; // ok: vfork-return
}

/* "return execvp(...)": exec only returns when it failed, and then the child
 * returns from the function. */
int run_builtin_fallback(char **argv)
{
	pid_t pid = vfork(); // site: vfork; child: may return

	if (pid == 0)
		return execvp(argv[0], argv); // expect: vfork-return "returns from run_builtin_fallback()"
	return pid; // ok: vfork-return
}

/* The fixed stage start: _exit(127) after the failed exec, returns only in
 * the parent. */
pid_t start_stage(struct stage *st)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		if (st->in_fd != 0) {
			dup2(st->in_fd, 0);
			close(st->in_fd);
		}
		if (st->out_fd != 1) {
			dup2(st->out_fd, 1);
			close(st->out_fd);
		}
		execvp(st->argv[0], st->argv);
		_exit(errno == ENOENT ? 127 : 126); // ok: vfork-return, vfork-exit
	}
	if (st->in_fd != 0)
		close(st->in_fd);
	if (st->out_fd != 1)
		close(st->out_fd);
	return pid; // ok: vfork-return
}
