/* A job-control shell puts each job in its own process group and hands it
 * the terminal. setpgid(-1, -1) and tcsetpgrp(fd, -1) fail quietly, and the
 * shell then waits for "any child" when the job never started. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct job {
	char **argv;
	pid_t pgid;
	int status;
};

static void default_signals(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
}

int launch_job(struct job *j, int ttyfd, int foreground)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		setpgid(0, 0);
		default_signals();
		execvp(j->argv[0], j->argv);
		_exit(127);
	}
	setpgid(pid, pid); // expect: fork-unchecked
	j->pgid = pid;
	if (foreground) {
		tcsetpgrp(ttyfd, pid); // expect: fork-unchecked
		waitpid(pid, &j->status, WUNTRACED); // expect: fork-unchecked
		tcsetpgrp(ttyfd, getpgrp());
	}
	return 0;
}

int launch_job_checked(struct job *j, int ttyfd, int foreground)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid < 0) {
		perror("fork");
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		default_signals();
		execvp(j->argv[0], j->argv);
		_exit(127);
	}
	setpgid(pid, pid); // ok: fork-unchecked
	j->pgid = pid;
	if (foreground) {
		tcsetpgrp(ttyfd, pid); // ok: fork-unchecked
		waitpid(pid, &j->status, WUNTRACED); // ok: fork-unchecked
		tcsetpgrp(ttyfd, getpgrp());
	}
	return 0;
}

/* switch on the result: the -1 arm only warns and breaks out to the wait. */
int run_background(struct job *j)
{
	pid_t pid;

	switch (pid = fork()) { // site: fork; child: exec+_exit; expect: fork-to-vfork
	case -1:
		perror("fork");
		break;
	case 0:
		setpgid(0, 0);
		execvp(j->argv[0], j->argv);
		_exit(127);
	}
	killpg(pid, SIGCONT); // expect: fork-unchecked
	return 0;
}

/* switch with a -1 arm that returns. */
int run_foreground(struct job *j)
{
	pid_t pid;

	switch (pid = fork()) { // site: fork; child: exec+_exit; expect: fork-to-vfork
	case -1:
		perror("fork");
		return -1;
	case 0:
		execvp(j->argv[0], j->argv);
		_exit(127);
	default:
		break;
	}
	while (waitpid(pid, &j->status, 0) < 0) // ok: fork-unchecked
		if (errno != EINTR)
			return -1;
	return 0;
}
