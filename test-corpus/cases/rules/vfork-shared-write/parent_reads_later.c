/* A parent local the child writes and the parent reads after vfork() returns:
 * the parent may see the child's value (a warning). The same kind of store to a
 * local the parent never reads again is only a note. */
#include <unistd.h>

int wait_for(pid_t pid);

int spawn_counting(char **argv, int tries)
{
	int attempts = 0;
	int scratch = 0;
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		attempts = tries; // expect: vfork-shared-write[warning] "lives in the parent's stack frame: the parent may see"
		scratch = tries; // expect: vfork-shared-write[note] "does not read"
		execv(argv[0], argv);
		_exit(127);
	}
	wait_for(pid);
	return attempts;
}
