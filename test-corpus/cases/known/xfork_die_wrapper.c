/* A die-on-failure fork wrapper: xfork() never returns -1, because its error
 * branch ends the process. Callers rightly use its result as a process id
 * without testing for -1: the wrapper's summary says it never fails, so its
 * call sites have no failed-fork path. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static pid_t xfork(void)
{
	pid_t pid = fork(); // site: fork; child: may return

	if (pid < 0)
		die("fork");
	return pid;
}

int run_worker(char *const argv[])
{
	int status;
	pid_t pid = xfork(); // site: fork; child: exec+_exit

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0); // ok: fork-unchecked
	return status;
}

/* The same wait after a fork() tested in place: nothing to report. */
int run_worker_checked(char *const argv[])
{
	int status;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0); // ok: fork-unchecked
	return status;
}
