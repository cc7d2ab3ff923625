/* Service-manager code preparing descriptors in the child. The loop counter
 * and the flags word belong to the parent's frame, a static declared inside
 * the child's block is still one object shared with the parent, and the
 * argv array passed in is the caller's memory. A variable declared in the
 * child's block is the child's own, even when it has the same name as one
 * of the parent's locals. */
#include <fcntl.h>
#include <unistd.h>

int spawned_total;

pid_t start_with_fds(char **argv, const int *keep, int nkeep, int maxfd)
{
	pid_t pid;
	int i, fd;
	int flags = 0;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		static char *const default_env[] = { "PATH=/usr/bin:/bin", NULL };
		static int child_runs;

		for (i = 0; i < nkeep; i++) { // expect: vfork-shared-write
			flags = fcntl(keep[i], F_GETFD); // expect: vfork-shared-write
			flags &= ~FD_CLOEXEC; // expect: vfork-shared-write
			fcntl(keep[i], F_SETFD, flags);
		}
		for (fd = 3; fd < maxfd; fd++) // expect: vfork-shared-write[note] "that the parent does not read after vfork() returns"
			close(fd);
		child_runs++; // expect: vfork-shared-write
		argv[0] = "svc-worker"; // expect: vfork-shared-write
		execve(argv[0], argv, default_env);
		_exit(127);
	}
	return pid;
}

pid_t start_with_fds_fixed(char *const *argv, const int *keep, int nkeep, int maxfd,
			   const char *lockfile)
{
	pid_t pid;
	int fd = -1;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		int i, fd;

		for (i = 0; i < nkeep; i++) { // ok: vfork-shared-write
			int flags = fcntl(keep[i], F_GETFD); // ok: vfork-shared-write

			flags &= ~FD_CLOEXEC; // ok: vfork-shared-write
			fcntl(keep[i], F_SETFD, flags);
		}
		for (fd = 3; fd < maxfd; fd++) // ok: vfork-shared-write
			close(fd);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid > 0) {
		fd = open(lockfile, O_WRONLY | O_CREAT | O_TRUNC, 0644); // ok: vfork-shared-write
		if (fd >= 0) {
			write(fd, &pid, sizeof pid);
			close(fd);
		}
		spawned_total++; // ok: vfork-shared-write
	}
	return pid;
}

/* fork(): the child writes its own copy of the globals; not a vfork issue. */
pid_t start_forked(char **argv)
{
	pid_t pid = fork(); // site: fork

	if (pid == 0) {
		spawned_total = 0; // ok: vfork-shared-write
		argv[0] = "svc-worker"; // ok: vfork-shared-write
		execv("/usr/libexec/svc", argv);
		_exit(127);
	}
	return pid;
}
