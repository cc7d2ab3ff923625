/* A supervisor that starts a worker program with a watchdog. The child arms
 * SIGALRM and a SIGSEGV reporter before exec, with every way of naming the
 * handler; each runs on the supervisor's memory if the signal comes first. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

typedef void (*handler_t)(int);

static int restarts;

static void on_alarm(int sig)
{
	restarts++;
	(void)sig;
}

static void on_fault(int sig, siginfo_t *info, void *ctx)
{
	(void)sig;
	(void)info;
	(void)ctx;
	restarts = -1;
}

static void arm(struct sigaction *act)
{
	act->sa_handler = on_alarm;
}

pid_t start_worker_bad(char **argv, unsigned seconds)
{
	struct sigaction fault;
	struct sigaction *alarm_act = NULL;
	pid_t pid;

	memset(&fault, 0, sizeof fault);
	fault.sa_sigaction = on_fault;
	fault.sa_flags = SA_SIGINFO;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		sigset(SIGALRM, on_alarm); // expect: vfork-signal-handler "with sigset()"
		signal(SIGUSR1, (handler_t)on_alarm); // expect: vfork-signal-handler "`on_alarm`"
		sigaction(SIGSEGV, &fault, NULL); // expect: vfork-signal-handler "`on_fault`"
		alarm(seconds);
		execv(argv[0], argv);
		_exit(127);
	}
	(void)alarm_act;
	return pid;
}

/* The handler's pointer comes from the caller: not known here, not reported. */
pid_t start_worker_with(char **argv, handler_t on_signal)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		signal(SIGUSR2, on_signal); // ok: vfork-signal-handler
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* The struct is filled through a pointer parameter: the store is seen. */
pid_t start_worker_armed(char **argv, struct sigaction *act)
{
	pid_t pid;

	act->sa_handler = on_alarm;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		sigaction(SIGALRM, act, NULL); // expect: vfork-signal-handler
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Filled by a helper: the analysis does not follow the struct into arm(). */
pid_t start_worker_helper(char **argv)
{
	struct sigaction sa;
	pid_t pid;

	memset(&sa, 0, sizeof sa);
	arm(&sa);
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		sigaction(SIGALRM, &sa, NULL); // todo-expect: vfork-signal-handler
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
