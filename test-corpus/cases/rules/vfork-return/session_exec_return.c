/* An ssh-server-like session: run the user's command through the login
 * shell in a vfork child. */
#include <fcntl.h>
#include <unistd.h>

struct session {
	int in_fd, out_fd, err_fd;
	int strict_home;
	const char *home;
	const char *shell;
	char **env;
	pid_t pid;
};

int session_exec(struct session *s, const char *command)
{
	char *argv[4];
	pid_t pid;

	argv[0] = (char *)"sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)command;
	argv[3] = NULL;

	if ((pid = vfork()) == 0) { // site: vfork; child: exec+_exit, _exit, may return
		if (dup2(s->in_fd, 0) < 0 || dup2(s->out_fd, 1) < 0 || dup2(s->err_fd, 2) < 0)
			_exit(1); // ok: vfork-return
		if (chdir(s->home) < 0) {
			if (s->strict_home)
				return -1; // expect: vfork-return; error-path
			chdir("/");
		}
		execve(s->shell, argv, s->env);
		_exit(1); // ok: vfork-return
	}
	if (pid < 0)
		return -1; // ok: vfork-return
	s->pid = pid;
	return 0; // ok: vfork-return
}

/* void helper: the child that cannot exec runs off the closing brace. */
void session_run_rc(struct session *s, char **rc_argv)
{
	pid_t pid = vfork(); // site: vfork; child: may return

	if (pid == 0) {
		int fd = open("/dev/null", O_RDONLY);

		if (fd >= 0)
			dup2(fd, 0);
		if (access(rc_argv[0], X_OK) == 0) // expect: vfork-return
			execv(rc_argv[0], rc_argv); // expect: vfork-return
	} else if (pid > 0) {
		s->pid = pid;
	}
}
