/* An init system starting a one-shot task: switch on the vfork result with
 * the three classic arms. */
#include <signal.h>
#include <unistd.h>

extern char **environ;

pid_t start_task(const char *path, char *const argv[], const sigset_t *saved_mask)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: exec+_exit
	case -1:
		return -1; // not-child
	case 0:
		sigprocmask(SIG_SETMASK, saved_mask, NULL); // in-child; ok: vfork-unsafe-call
		setsid(); // in-child
		execve(path, argv, environ); // in-child
		_exit(127); // in-child; ok: vfork-exit
	default:
		break;
	}
	return pid; // not-child; ok: vfork-return
}
