/* The "command" form, with a quoted -D: CHILD_DONE is _exit here. */
#include <unistd.h>

int spawn(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		execv(argv[0], argv);
		CHILD_DONE(127);
	}
	return pid;
}
