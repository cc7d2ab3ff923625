/* A worker child whose only call through a function pointer is the die hook, reached when dup2()
 * failed: an error handler is not the child's job, so the child still never execs. */
#include <stdlib.h>
#include <unistd.h>

void (*die_hook)(void);

static void die(void)
{
	if (die_hook)
		die_hook();
	exit(1);
}

static void xdup2(int from, int to)
{
	if (dup2(from, to) != to)
		die();
}

extern void copy_archive(void);

int start_worker(int fd)
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-no-exec

	if (pid == 0) {
		xdup2(fd, 1);
		copy_archive();
		exit(0);
	}
	return pid;
}

/* A pointer the child calls on its normal path might exec: no verdict that it never does. */
int start_runner(void (*job)(void))
{
	pid_t pid = fork(); // site: fork; child: exit(); ok: fork-no-exec

	if (pid == 0) {
		job();
		exit(0);
	}
	return pid;
}
