/* BUG: vfork wrapped in a function: the child returns from the wrapper at
 * once, and the parent later resumes in a frame the child has reused. */
#include <unistd.h>

static pid_t my_vfork(void)
{
	return vfork(); // site: vfork; child: may return; expect: vfork-return
}

int spawn_wrapped(char *const argv[])
{
	pid_t pid = my_vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}
