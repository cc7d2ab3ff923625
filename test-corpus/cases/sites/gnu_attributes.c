/* GNU attributes around a spawn routine: a noreturn failure helper that
 * lives in another file, and an unused parameter. */
#include <unistd.h>

extern void child_fail(const char *what) __attribute__((noreturn));

pid_t spawn_editor(char *const argv[], int flags __attribute__((unused)))
{
	pid_t pid __attribute__((aligned(8)));

	pid = vfork(); // site: vfork; child: noreturn call
	if (pid == 0) {
		execvp(argv[0], argv); // in-child; ok: vfork-unsafe-call
		child_fail("exec"); // in-child; expect: vfork-unsafe-call; error-path
	}
	return pid; // not-child; ok: vfork-return
}
