/* glibc-style TEMP_FAILURE_RETRY (a GNU statement expression) used in the
 * child to make dup2 robust against EINTR. */
#include <errno.h>
#include <unistd.h>

#define RETRY_EINTR(expr) \
	({ long _r; do _r = (long)(expr); while (_r == -1L && errno == EINTR); _r; })

int spawn_logger(char *const argv[], int logfd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		RETRY_EINTR(dup2(logfd, 2)); // in-child; ok: vfork-unsafe-call, vfork-shared-write
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid < 0 ? -1 : 0; // not-child; ok: vfork-return
}
