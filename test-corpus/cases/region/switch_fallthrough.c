/* BUG: `case 0` has no _exit after the exec and falls through into the
 * parent's `default` arm. */
#include <unistd.h>

extern void note_started(pid_t pid);

int start_fallthrough(char *const argv[])
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: leaves into parent code
	case -1:
		return -1; // not-child
	case 0:
		execvp(argv[0], argv); // in-child; expect: vfork-no-exit
	default:
		note_started(pid);
	}
	return 0;
}
