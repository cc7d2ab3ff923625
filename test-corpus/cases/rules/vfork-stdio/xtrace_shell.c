/* A shell's external-command runner with `set -x` tracing. The trace was
 * printed by the child "to be close to the exec"; with vfork that writes
 * into the parent's stderr/stdout buffers. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern int xflag;
extern const char *ps4;

pid_t run_external(char **argv, char **envp)
{
	pid_t pid;
	int i;

	fflush(stdout); // ok: vfork-stdio
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		if (xflag) {
			int j;

			fputs(ps4, stderr); // expect: vfork-stdio
			for (j = 0; argv[j] != NULL; j++)
				fprintf(stderr, j ? " %s" : "%s", argv[j]); // expect: vfork-stdio
			putc('\n', stderr); // expect: vfork-stdio
		}
		fflush(stdout); // expect: vfork-stdio
		execve(argv[0], argv, envp);
		perror(argv[0]); // expect: vfork-stdio; error-path
		_exit(127);
	}
	if (pid < 0) {
		perror("vfork"); // ok: vfork-stdio
		return -1;
	}
	if (xflag) {
		for (i = 0; argv[i] != NULL; i++)
			printf("[%d] %s\n", (int)pid, argv[i]); // ok: vfork-stdio
	}
	return pid;
}

/* The vfork-safe runner: the trace is printed by the parent before vfork,
 * and the child reports a failed exec with write(2). */
pid_t run_external_fixed(char **argv, char **envp)
{
	static const char fail[] = ": cannot execute\n";
	pid_t pid;
	int j;

	if (xflag) {
		fputs(ps4, stderr); // ok: vfork-stdio
		for (j = 0; argv[j] != NULL; j++)
			fprintf(stderr, j ? " %s" : "%s", argv[j]);
		putc('\n', stderr);
	}
	fflush(NULL); // ok: vfork-stdio
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		execve(argv[0], argv, envp);
		write(2, argv[0], strlen(argv[0])); // ok: vfork-stdio
		write(2, fail, sizeof fail - 1); // ok: vfork-stdio
		_exit(127);
	}
	return pid;
}
