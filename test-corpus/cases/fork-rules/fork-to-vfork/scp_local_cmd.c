/* A file-copy client that runs its transport (ssh for remote copies, cp
 * for local ones) through a helper in the style of scp's do_local_cmd().
 * The classic helper's fork() child prints with perror() after a failed
 * exec, so it cannot simply become vfork(); the corrected helper ends the
 * failed child with _exit() and can. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct arglist {
	char **list;
	unsigned int num;
};

static pid_t transport_pid = -1;

static void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(255); // ok: fork-child-exit
}

static void forward_signal(int sig)
{
	if (transport_pid > 1)
		kill(transport_pid, sig); // ok: fork-unchecked
}

/* The classic helper. */
int do_local_cmd(struct arglist *a, int fdin, int fdout)
{
	int status;
	pid_t pid;

	if (a->num == 0)
		fatal("do_local_cmd: no arguments");
	if ((pid = fork()) == -1) // site: fork; child: exit(); ok: fork-no-exec; expect: fork-to-vfork
		fatal("do_local_cmd: fork: %s", strerror(errno));
	if (pid == 0) {
		if (fdin != -1) {
			dup2(fdin, STDIN_FILENO);
			close(fdin);
		}
		if (fdout != -1) {
			dup2(fdout, STDOUT_FILENO);
			close(fdout);
		}
		execvp(a->list[0], a->list);
		perror(a->list[0]);
		exit(1); // expect: fork-child-exit
	}

	transport_pid = pid;
	signal(SIGTERM, forward_signal);
	signal(SIGINT, forward_signal);
	while (waitpid(pid, &status, 0) == -1) // ok: fork-unchecked
		if (errno != EINTR)
			fatal("do_local_cmd: waitpid: %s", strerror(errno));
	transport_pid = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

/* The corrected helper: a fixed message with write(2), then _exit(1). */
int do_local_cmd_fixed(struct arglist *a, int fdin, int fdout)
{
	static const char msg[] = "scp: cannot execute transport command\n";
	int status;
	pid_t pid;

	if (a->num == 0)
		fatal("do_local_cmd: no arguments");
	if ((pid = fork()) == -1) // site: fork; child: exec+_exit; expect: fork-to-vfork
		fatal("do_local_cmd: fork: %s", strerror(errno));
	if (pid == 0) {
		if (fdin != -1) {
			dup2(fdin, STDIN_FILENO);
			close(fdin);
		}
		if (fdout != -1) {
			dup2(fdout, STDOUT_FILENO);
			close(fdout);
		}
		execvp(a->list[0], a->list);
		write(STDERR_FILENO, msg, sizeof msg - 1);
		_exit(1); // ok: fork-child-exit
	}

	transport_pid = pid;
	signal(SIGTERM, forward_signal);
	signal(SIGINT, forward_signal);
	while (waitpid(pid, &status, 0) == -1) // ok: fork-unchecked
		if (errno != EINTR)
			fatal("do_local_cmd: waitpid: %s", strerror(errno));
	transport_pid = -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Local-to-local copies run cp(1). This child goes straight from the
 * failed exec to exit(1): swappable, with exit() turned into _exit(). */
int run_local_cp(char *const argv[])
{
	int status;
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp("cp", argv);
		exit(1); // expect: fork-child-exit
	}
	if (waitpid(pid, &status, 0) < 0) // ok: fork-unchecked
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
