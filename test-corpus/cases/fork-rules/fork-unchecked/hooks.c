/* A version-control tool runs hook scripts with a time limit. Several
 * spellings of the fork error test: one that only prints, one hidden in a
 * goto cleanup, retry loops, and tests that do stop the -1 path. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void fatal(const char *what)
{
	perror(what);
	exit(128);
}

/* The error branch prints and carries on: a failed fork() reaches kill()
 * and waitpid() with -1. */
int run_hook(const char *hook, int timeout_ms)
{
	int status = 0;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid < 0)
		perror("fork");
	if (pid == 0) {
		execl(hook, hook, (char *)NULL);
		_exit(126);
	}
	poll(NULL, 0, timeout_ms);
	kill(pid, SIGKILL); // expect: fork-unchecked[warning] "kill(-1, sig)"
	waitpid(pid, &status, 0); // expect: fork-unchecked
	return status;
}

/* The cleanup label kills "the helper if one was started"; the fork error
 * jumps there with pid == -1. */
int run_hook_with_input(const char *hook, const char *input, size_t len)
{
	int p[2];
	int rc = -1;
	pid_t pid = 0;

	if (pipe(p) < 0)
		goto out;
	pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork
	if (pid < 0)
		goto out;
	if (pid == 0) {
		dup2(p[0], STDIN_FILENO);
		close(p[0]);
		close(p[1]);
		execl(hook, hook, (char *)NULL);
		_exit(126);
	}
	close(p[0]);
	if (write(p[1], input, len) == (ssize_t)len)
		rc = 0;
	close(p[1]);
out:
	if (pid != 0)
		kill(pid, SIGTERM); // expect: fork-unchecked
	return rc;
}

/* Retries only on EAGAIN, and at most five times: other errors and the
 * sixth EAGAIN leave the loop with pid == -1. */
int run_hook_retry(const char *hook)
{
	int status;
	int tries = 0;
	pid_t pid;

	do {
		pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork
	} while (pid < 0 && errno == EAGAIN && tries++ < 5 && sleep(1) == 0);
	if (pid == 0) {
		execl(hook, hook, (char *)NULL);
		_exit(126);
	}
	waitpid(pid, &status, 0); // expect: fork-unchecked "the fork() at line 77"
	return status;
}

/* Retries until fork() succeeds: -1 never leaves the loop. */
int run_hook_patiently(const char *hook)
{
	int status;
	pid_t pid;

	while ((pid = fork()) < 0) // site: fork; child: exec+_exit; expect: fork-to-vfork
		sleep(1);
	if (pid == 0) {
		execl(hook, hook, (char *)NULL);
		_exit(126);
	}
	waitpid(pid, &status, 0); // ok: fork-unchecked
	return status;
}

/* The error branch ends the process through a noreturn helper. */
int run_hook_or_die(const char *hook)
{
	int status;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == -1)
		fatal("fork");
	if (pid == 0) {
		execl(hook, hook, (char *)NULL);
		_exit(126);
	}
	waitpid(pid, &status, 0); // ok: fork-unchecked
	return status;
}

/* The child is handled first; "pid <= 0" then can only mean -1. */
int run_hook_le(const char *hook)
{
	int status;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		execl(hook, hook, (char *)NULL);
		_exit(126);
	}
	if (pid <= 0)
		return -1;
	kill(pid, SIGCONT); // ok: fork-unchecked
	waitpid(pid, &status, 0); // ok: fork-unchecked
	return status;
}

/* Only a positive pid is waited for. */
int run_hook_guarded(const char *hook)
{
	int status = -1;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		execl(hook, hook, (char *)NULL);
		_exit(126);
	}
	if (pid > 0)
		waitpid(pid, &status, 0); // ok: fork-unchecked
	return status;
}
