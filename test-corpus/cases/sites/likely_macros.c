/* Branch-prediction hints around the pid tests, as daemons written in the
 * systemd style do: the tests hide inside __builtin_expect. */
#include <errno.h>
#include <unistd.h>

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

int spawn_hinted(char *const argv[], int nullfd)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (unlikely(pid < 0)) // in-child; ok: vfork-no-exit, vfork-unsafe-call
		return -errno; // not-child; ok: vfork-return
	if (unlikely(pid == 0)) { // in-child; ok: vfork-unsafe-call
		dup2(nullfd, STDIN_FILENO); // in-child; ok: vfork-unsafe-call
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	close(nullfd); // not-child; ok: vfork-no-exit
	return pid; // not-child; ok: vfork-return
}
