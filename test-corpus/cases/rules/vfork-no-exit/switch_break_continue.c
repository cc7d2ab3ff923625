/* The child's code is a `case 0:` or the body of a loop, and a jump
 * statement takes it out: `break` out of the switch, a missing break that
 * falls through into the parent's error case, `continue` into the next
 * iteration of the parent's loop. The finding belongs on the last child
 * statement before the child leaves: the jump statement when there is one. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int run_filter(char **argv, int in_fd)
{
	pid_t pid;
	int status;

	switch (pid = vfork()) { // site: vfork; child: leaves into parent code
	case -1:
		return -1;
	case 0:
		dup2(in_fd, 0);
		execvp(argv[0], argv);
		break; // expect: vfork-no-exit; error-path
	default:
		close(in_fd);
		break;
	}
	waitpid(pid, &status, 0);
	return status;
}

int run_filter_fallthrough(char **argv)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: may return
	case 0:
		/* after a failed exec the child runs the case -1 code, which returns */
		execvp(argv[0], argv); // ok: vfork-no-exit
		/* fall through */
	case -1:
		perror(argv[0]); // expect: vfork-stdio; error-path
		return -1; // expect: vfork-return; error-path
	default:
		break;
	}
	return pid;
}

/* A run-parts-like loop starting one child per script and skipping the
 * scripts whose directory is gone. */
void start_all(char ***cmds, const char **dirs, int n, pid_t *pids)
{
	int i;

	for (i = 0; i < n; i++) { // ok: vfork-shared-write, vfork-return
		pid_t pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code; ok: vfork-unsafe-call

		if (pid == 0) {
			if (chdir(dirs[i]) < 0)
				continue; // expect: vfork-no-exit; error-path
			execvp(cmds[i][0], cmds[i]);
			_exit(127);
		}
		pids[i] = pid; // ok: vfork-shared-write
	}
}

/* Correct versions: the child's case ends in _exit, and the loop's child
 * _exits instead of continuing. */
int run_filter_fixed(char **argv, int in_fd)
{
	pid_t pid;
	int status;

	switch (pid = vfork()) { // site: vfork; child: exec+_exit
	case -1:
		return -1;
	case 0:
		dup2(in_fd, 0);
		execvp(argv[0], argv);
		_exit(127); // ok: vfork-no-exit
	default:
		close(in_fd);
		break;
	}
	waitpid(pid, &status, 0);
	return status;
}

void start_all_fixed(char ***cmds, const char **dirs, int n, pid_t *pids)
{
	int i;

	for (i = 0; i < n; i++) {
		pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

		if (pid == 0) {
			if (chdir(dirs[i]) < 0)
				_exit(126); // ok: vfork-no-exit
			execvp(cmds[i][0], cmds[i]);
			_exit(127); // ok: vfork-no-exit
		}
		pids[i] = pid; // ok: vfork-shared-write
	}
}
