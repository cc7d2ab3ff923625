/* A cron daemon's job launcher. The parent looks up the user and prepares
 * the environment; the child only makes system calls. */
#include <sys/types.h>
#include <unistd.h>

struct job {
	const char *command;
	const char *shell;
	const char *home;
	uid_t uid;
	gid_t gid;
	char **envp;
	pid_t pid;
};

/* Tells the SIGCHLD handler and the atexit cleanup that this process is a
 * job, not the daemon. */
static int in_job_child;

int run_job(struct job *j, int outfd)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit, _exit; expect: fork-to-vfork

	if (pid < 0)
		return -1;
	if (pid == 0) {
		setsid();
		dup2(outfd, STDOUT_FILENO);
		dup2(outfd, STDERR_FILENO);
		close(outfd);
		if (setgid(j->gid) < 0 || setuid(j->uid) < 0)
			_exit(1);
		if (chdir(j->home) < 0 && chdir("/") < 0)
			_exit(1);
		execle(j->shell, j->shell, "-c", j->command, (char *)NULL, j->envp);
		_exit(127);
	}
	j->pid = pid;
	return 0;
}

/* The child flags itself through a global before the exec: harmless with
 * fork(), a write into the daemon's own flag with vfork(). */
int run_job_flagged(struct job *j)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork

	if (pid < 0)
		return -1;
	if (pid == 0) {
		in_job_child = 1;
		setsid();
		execle(j->shell, j->shell, "-c", j->command, (char *)NULL, j->envp);
		_exit(127);
	}
	j->pid = pid;
	return 0;
}

/* A bad home directory makes this child return -1 into the caller's code. */
int run_job_in_home(struct job *j)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit, may return; expect: fork-to-vfork

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (chdir(j->home) < 0)
			return -1;
		execle(j->shell, j->shell, "-c", j->command, (char *)NULL, j->envp);
		_exit(127);
	}
	j->pid = pid;
	return 0;
}

/* No _exit() after the exec: a failed exec falls through into the parent's
 * bookkeeping and returns 0 as if it were the daemon. */
int run_job_quick(struct job *j)
{
	pid_t pid = fork(); // site: fork; child: leaves into parent code; ok: fork-to-vfork, fork-no-exec

	if (pid == 0)
		execle(j->shell, j->shell, "-c", j->command, (char *)NULL, j->envp);
	if (pid < 0)
		return -1;
	j->pid = pid;
	return 0;
}

/* Already vfork(): nothing to suggest. */
int run_job_vfork(struct job *j)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit; ok: fork-to-vfork, fork-no-exec

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execle(j->shell, j->shell, "-c", j->command, (char *)NULL, j->envp);
		_exit(127);
	}
	j->pid = pid;
	return 0;
}
