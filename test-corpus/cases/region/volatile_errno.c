/* The known idiom: a volatile local of the parent carries errno back from a
 * failed exec (a note, not a warning); a plain local does not qualify. */
#include <errno.h>
#include <unistd.h>

int spawn_report(char *const argv[], int *err)
{
	volatile int exec_errno = 0;
	int failed = 0;
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) { // in-child
		execvp(argv[0], argv); // in-child
		exec_errno = errno; // in-child; expect: vfork-shared-write[note]; error-path
		failed = 1; // in-child; expect: vfork-shared-write[note]; error-path
		_exit(127); // in-child
	}
	*err = exec_errno; // not-child
	return pid < 0 || failed ? -1 : pid; // not-child
}
