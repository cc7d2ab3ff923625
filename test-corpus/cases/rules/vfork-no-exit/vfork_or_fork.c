/* A tool box built for MMU and no-MMU targets picks vfork() or fork() at
 * run time. The result of the conditional expression is the vfork result
 * on the vfork path, and the code tests it like any other pid. BSD-style
 * (void) casts on the exec and the descriptor calls change nothing. */
#include <unistd.h>

extern int no_mmu;

pid_t spawn_any(char **argv, int in_fd)
{
	pid_t pid;

	pid = no_mmu
		? vfork() // site: vfork; child: exec+_exit; ok: vfork-no-exit
		: fork(); // site: fork; expect: fork-to-vfork
	if (pid == 0) { // ok: vfork-no-exit
		if (in_fd != 0) {
			(void)dup2(in_fd, 0);
			(void)close(in_fd);
		}
		(void)execvp(argv[0], argv);
		_exit(127); // ok: vfork-no-exit
	}
	return pid; // ok: vfork-return
}

/* The same with the child test written as !(pid = vfork()). */
pid_t spawn_negated(char **argv)
{
	pid_t pid;

	if (!(pid = vfork())) { // site: vfork; child: exec+_exit
		(void)execvp(argv[0], argv);
		_exit(127); // ok: vfork-no-exit
	}
	return pid; // ok: vfork-return
}
