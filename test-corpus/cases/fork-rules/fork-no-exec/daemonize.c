/* Two ways a network daemon detaches from its terminal: the classic
 * double fork, and a single fork that runs the accept loop in the child.
 * Neither child ever execs, so neither can become vfork() on no-MMU. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile int stopping;

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fprintf(f, "%ld\n", (long)getpid());
	return fclose(f);
}

int become_daemon(const char *pidfile)
{
	pid_t pid;
	int fd;

	pid = fork(); // site: fork; child: _exit, may return; expect: fork-no-exec
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -1;
	pid = fork(); // site: fork; child: may return; expect: fork-no-exec
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	umask(022);
	if (chdir("/") < 0)
		return -1;
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > 2)
			close(fd);
	}
	return write_pidfile(pidfile);
}

static void serve(int listenfd)
{
	char buf[512];

	while (!stopping) {
		ssize_t n;
		int c = accept(listenfd, NULL, NULL);

		if (c < 0)
			continue;
		while ((n = read(c, buf, sizeof buf)) > 0)
			write(c, buf, n);
		close(c);
	}
}

void detach_and_serve(int listenfd)
{
	switch (fork()) { // site: fork; child: exit(); expect: fork-no-exec
	case -1:
		perror("fork");
		exit(1);
	case 0:
		break;
	default:
		_exit(0);
	}
	setsid();
	serve(listenfd);
	exit(0); // ok: fork-child-exit
}
