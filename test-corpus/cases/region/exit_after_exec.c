/* BUG: exit() and err() after a failed exec run atexit handlers and flush
 * the parent's stdio buffers. */
#include <err.h>
#include <stdlib.h>
#include <unistd.h>

pid_t spawn_exit(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exit()

	if (pid == 0) { // in-child
		if (dup2(fd, 1) < 0) // in-child
			err(1, "dup2"); // in-child; expect: vfork-exit; error-path
		execvp(argv[0], argv); // in-child
		exit(127); // in-child; expect: vfork-exit; error-path
	}
	return pid; // not-child
}
