/* A fork wrapper that dies when the fork fails never hands back -1: its callers have no failed-fork
 * path to check. A wrapper that passes -1 on still needs the check. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t xfork(void)
{
	pid_t pid = fork(); // site: fork; child: may return; ok: fork-to-vfork, fork-no-exec

	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	return pid;
}

static pid_t try_fork(void)
{
	pid_t pid = fork(); // site: fork; child: may return; ok: fork-to-vfork, fork-no-exec

	if (pid < 0)
		perror("fork");
	return pid;
}

void trace(char **argv)
{
	pid_t pid = xfork(); // site: fork; child: exec+_exit; ok: fork-to-vfork

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	kill(pid, SIGSTOP); // ok: fork-unchecked
	waitpid(pid, NULL, 0); // ok: fork-unchecked
}

void trace_unchecked(char **argv)
{
	pid_t pid = try_fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	kill(pid, SIGSTOP); // expect: fork-unchecked
}
