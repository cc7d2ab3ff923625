/* A helper's effects keep whether they happen on its normal path or only when a call inside it
 * failed: calling xdup2() is reported for its exit() on the error path, calling xmalloc() for its
 * heap use on the normal path. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void xdup2(int from, int to)
{
	if (dup2(from, to) != to)
		die("dup2");
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p)
		die("malloc");
	return p;
}

static void run_or_die(char *const argv[])
{
	execvp(argv[0], argv);
	die(argv[0]);
}

pid_t spawn_with_helpers(int fd, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exit()

	if (pid == 0) {
		char *buf;

		xdup2(fd, 1); // expect: vfork-exit[warning] "calls xdup2(), which calls exit()"; error-path
		buf = xmalloc(64); // expect: vfork-heap[error] "calls xmalloc(), which calls malloc()"
		(void)buf;
		run_or_die(argv); // expect: vfork-exit[warning]; error-path
	}
	return pid;
}

/* The same helpers in a fork() child: swappable once the error paths are fixed, but xmalloc's heap
 * use on the normal path still needs restructuring. */
pid_t fork_with_dup(int fd, char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork "once the problem on its error path is fixed"

	if (pid == 0) {
		xdup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

pid_t fork_with_alloc(char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork

	if (pid == 0) {
		char *buf = xmalloc(64);

		buf[0] = 0;
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* exit() on the child's error paths is fixed by the swap itself (exit becomes _exit). */
pid_t fork_exit_on_error(int fd, char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exec+_exit, exit(); expect: fork-to-vfork "exit() on its error paths becomes _exit()"

	if (pid == 0) {
		if (dup2(fd, 0) < 0)
			exit(1);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}
