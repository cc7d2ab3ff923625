/* An unshare(1)-like launcher: the child enters a new user namespace and
 * must wait until the parent has written its uid and gid maps before it
 * execs. Every call in the child is a plain system call, but the child
 * blocks on a pipe that the parent only writes after fork() returns. Under
 * vfork() the parent stays suspended until the child execs or exits, so the
 * two would wait for each other forever: this fork() must stay a fork(). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_map(pid_t pid, const char *file, const char *line)
{
	char path[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	n = write(fd, line, strlen(line));
	close(fd);
	return n < 0 ? -1 : 0;
}

int run_in_userns(char *const argv[], const char *uidmap, const char *gidmap)
{
	int sync[2];
	int status;
	pid_t pid;

	if (pipe(sync) < 0)
		return -1;
	pid = fork(); // site: fork; child: exec+_exit, _exit; ok: fork-to-vfork; the child waits for the parent
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char go;

		close(sync[1]);
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
			_exit(1);
		if (read(sync[0], &go, 1) != 1)
			_exit(1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(sync[0]);
	write_map(pid, "uid_map", uidmap);
	write_map(pid, "gid_map", gidmap);
	write(sync[1], "1", 1);
	close(sync[1]);
	if (waitpid(pid, &status, 0) < 0) // ok: fork-unchecked
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
