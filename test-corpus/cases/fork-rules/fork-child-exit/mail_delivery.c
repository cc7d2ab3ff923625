/* A small MTA's local delivery: pipe the message into a program, run an
 * editor on a draft, run the user's filter. Their fork() children end a
 * failed exec with exit() or with a helper that calls it, which flushes a
 * copy of the daemon's stdio buffers and runs its atexit handlers. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define EX_TEMPFAIL 75

static void die(const char *what)
{
	fprintf(stderr, "delivery: %s: %s\n", what, strerror(errno));
	exit(EX_TEMPFAIL); // ok: fork-child-exit
}

static int wait_status(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) // ok: fork-unchecked
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EX_TEMPFAIL;
}

int deliver_to_program(const char *prog, int msgfd)
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid < 0)
		return EX_TEMPFAIL;
	if (pid == 0) {
		dup2(msgfd, STDIN_FILENO);
		close(msgfd);
		execl("/bin/sh", "sh", "-c", prog, (char *)NULL);
		perror("/bin/sh");
		exit(EX_TEMPFAIL); // expect: fork-child-exit
	}
	return wait_status(pid);
}

int edit_draft(const char *editor, const char *draft)
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid < 0)
		die("fork"); // ok: fork-child-exit
	if (pid == 0) {
		execlp(editor, editor, draft, (char *)NULL);
		die(editor); // expect: fork-child-exit
	}
	return wait_status(pid);
}

int run_filter(char *const argv[], int msgfd)
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid < 0)
		return EX_TEMPFAIL;
	if (pid == 0) {
		dup2(msgfd, STDIN_FILENO);
		execvp(argv[0], argv);
		err(EX_TEMPFAIL, "%s", argv[0]); // expect: fork-child-exit
	}
	return wait_status(pid);
}

/* A failed chdir() before any exec: exit() there is not what this rule is
 * about (no exec was attempted), and _exit() after the exec is correct. */
int run_in_spool(const char *spool, char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exec+_exit, exit(); expect: fork-to-vfork

	if (pid < 0)
		return EX_TEMPFAIL;
	if (pid == 0) {
		if (chdir(spool) < 0)
			exit(EX_TEMPFAIL); // ok: fork-child-exit
		execv(argv[0], argv);
		_exit(127); // ok: fork-child-exit
	}
	return wait_status(pid);
}
