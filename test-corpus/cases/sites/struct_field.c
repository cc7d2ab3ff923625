/* Job control in a small shell: the result goes straight into job->pid. */
#include <unistd.h>

struct job {
	pid_t pid;
	pid_t pgid;
	int infd, outfd;
	char **argv;
};

int launch_job(struct job *job)
{
	job->pid = vfork(); // site: vfork; child: exec+_exit
	if (job->pid < 0)
		return -1; // not-child
	if (job->pid == 0) { // in-child
		setpgid(0, job->pgid); // in-child; ok: vfork-unsafe-call
		if (job->infd != 0) { // in-child
			dup2(job->infd, 0); // in-child
			close(job->infd); // in-child
		}
		if (job->outfd != 1) { // in-child
			dup2(job->outfd, 1); // in-child
			close(job->outfd); // in-child
		}
		execvp(job->argv[0], job->argv); // in-child
		_exit(127); // in-child; ok: vfork-exit
	}
	if (job->pgid == 0) // not-child
		job->pgid = job->pid; // not-child; ok: vfork-shared-write
	setpgid(job->pid, job->pgid); // not-child
	return 0; // not-child
}
