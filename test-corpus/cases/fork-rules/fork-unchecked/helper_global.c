/* A terminal program keeps its helper processes in globals and tears them
 * down from a signal handler and at exit. One global takes the fork()
 * result directly and is never checked for -1: kill(-1, sig) signals every
 * process the user may signal, and waitpid(-1, ...) reaps any child. */
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t helper_pid;
static pid_t agent_pid;
static pid_t keeper_pid;

int start_helper(char *const argv[])
{
	helper_pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork
	if (helper_pid == 0) {
		setsid();
		execv(argv[0], argv);
		_exit(127);
	}
	return 0;
}

static void on_fatal_signal(int sig)
{
	kill(helper_pid, SIGTERM); // expect: fork-unchecked
	_exit(128 + sig);
}

void stop_helper(void)
{
	int status;

	if (helper_pid != 0) {
		kill(helper_pid, SIGTERM); // expect: fork-unchecked
		waitpid(helper_pid, &status, 0); // expect: fork-unchecked
		helper_pid = 0;
	}
}

/* "Not started" is tested, "failed to start" is not. */
void reload_helper(void)
{
	if (helper_pid == 0)
		return;
	kill(helper_pid, SIGHUP); // expect: fork-unchecked
}

/* A proper test of the helper's global: -1 and 0 both return early. */
void restart_helper(char *const argv[])
{
	int status;

	if (helper_pid <= 0)
		return;
	kill(helper_pid, SIGTERM); // ok: fork-unchecked
	waitpid(helper_pid, &status, 0); // ok: fork-unchecked
	start_helper(argv);
}

void install_handlers(void)
{
	signal(SIGHUP, on_fatal_signal);
	signal(SIGTERM, on_fatal_signal);
}

/* The agent's pid reaches its global only after the -1 test. */
int start_agent(char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	agent_pid = pid;
	return 0;
}

void stop_agent(void)
{
	if (agent_pid != 0) {
		kill(agent_pid, SIGTERM); // ok: fork-unchecked
		waitpid(agent_pid, NULL, 0); // ok: fork-unchecked
		agent_pid = 0;
	}
}

/* Both the signal and the wait sit behind a test that excludes -1. */
void restart_agent(void)
{
	if (agent_pid <= 0)
		return;
	kill(agent_pid, SIGTERM); // ok: fork-unchecked
	waitpid(agent_pid, NULL, 0); // ok: fork-unchecked
	agent_pid = 0;
}

/* The unchecked result goes through a local into the global: the global
 * may hold -1 just as if fork() had been assigned to it directly. */
int start_keeper(char *const argv[])
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	keeper_pid = pid;
	return 0;
}

void stop_keeper(void)
{
	kill(keeper_pid, SIGTERM); // expect: fork-unchecked
	keeper_pid = 0;
}
