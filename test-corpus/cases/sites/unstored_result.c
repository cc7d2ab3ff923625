/* A screen locker spawning its unlock helper: the pid is never kept, the
 * parent just waits for any child. */
#include <sys/wait.h>
#include <unistd.h>

int run_unlock_helper(char *const argv[])
{
	int status;

	if (vfork() == 0) { // site: vfork; child: exec+_exit
		execv(argv[0], argv); // in-child; ok: vfork-unsafe-call
		_exit(127); // in-child; ok: vfork-exit
	}
	if (wait(&status) < 0) // not-child
		return -1; // not-child; ok: vfork-return
	return WIFEXITED(status) && WEXITSTATUS(status) == 0; // not-child
}
