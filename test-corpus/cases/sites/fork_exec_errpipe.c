/* fork + exec with a close-on-exec pipe that carries errno back when exec
 * fails (the child owns a copy of memory, so it may do more here). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

pid_t spawn_checked(char *const argv[], int *err)
{
	int p[2];
	pid_t pid;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork
	if (pid == 0) {
		close(p[0]); // in-child
		execvp(argv[0], argv); // in-child
		*err = errno; // in-child
		write(p[1], err, sizeof *err); // in-child
		_exit(127); // in-child
	}
	close(p[1]); // not-child
	if (pid < 0) { // not-child
		close(p[0]); // not-child
		return -1; // not-child
	}
	n = read(p[0], err, sizeof *err); // not-child
	close(p[0]); // not-child
	return n == 0 ? pid : -1; // not-child
}
