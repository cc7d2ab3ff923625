/* Findings the child makes only when a system call failed are tagged [error path] and reported one
 * level lower; what it does when every call works stays on the normal path. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

pid_t spawn_redirected(const char *out, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit, exit()

	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT, 0644);

		if (fd < 0) {
			perror(out); // expect: vfork-stdio[warning]; error-path
			exit(1); // expect: vfork-exit[warning]; error-path
		}
		if (dup2(fd, 1) == -1)
			_exit(126);
		if (chdir("/"))
			fputs("chdir failed\n", stderr); // expect: vfork-stdio[warning]; error-path
		if (-1 == dup2(fd, 2))
			printf("dup2\n"); // expect: vfork-stdio[warning]; error-path
		setenv("SPAWNED", "1", 1); // expect: vfork-unsafe-call
		execve(argv[0], argv, environ);
		_exit(127);
	}
	return pid;
}

pid_t spawn_logged(const char *log, const char *msg, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, exit()

	if (pid == 0) {
		FILE *fp;
		size_t n = strlen(msg);
		int fd;

		if ((fp = fopen(log, "a")) == NULL) // expect: vfork-stdio[error]
			exit(2); // expect: vfork-exit[warning]; error-path
		fd = fileno(fp); // expect: vfork-stdio[error]
		if (write(fd, msg, n) != n)
			puts("short write"); // expect: vfork-stdio[warning]; error-path
		if (dup2(fd, 1) >= 0)
			printf("redirected\n"); // expect: vfork-stdio[error]
		else
			printf("not redirected\n"); // expect: vfork-stdio[warning]; error-path
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Tests that say nothing about failure leave the normal path alone. */
pid_t spawn_compare(const char *a, const char *b, int fd, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		int r = 0;

		if (strcmp(a, b) < 0)
			puts("less"); // expect: vfork-stdio[error]
		if (dup2(fd, 0))
			puts("not stdin"); // expect: vfork-stdio[error]
		r = dup2(fd, 1);
		r = r + 1;
		if (r < 0)
			puts("mixed"); // expect: vfork-stdio[error]
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
