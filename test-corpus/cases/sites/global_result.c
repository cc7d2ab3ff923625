/* A terminal multiplexer helper: the helper's pid lives in a global so a
 * SIGCHLD handler can find it. */
#include <signal.h>
#include <unistd.h>

static volatile pid_t helper_pid;
static char *const helper_argv[] = { "/usr/libexec/ptyhelper", NULL };

int start_helper(int ptyfd)
{
	helper_pid = vfork(); // site: vfork; child: exec+_exit
	if (helper_pid == 0) {
		dup2(ptyfd, 0); // in-child; ok: vfork-unsafe-call
		close(ptyfd); // in-child
		execv(helper_argv[0], helper_argv); // in-child
		_exit(127); // in-child; ok: vfork-exit
	}
	if (helper_pid < 0) // not-child
		return -1; // not-child; ok: vfork-return
	return 0; // not-child
}
