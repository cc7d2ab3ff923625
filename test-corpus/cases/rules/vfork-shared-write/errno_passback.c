/* Reporting a failed exec back to the parent. Because the vfork child
 * borrows the parent's memory, storing errno into a volatile local of the
 * parent is the known idiom (note only). A plain local may be cached in a
 * register by the parent and is a real shared write, and so is a store
 * through the caller's pointer. */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

int spawn_report_errno(char **argv, int *err_out)
{
	volatile int exec_errno = 0;
	pid_t pid;
	int status;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		execvp(argv[0], argv);
		exec_errno = errno; // expect: vfork-shared-write[note]; error-path
		_exit(127);
	}
	if (pid < 0)
		return -1;
	waitpid(pid, &status, 0);
	if (exec_errno != 0) {
		*err_out = exec_errno; // ok: vfork-shared-write
		return -1;
	}
	return status;
}

int spawn_report_errno_plain(char **argv, int *err_out)
{
	int saved_errno = 0;
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		execvp(argv[0], argv);
		saved_errno = errno; // expect: vfork-shared-write; error-path
		*err_out = errno; // expect: vfork-shared-write; error-path
		_exit(127);
	}
	if (saved_errno != 0)
		return -1;
	return pid;
}

/* A job-control shell child putting itself into its own process group:
 * writing the pid variable is not a shared write (the parent's copy gets the
 * vfork result when vfork returns), and neither are the child's own locals. */
int spawn_in_group(char **argv, pid_t pgid)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		int tty;

		pid = getpid(); // ok: vfork-shared-write
		setpgid(pid, pgid ? pgid : pid);
		tty = open("/dev/tty", 2); // ok: vfork-shared-write
		if (tty >= 0) {
			tcsetpgrp(tty, pgid ? pgid : pid);
			close(tty);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}
