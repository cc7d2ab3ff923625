/* Other ways a child leaves its code: a goto into the fork-failure cleanup, a
 * loop that never ends (the parent stays suspended), and a vfork whose
 * result is never tested. */
#include <fcntl.h>
#include <unistd.h>

/* Pipe-to-command helper with a shared error label. */
int open_pipe_from(char **argv)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		goto fail;
	pid = vfork(); // site: vfork; child: exec+_exit, may return
	if (pid < 0)
		goto fail_close;
	if (pid == 0) {
		close(p[0]);
		if (dup2(p[1], 1) < 0)
			/* the child is followed into the fork-failure cleanup, which returns */
			goto fail_close; // ok: vfork-no-exit
		execvp(argv[0], argv);
		_exit(127); // ok: vfork-no-exit
	}
	close(p[1]);
	return p[0];
fail_close:
	close(p[0]);
	close(p[1]);
fail:
	return -1; // expect: vfork-return; error-path
}

/* The same jump written on one line. */
int open_pipe_to(char **argv)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code
	if (pid == 0) {
		if (dup2(p[0], 0) < 0) goto out; // expect: vfork-no-exit; error-path
		close(p[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
out:
	close(p[0]);
	return p[1];
}

/* A getty respawner that parks the child when the tty cannot be opened
 * ("so that init does not respawn it in a tight loop"): the parent stays
 * suspended for as long as the child sleeps. */
void spawn_getty(const char *tty, char **argv)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, loops forever

	if (pid == 0) {
		int fd = open(tty, O_RDWR);

		if (fd < 0)
			goto park;
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	park:
		for (;;) // expect: vfork-no-exit; error-path
			pause();
	}
}

/* Retrying the exec forever. */
void keep_trying(char **argv)
{
	if (vfork() == 0) { // site: vfork; child: loops forever
		while (1) { // expect: vfork-no-exit
			execvp(argv[0], argv);
			sleep(5);
		}
	}
}

/* "Daemonize" by vfork without looking at the result: parent and child both
 * run setsid() and the exec. */
void detach_and_run(char **argv)
{
	vfork(); // site: vfork
	setsid(); // expect: vfork-no-exit
	execv(argv[0], argv);
	_exit(127);
}

/* Correct: exec + _exit on every path, the failure path included. */
int open_pipe_from_fixed(char **argv)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = vfork(); // site: vfork; child: exec+_exit, _exit
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		if (dup2(p[1], 1) < 0)
			_exit(126); // ok: vfork-no-exit
		execvp(argv[0], argv);
		_exit(127); // ok: vfork-no-exit
	}
	close(p[1]);
	return p[0];
}
