/* A small init's service starter: each service runs on the console, in
 * its own session, with the signal state init set up for itself undone. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#define LAST_SIGNAL 64

struct service {
	const char *name;
	char **argv;
	char **envp;
	pid_t pid;
};

/* Only sigaction(), sigemptyset() and sigprocmask() on its own locals. */
static void reset_signals(void)
{
	struct sigaction sa;
	sigset_t none;
	int sig;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < LAST_SIGNAL; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static int attach_console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0)
		return -1;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > 2)
		close(fd);
	return 0;
}

static void log_start_failure(const char *name)
{
	syslog(LOG_ERR, "cannot start %s", name);
}

/* Session, console, signals, exec: every call is a safe one, some of them
 * through helpers of this file. */
int start_service(struct service *s)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit, _exit; expect: fork-to-vfork

	if (pid == 0) {
		setsid();
		if (attach_console() < 0)
			_exit(1);
		reset_signals();
		execve(s->argv[0], s->argv, s->envp);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	s->pid = pid;
	return 0;
}

/* A getty with TERM set in the child: setenv() allocates and rewrites
 * environ, which a vfork child shares with init. */
int start_getty(struct service *s, const char *term)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-to-vfork

	if (pid == 0) {
		setsid();
		setenv("TERM", term, 1);
		execv(s->argv[0], s->argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	s->pid = pid;
	return 0;
}

/* The child builds "sh -c COMMAND" with malloc(). */
int start_shell_service(struct service *s, const char *command)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit, _exit; ok: fork-to-vfork

	if (pid == 0) {
		char **argv = malloc(4 * sizeof *argv);

		if (argv == NULL)
			_exit(1);
		argv[0] = "sh";
		argv[1] = "-c";
		argv[2] = (char *)command;
		argv[3] = NULL;
		execv("/bin/sh", argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	s->pid = pid;
	return 0;
}

/* A failed exec is logged with syslog() from a helper: locks and a socket
 * shared with init under vfork(). */
int start_logged_service(struct service *s)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		reset_signals();
		execv(s->argv[0], s->argv);
		log_start_failure(s->name);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	s->pid = pid;
	return 0;
}
