/* Classic double-fork daemonization: two fork sites in one function. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int daemonize(void)
{
	pid_t pid;
	int fd;

	pid = fork(); // site: fork; child: _exit, may return; expect: fork-no-exec
	if (pid < 0)
		return -1; // not-child
	if (pid > 0)
		_exit(0); // not-child
	if (setsid() < 0) // in-child
		return -1; // in-child
	pid = fork(); // site: fork; child: may return; in-child; expect: fork-no-exec
	if (pid < 0) // in-child
		return -1; // in-child
	if (pid > 0)
		_exit(0); // in-child
	umask(022); // in-child
	if (chdir("/") < 0) // in-child
		return -1; // in-child
	fd = open("/dev/null", O_RDWR); // in-child
	if (fd >= 0) { // in-child
		dup2(fd, 0); // in-child
		dup2(fd, 1); // in-child
		dup2(fd, 2); // in-child
		if (fd > 2) // in-child
			close(fd); // in-child
	}
	return 0; // in-child
}
