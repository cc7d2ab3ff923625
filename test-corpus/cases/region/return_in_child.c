/* BUG: the child returns an error code when chdir fails, unwinding the
 * frame the parent will resume in. */
#include <unistd.h>

int spawn_in_dir(const char *dir, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, may return

	if (pid == 0) { // in-child
		if (chdir(dir) < 0) // in-child
			return -1; // in-child; expect: vfork-return; error-path
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
