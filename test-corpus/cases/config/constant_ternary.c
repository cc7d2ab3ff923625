/* busybox writes `BB_MMU ? xfork() : xvfork()`: BB_MMU is a constant of the
 * configuration, so only one arm exists in a build. The other arm is neither a
 * site nor code the child runs. */
#include <stdlib.h>
#include <unistd.h>

#ifndef MMU
#define MMU 1
#endif

#define xvfork() ({ pid_t p_ = vfork(); if (p_ < 0) abort(); p_; })
pid_t xfork(void);

int run(char **a, char *buf)
{
	if ((MMU ? fork() : vfork()) == 0) { // site: fork; expect: fork-to-vfork
		execv(a[0], a);
		_exit(127);
	}
	free(buf); // not-child; ok: vfork-heap
	return 0; // ok: vfork-return
}

int run_wrapped(char **a)
{
	pid_t pid = MMU ? xfork() : xvfork(); // ok: vfork-unsafe-call

	if (pid == 0) {
		execv(a[0], a);
		_exit(127);
	}
	return pid; // ok: vfork-return
}
