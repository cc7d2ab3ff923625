/* Linux userland tools spell the attribute through a `__noreturn` macro;
 * the child's failure helper (in another file) is declared with it. */
#include <unistd.h>

#define __noreturn __attribute__((__noreturn__))

extern void child_die(const char *what) __noreturn;

pid_t spawn_tool(char *const argv[], int outfd)
{
	pid_t pid = vfork(); // site: vfork; child: noreturn call

	if (pid == 0) {
		if (dup2(outfd, 1) < 0) // in-child
			child_die("dup2 failed"); // in-child; expect: vfork-unsafe-call; error-path
		execvp(argv[0], argv); // in-child
		child_die("exec failed"); // in-child; expect: vfork-unsafe-call; ok: vfork-no-exit; error-path
	}
	close(outfd); // not-child
	return pid; // not-child; ok: vfork-return
}
