/* A job-control shell starting a foreground job. The child wants its own signal
 * handling before it execs the job. Installing a handler is the mistake: until
 * exec, a SIGINT or SIGCHLD runs that handler on the shell's stack and data while
 * the shell itself is suspended inside vfork(). */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;

static void on_child_signal(int sig)
{
	got_signal = sig;
}

static void on_term(int sig)
{
	got_signal = sig;
}

pid_t start_job_bad(char **argv)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		signal(SIGCHLD, on_child_signal); // expect: vfork-signal-handler "installs `on_child_signal` as a signal handler with signal()"
		signal(SIGQUIT, &on_term); // expect: vfork-signal-handler
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

pid_t start_job_sigaction_bad(char **argv)
{
	struct sigaction sa;
	pid_t pid;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		sigaction(SIGTERM, &sa, NULL); // expect: vfork-signal-handler "with sigaction()"
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* The right way: the shell's handlers are reset to the defaults and the mask is
 * set in the child; exec keeps the mask and the default dispositions. */
pid_t start_job(char **argv, const sigset_t *job_mask)
{
	struct sigaction dfl;
	pid_t pid;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		signal(SIGINT, SIG_DFL); // ok: vfork-signal-handler
		signal(SIGTTOU, SIG_IGN); // ok: vfork-signal-handler
		sigaction(SIGCHLD, &dfl, NULL); // ok: vfork-signal-handler
		sigaction(SIGHUP, NULL, NULL); // ok: vfork-signal-handler
		sigprocmask(SIG_SETMASK, job_mask, NULL); // ok: vfork-signal-handler
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* A fork() child has its own memory: installing a handler there is fine. */
pid_t start_job_fork(char **argv)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit

	if (pid == 0) {
		signal(SIGCHLD, on_child_signal); // ok: vfork-signal-handler
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}
