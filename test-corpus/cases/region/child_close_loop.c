/* A loop inside the child (closing inherited descriptors) must not look
 * like a child that loops forever. */
#include <unistd.h>

pid_t spawn_clean_fds(char *const argv[], int maxfd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) { // in-child
		int fd; // in-child

		for (fd = 3; fd < maxfd; fd++) // in-child; ok: vfork-no-exit, vfork-shared-write
			close(fd); // in-child
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
