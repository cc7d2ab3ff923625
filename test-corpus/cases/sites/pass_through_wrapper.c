/* A wrapper that takes the vfork() result as its argument and hands it back
 * (the processes diverge before the wrapper runs, so nothing returns on the
 * shared stack). The result still reaches `pid`, and only the branch where it
 * is 0 is the child's. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int in_child;

pid_t note_vfork(pid_t pid)
{
	if (pid == 0)
		in_child = 1;
	return (pid_t)pid;
}

#define XVFORK() note_vfork(vfork())

void run(char **argv)
{
	pid_t pid;

	if (!(pid = XVFORK())) { // site: vfork; child: exec+_exit
		execvp(argv[0], argv);
		_exit(127);
	}
	printf("started %d\n", (int)pid); // ok: vfork-stdio; not-child
	free(argv); // ok: vfork-heap; not-child
}

void run_tested_directly(char **argv)
{
	if (note_vfork(vfork()) == 0) { // site: vfork; child: exec+_exit
		execvp(argv[0], argv);
		puts("exec failed"); // expect: vfork-stdio; in-child; error-path
		_exit(127);
	}
	puts("parent"); // ok: vfork-stdio; not-child
}

/* Not a pass-through: the value is changed before it is returned. */
pid_t bump(pid_t pid)
{
	pid = pid + 1;
	return pid;
}

void run_bumped(char **argv)
{
	pid_t pid = bump(vfork()); // site: vfork; child: exec+_exit, may return, unknown

	if (pid == 1) { // expect: vfork-no-exit, vfork-return
		execvp(argv[0], argv);
		_exit(127);
	}
}
