/* switch on the result: `case -1` and `default` are the parent's, code after
 * the switch too; only `case 0` is the child's. */
#include <unistd.h>

extern void warn_errno(const char *what);
extern void note_started(pid_t pid);

int start_daemon(const char *path, char *const argv[], char *const envp[])
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	switch (pid) { // in-child
	case -1:
		warn_errno("vfork"); // not-child
		return -1; // not-child
	case 0:
		setsid(); // in-child
		execve(path, argv, envp); // in-child
		_exit(127); // in-child
	default:
		note_started(pid); // not-child
		break;
	}
	return pid; // not-child
}
