/* A cron-like job runner: the failure case is handled first, then the child,
 * then the parent, in one if / else-if / else chain. */
#include <unistd.h>

extern void log_error(const char *msg);

int run_job(const char *shell, const char *cmd, pid_t *out)
{
	pid_t pid;

	if ((pid = vfork()) < 0) { // site: vfork; child: exec+_exit
		log_error("vfork failed"); // not-child
		return -1; // not-child
	} else if (pid == 0) { // in-child
		setpgid(0, 0); // in-child; ok: vfork-unsafe-call
		execl(shell, shell, "-c", cmd, (char *)0); // in-child
		_exit(127); // in-child; ok: vfork-exit
	} else {
		*out = pid; // not-child; ok: vfork-shared-write
	}
	return 0; // not-child; ok: vfork-return
}
