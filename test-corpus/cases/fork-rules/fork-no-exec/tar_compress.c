/* tar -z in two shapes. In the first, the archive writer runs in-process
 * in a forked child that feeds a pipe, and the parent becomes gzip: the
 * exec is the parent's, the child never execs. In the second the child is
 * gzip and the parent writes the archive. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_archive(const char *const *files, int outfd)
{
	FILE *out = fdopen(outfd, "w");
	char buf[4096];

	if (out == NULL)
		return -1;
	for (; *files != NULL; files++) {
		ssize_t n;
		int fd = open(*files, O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "tar: %s: cannot open\n", *files);
			continue;
		}
		while ((n = read(fd, buf, sizeof buf)) > 0)
			fwrite(buf, 1, (size_t)n, out);
		close(fd);
	}
	return fclose(out);
}

int create_compressed(const char *const *files, int outfd)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork(); // site: fork; child: _exit; expect: fork-no-exec
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(p[0]);
		_exit(write_archive(files, p[1]) == 0 ? 0 : 2);
	}
	close(p[1]);
	dup2(p[0], STDIN_FILENO);
	dup2(outfd, STDOUT_FILENO);
	close(p[0]);
	execlp("gzip", "gzip", "-c", (char *)NULL);
	perror("gzip");
	return -1;
}

int create_compressed_child_gzip(const char *const *files, int outfd)
{
	int p[2];
	int status;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork(); // site: fork; child: exec+_exit; ok: fork-no-exec; expect: fork-to-vfork
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(p[1]);
		dup2(p[0], STDIN_FILENO);
		dup2(outfd, STDOUT_FILENO);
		close(p[0]);
		execlp("gzip", "gzip", "-c", (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	write_archive(files, p[1]);
	if (waitpid(pid, &status, 0) < 0) // ok: fork-unchecked
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
