/* A tool-box shell: builtins can run in a forked child (in a pipeline or a
 * subshell) without any exec; external commands exec. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct command {
	char **argv;
	struct command *next;
};

static int builtin_echo(char **argv)
{
	int i;

	for (i = 1; argv[i] != NULL; i++)
		printf(i > 1 ? " %s" : "%s", argv[i]);
	putchar('\n');
	return fflush(stdout) == 0 ? 0 : 1;
}

static int is_builtin(const char *name)
{
	return strcmp(name, "echo") == 0;
}

static int wait_for(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) // ok: fork-unchecked
		if (errno != EINTR)
			return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* "( echo a; echo b )": the subshell runs the builtins in-process and
 * exits with the last status. */
int eval_subshell(struct command *list)
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-no-exec

	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		int status = 0;

		for (; list != NULL; list = list->next)
			status = builtin_echo(list->argv);
		exit(status); // ok: fork-child-exit
	}
	return wait_for(pid);
}

/* One pipeline stage: a builtin runs in the child, anything else is
 * exec'ed. The child execs on one of its paths. */
pid_t start_stage(struct command *c, int in, int out)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit, exit(); ok: fork-no-exec, fork-to-vfork

	if (pid != 0)
		return pid;
	if (in != STDIN_FILENO) {
		dup2(in, STDIN_FILENO);
		close(in);
	}
	if (out != STDOUT_FILENO) {
		dup2(out, STDOUT_FILENO);
		close(out);
	}
	if (is_builtin(c->argv[0]))
		exit(builtin_echo(c->argv)); // ok: fork-child-exit
	execvp(c->argv[0], c->argv);
	_exit(errno == ENOENT ? 127 : 126);
}

/* Probes at startup whether vfork() works on this kernel; the vfork child
 * only ends itself. */
int vfork_works(void)
{
	int status;
	pid_t pid = vfork(); // site: vfork; child: _exit; ok: fork-no-exec, fork-to-vfork

	if (pid == 0)
		_exit(42);
	if (pid < 0 || waitpid(pid, &status, 0) != pid) // ok: fork-unchecked
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 42;
}
