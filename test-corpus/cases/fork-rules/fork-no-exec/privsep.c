/* Privilege separation in an ssh-like server: the child drops to an
 * unprivileged user in an empty chroot and returns to run the network
 * protocol; the privileged parent answers its requests over a socketpair.
 * The post-authentication child does the same for the user's session. */
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct authctxt {
	const char *empty_dir;
	uid_t uid;
	gid_t gid;
	int monitor_fd;
	int authenticated;
};

static int monitor_loop(int fd, pid_t child)
{
	char req[256];
	ssize_t n;
	int status;

	while ((n = read(fd, req, sizeof req)) > 0)
		write(fd, req, (size_t)n);
	if (waitpid(child, &status, 0) < 0) // ok: fork-unchecked
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int privsep_preauth(struct authctxt *ctx)
{
	int pair[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0)
		return -1;
	pid = fork(); // site: fork; child: _exit, may return; expect: fork-no-exec
	if (pid == -1) {
		perror("fork of unprivileged child");
		close(pair[0]);
		close(pair[1]);
		return -1;
	}
	if (pid != 0) {
		close(pair[1]);
		ctx->authenticated = monitor_loop(pair[0], pid);
		close(pair[0]);
		return 1;
	}
	close(pair[0]);
	ctx->monitor_fd = pair[1];
	if (chroot(ctx->empty_dir) < 0 || chdir("/") < 0)
		_exit(1);
	if (setgid(ctx->gid) < 0 || setuid(ctx->uid) < 0)
		_exit(1);
	return 0;
}

int privsep_postauth(struct authctxt *ctx, pid_t *monitor_child)
{
	pid_t pid = fork(); // site: fork; child: _exit, may return; expect: fork-no-exec

	if (pid == -1)
		return -1;
	if (pid > 0) {
		*monitor_child = pid;
		return 1;
	}
	if (setgid(ctx->gid) < 0 || setuid(ctx->uid) < 0)
		_exit(1);
	return 0;
}

void kill_session(pid_t *monitor_child)
{
	if (*monitor_child > 0)
		kill(*monitor_child, SIGHUP); // ok: fork-unchecked
}
