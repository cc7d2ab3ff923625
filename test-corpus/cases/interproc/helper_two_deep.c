/* A job runner whose error path hides exit() two calls deep: the child
 * calls run_or_die(), which calls fatal(), which prints and calls exit(). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void fatal(const char *what)
{
	fprintf(stderr, "runner: %s failed\n", what);
	exit(111);
}

static void run_or_die(char *const argv[])
{
	execvp(argv[0], argv);
	fatal(argv[0]);
}

pid_t start_job(char *const argv[], int out)
{
	pid_t pid = vfork(); // site: vfork; child: _exit, exit()

	if (pid == 0) {
		if (dup2(out, 1) < 0)
			_exit(126); // ok: vfork-exit
		run_or_die(argv); // expect: vfork-exit; ok: vfork-stdio; in-child; error-path
	}
	return pid; // not-child; ok: vfork-return, vfork-no-exit
}
