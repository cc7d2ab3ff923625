/* BUG: the child jumps to the function's cleanup label on a failed dup2;
 * from there it runs the parent's cleanup and returns. */
#include <unistd.h>

int spawn_with_cleanup(char *const argv[], int fd)
{
	pid_t pid;
	int ret = -1;

	pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code
	if (pid < 0) // in-child
		goto out;
	if (pid == 0) { // in-child
		if (dup2(fd, 0) < 0) goto out; // in-child; expect: vfork-no-exit; error-path
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	ret = 0; // not-child
out:
	close(fd);
	return ret;
}
