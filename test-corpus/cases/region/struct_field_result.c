/* A process-group launcher: the result goes into pg->leader and the parent's
 * bookkeeping follows a `pg->leader > 0` test. */
#include <unistd.h>

struct pgroup {
	pid_t leader;
	int members;
	int ttyfd;
};

int start_leader(struct pgroup *pg, char *const argv[])
{
	pg->leader = vfork(); // site: vfork; child: exec+_exit
	if (pg->leader > 0) { // in-child
		pg->members = 1; // not-child
		tcsetpgrp(pg->ttyfd, pg->leader); // not-child
		return 0; // not-child
	}
	if (pg->leader < 0) // in-child
		return -1; // not-child
	setpgid(0, 0); // in-child
	execvp(argv[0], argv); // in-child
	_exit(127); // in-child
}
