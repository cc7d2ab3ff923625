/* A parallel command runner in the style of xargs -P: one child per
 * command, all started before any is reaped. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXJOBS 64

struct job {
	char **argv;
	pid_t pid;
	int status;
};

static void reap_all(struct job *jobs, int njobs, int running)
{
	int i;

	while (running > 0) {
		int status;
		pid_t done = wait(&status);

		if (done < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < njobs; i++)
			if (jobs[i].pid == done)
				jobs[i].status = status;
		running--;
	}
}

/* The child only redirects stdin and execs: the loop can spawn with
 * vfork(). */
int run_parallel(struct job *jobs, int njobs, int nullfd)
{
	int i, running = 0;

	for (i = 0; i < njobs && i < MAXJOBS; i++) {
		pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

		if (pid < 0) {
			perror("fork");
			break;
		}
		if (pid == 0) {
			dup2(nullfd, STDIN_FILENO);
			close(nullfd);
			execvp(jobs[i].argv[0], jobs[i].argv);
			_exit(errno == ENOENT ? 127 : 126);
		}
		jobs[i].pid = pid;
		running++;
	}
	reap_all(jobs, njobs, running);
	return i;
}

/* Each child shortens argv[0] to the command's base name before the exec.
 * The store goes into the job table: the child's own copy under fork(),
 * the parent's table under vfork(). */
int run_parallel_short_names(struct job *jobs, int njobs)
{
	int i, running = 0;

	for (i = 0; i < njobs && i < MAXJOBS; i++) {
		pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork, fork-no-exec

		if (pid < 0)
			break;
		if (pid == 0) {
			char *path = jobs[i].argv[0];
			char *slash = strrchr(path, '/');

			if (slash != NULL)
				jobs[i].argv[0] = slash + 1;
			execv(path, jobs[i].argv);
			_exit(127);
		}
		jobs[i].pid = pid;
		running++;
	}
	reap_all(jobs, njobs, running);
	return i;
}

/* The same renaming moved into a helper of this file: the helper's store
 * through its argument still lands in the job table. */
static void use_short_name(char **argv)
{
	char *slash = strrchr(argv[0], '/');

	if (slash != NULL)
		argv[0] = slash + 1;
}

int run_one_short_name(struct job *job)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork, fork-no-exec

	if (pid < 0)
		return -1;
	if (pid == 0) {
		char *path = job->argv[0];

		use_short_name(job->argv);
		execv(path, job->argv);
		_exit(127);
	}
	job->pid = pid;
	return 0;
}

/* Fire and forget: flush the disks in the background before power-off. */
void background_sync(void)
{
	if (fork() == 0) { // site: fork; child: exec+_exit; expect: fork-to-vfork
		execlp("sync", "sync", (char *)NULL);
		_exit(1);
	}
}
