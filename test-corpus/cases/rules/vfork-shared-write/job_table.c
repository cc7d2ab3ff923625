/* A job-control shell launching the processes of a job. Code written for
 * fork() updates the shell's bookkeeping from the child; with vfork those
 * stores land in the parent's globals, statics and job structures. */
#include <signal.h>
#include <unistd.h>

struct process {
	char **argv;
	pid_t pid;
	int status;
};

struct job {
	pid_t pgid;
	int nprocs;
	struct process *procs;
	int foreground;
};

int in_subshell;
int last_bg_pid;
extern int shell_terminal;

pid_t launch_process_bad(struct job *j, struct process *p, int login)
{
	static int launched;
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		char **av = p->argv;

		in_subshell = 1; // expect: vfork-shared-write "`in_subshell`, a global or static variable"
		launched++; // expect: vfork-shared-write
		if (j->pgid == 0)
			j->pgid = getpid(); // expect: vfork-shared-write
		p->pid = getpid(); // expect: vfork-shared-write
		setpgid(0, j->pgid);
		if (j->foreground)
			tcsetpgrp(shell_terminal, j->pgid);
		signal(SIGINT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		if (login)
			av[0] = "-sh"; // expect: vfork-shared-write "`av[0]` through a pointer"
		execvp(p->argv[0], av);
		p->status = 127 << 8; // expect: vfork-shared-write; error-path
		_exit(127);
	}
	return pid;
}

/* The bookkeeping is done by the parent after vfork() returns; the child
 * only uses values computed before the call. */
pid_t launch_process(struct job *j, struct process *p, char **login_argv)
{
	pid_t pid;
	pid_t pgid = j->pgid;
	int fg = j->foreground;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		pid_t me = getpid(); // ok: vfork-shared-write

		setpgid(0, pgid ? pgid : me);
		if (fg)
			tcsetpgrp(shell_terminal, pgid ? pgid : me);
		signal(SIGINT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		execvp(login_argv ? login_argv[0] : p->argv[0], login_argv ? login_argv : p->argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	p->pid = pid; // ok: vfork-shared-write
	if (j->pgid == 0)
		j->pgid = pid; // ok: vfork-shared-write
	setpgid(pid, j->pgid);
	if (!fg)
		last_bg_pid = pid; // ok: vfork-shared-write
	return pid;
}
