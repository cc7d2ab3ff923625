/* One child with many endings, to pin the order of the summary:
 * exec+_exit, _exit, abort, exit(), noreturn call, may return. */
#include <stdlib.h>
#include <unistd.h>

extern void fatal_child(const char *msg) __attribute__((noreturn));

int spawn_everything(char *const argv[], const char *dir, int fd, int strict)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit, abort, exit(), noreturn call, may return

	if (!pid) { // in-child
		if (setsid() < 0) // in-child
			_exit(126); // in-child
		if (dup2(fd, 0) < 0) // in-child
			abort(); // in-child
		if (chdir(dir) < 0) { // in-child
			if (strict) // in-child
				exit(1); // in-child; expect: vfork-exit; error-path
			return -1; // in-child; expect: vfork-return; error-path
		}
		if (fd > 2 && close(fd) < 0) // in-child
			fatal_child("close"); // in-child; expect: vfork-unsafe-call; error-path
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid < 0 ? -1 : 0; // not-child
}
