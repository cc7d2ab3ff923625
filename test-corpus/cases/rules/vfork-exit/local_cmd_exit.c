/* A file-copy client running its transport command locally, in the style of
 * scp's local-command helper, switched from fork() to vfork(). The child's
 * error path was written for fork(): perror() and exit(1) both run on the
 * parent's stdio and atexit state. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct arglist {
	char **list;
	unsigned int num;
};

extern int verbose_mode;
extern pid_t transport_pid;
extern void fatal(const char *fmt, ...) __attribute__((noreturn));
extern void on_interrupt(int sig);

int run_local_cmd(struct arglist *a)
{
	unsigned int i;
	int status;
	pid_t pid;

	if (a->num == 0)
		fatal("run_local_cmd: no arguments");
	if (verbose_mode) {
		fprintf(stderr, "Executing:");
		for (i = 0; i < a->num; i++)
			fprintf(stderr, " %s", a->list[i]);
		fprintf(stderr, "\n");
	}
	if ((pid = vfork()) == -1) // site: vfork; child: exit()
		fatal("run_local_cmd: vfork: %s", strerror(errno)); // ok: vfork-unsafe-call, vfork-exit

	if (pid == 0) {
		execvp(a->list[0], a->list);
		perror(a->list[0]); // expect: vfork-stdio; error-path
		exit(1); // expect: vfork-exit[warning] "calls exit(), which runs exit handlers"; error-path
	}

	transport_pid = pid;
	signal(SIGTERM, on_interrupt);
	signal(SIGINT, on_interrupt);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			fatal("run_local_cmd: waitpid: %s", strerror(errno));
	transport_pid = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

/* The vfork-safe version of the same helper. */
int run_local_cmd_fixed(struct arglist *a)
{
	static const char msg[] = "exec of transport failed\n";
	int status;
	pid_t pid;

	if ((pid = vfork()) == -1) // site: vfork; child: exec+_exit
		fatal("run_local_cmd: vfork: %s", strerror(errno));

	if (pid == 0) {
		execvp(a->list[0], a->list);
		write(2, msg, sizeof msg - 1); // ok: vfork-stdio
		_exit(1); // ok: vfork-exit
	}

	transport_pid = pid;
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			exit(1); // ok: vfork-exit
	transport_pid = -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The original fork() version: the child has its own copy of the stdio
 * buffers and atexit list, so perror() + exit(1) there is fine. */
int run_local_cmd_forked(struct arglist *a)
{
	int status;
	pid_t pid;

	if ((pid = fork()) == -1) // site: fork; expect: fork-to-vfork
		fatal("run_local_cmd: fork: %s", strerror(errno));
	if (pid == 0) {
		execvp(a->list[0], a->list);
		perror(a->list[0]); // ok: vfork-stdio
		exit(1); // ok: vfork-exit; expect: fork-child-exit
	}
	while (waitpid(pid, &status, 0) == -1) // ok: fork-unchecked
		if (errno != EINTR)
			fatal("run_local_cmd: waitpid: %s", strerror(errno));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
