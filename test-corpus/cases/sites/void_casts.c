/* Casts everywhere, as strict-warning code bases write them: the site is
 * cast to pid_t and every ignored result is cast to void. */
#include <unistd.h>

int launch_hook(const char *hook, int quiet)
{
	pid_t pid;

	pid = (pid_t)vfork(); // site: vfork; child: exec+_exit
	if (pid == (pid_t)0) {
		if (quiet) { // in-child
			(void)close(STDOUT_FILENO); // in-child; ok: vfork-unsafe-call
			(void)close(STDERR_FILENO); // in-child
		}
		(void)execl(hook, hook, (char *)NULL); // in-child; ok: vfork-unsafe-call
		_exit(127); // in-child; ok: vfork-exit
	}
	return pid < (pid_t)0 ? -1 : 0; // not-child; ok: vfork-return
}
