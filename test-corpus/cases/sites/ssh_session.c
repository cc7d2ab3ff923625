/* An SSH server starting the user's login shell on a pty: new session,
 * controlling terminal, std fds, home directory, then exec. */
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct session {
	int ptyfd, ttyfd;
	const char *shell;
	const char *home;
	char **env;
	pid_t pid;
};

static const char exec_msg[] = "cannot exec shell\n";

int session_exec_shell(struct session *s, char *const argv[])
{
	pid_t pid;

	if ((pid = vfork()) == 0) { // site: vfork; child: exec+_exit
		setsid(); // in-child; ok: vfork-unsafe-call
		ioctl(s->ttyfd, TIOCSCTTY, 0); // in-child; ok: vfork-unsafe-call
		dup2(s->ttyfd, 0); // in-child
		dup2(s->ttyfd, 1); // in-child
		dup2(s->ttyfd, 2); // in-child
		if (s->ttyfd > 2) // in-child
			close(s->ttyfd); // in-child
		close(s->ptyfd); // in-child
		signal(SIGPIPE, SIG_DFL); // in-child
		if (chdir(s->home) < 0) // in-child
			chdir("/"); // in-child
		execve(s->shell, argv, s->env); // in-child
		write(2, exec_msg, sizeof exec_msg - 1); // in-child; ok: vfork-stdio
		_exit(1); // in-child; ok: vfork-exit
	}
	if (pid < 0) // not-child
		return -1; // not-child
	close(s->ttyfd); // not-child
	s->pid = pid; // not-child; ok: vfork-shared-write
	return 0; // not-child
}
