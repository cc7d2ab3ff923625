/* Command runners of a build tool: a system()-like helper, a PATH search
 * done by hand, an exec tested in an if, and a filter started through a
 * helper that execs and then exits. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int run_shell_command(const char *cmd)
{
	int status;
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		exit(127); // expect: fork-child-exit
	}
	while (waitpid(pid, &status, 0) < 0) // ok: fork-unchecked
		if (errno != EINTR)
			return -1;
	return status;
}

/* The exit status tells "not found" from "not executable". */
pid_t start_tool(char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid == 0) {
		execvp(argv[0], argv);
		exit(errno == ENOENT ? 127 : 126); // expect: fork-child-exit
	}
	return pid;
}

/* Tries each directory of the search path in turn; every path through the
 * loop makes at least one exec attempt before the exit(). */
pid_t spawn_in_path(const char *name, char *const argv[], const char *path)
{
	pid_t pid = fork(); // site: fork; child: exit(); ok: fork-to-vfork

	if (pid == 0) {
		char buf[4096];
		const char *p = path;

		for (;;) {
			const char *colon = strchr(p, ':');
			int len = colon != NULL ? (int)(colon - p) : (int)strlen(p);

			snprintf(buf, sizeof buf, "%.*s/%s", len, p, name);
			execv(buf, argv);
			if (colon == NULL)
				break;
			p = colon + 1;
		}
		exit(127); // expect: fork-child-exit
	}
	return pid;
}

pid_t start_checked(char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid == 0) {
		if (execvp(argv[0], argv) < 0) {
			fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
			exit(126); // expect: fork-child-exit
		}
	}
	return pid;
}

static void run_or_die(char *const argv[])
{
	execvp(argv[0], argv);
	fprintf(stderr, "cannot run %s\n", argv[0]);
	exit(126); // ok: fork-child-exit
}

pid_t start_filter(char *const argv[], int in, int out)
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid == 0) {
		dup2(in, STDIN_FILENO);
		dup2(out, STDOUT_FILENO);
		run_or_die(argv); // expect: fork-child-exit
	}
	return pid;
}

/* Either exec may run; both paths reach the same exit(). */
pid_t start_maybe_shell(const char *shell, char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exit(); expect: fork-to-vfork

	if (pid == 0) {
		if (shell != NULL)
			execl(shell, shell, "-c", argv[0], (char *)NULL);
		else
			execvp(argv[0], argv);
		perror(shell != NULL ? shell : argv[0]);
		exit(127); // expect: fork-child-exit
	}
	return pid;
}

/* The vfork() version of the same mistake belongs to vfork-exit. */
pid_t start_filter_vfork(char *const argv[], int in, int out)
{
	pid_t pid = vfork(); // site: vfork; child: exit(); ok: fork-to-vfork

	if (pid == 0) {
		dup2(in, STDIN_FILENO);
		dup2(out, STDOUT_FILENO);
		execvp(argv[0], argv);
		exit(127); // expect: vfork-exit; ok: fork-child-exit; error-path
	}
	return pid;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return 2;
	if (run_shell_command(argv[1]) != 0)
		status = 1;
	exit(status); // ok: fork-child-exit
}
