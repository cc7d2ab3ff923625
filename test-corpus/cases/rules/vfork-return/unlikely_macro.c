/* Branch-prediction macros around the tests of the vfork result, as in
 * kernel-style and busybox-style code. __builtin_expect(e, c) has the value
 * of e: the child (result 0) never takes the `pid < 0` branch, so it never
 * reaches the error return, and __builtin_expect is a compiler builtin, not
 * a call. */
#include <unistd.h>

#define unlikely(x) __builtin_expect(!!(x), 0)

pid_t spawn_helper(char **argv, int fd)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit, _exit
	if (unlikely(pid < 0)) // ok: vfork-unsafe-call
		return -1; // ok: vfork-return
	if (pid == 0) {
		if (unlikely(dup2(fd, 1) < 0)) // ok: vfork-unsafe-call
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid; // ok: vfork-return
}
