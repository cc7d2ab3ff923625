/* A busybox-like tool box starting a helper with its output redirected.
 * Redirection through freopen() and error reports through stdio both act on
 * the parent's FILE objects. dprintf()/snprintf() are not buffered-stdio
 * calls but are not async-signal-safe either: they belong to
 * vfork-unsafe-call, not to this rule. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int spawn_logged(char **argv, const char *logfile, int quiet)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

	switch (quiet) {
	case 0:
		break;
	default:
		if (pid == 0 && freopen("/dev/null", "w", stdout) == NULL) // expect: vfork-stdio
			_exit(1);
		break;
	}
	if (pid == 0) {
		if (freopen(logfile, "a", stderr) == NULL) { // expect: vfork-stdio
			puts("cannot open log"); // expect: vfork-stdio; error-path
			_exit(1);
		}
		execvp(argv[0], argv);
		dprintf(2, "%s: not found\n", argv[0]); // ok: vfork-stdio; expect: vfork-unsafe-call; error-path
		_exit(127);
	}
	return pid;
}

int spawn_logged_fixed(char **argv, const char *logfile)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

	if (pid == 0) {
		char msg[128];
		int fd = open(logfile, O_WRONLY | O_APPEND | O_CREAT, 0600);
		int n;

		if (fd < 0)
			_exit(1);
		dup2(fd, 2); // ok: vfork-stdio
		close(fd);
		execvp(argv[0], argv);
		n = snprintf(msg, sizeof msg, "%s: not found\n", argv[0]); // ok: vfork-stdio; expect: vfork-unsafe-call; error-path
		write(2, msg, n);
		_exit(127);
	}
	return pid;
}

/* fork() gives the child its own copy of the stdio buffers: printing there
 * is allowed and none of the vfork rules look at it. */
int spawn_verbose_forked(char **argv)
{
	pid_t pid = fork(); // site: fork

	if (pid == 0) {
		printf("starting %s\n", argv[0]); // ok: vfork-stdio
		fflush(stdout); // ok: vfork-stdio
		execvp(argv[0], argv);
		perror(argv[0]); // ok: vfork-stdio
		_exit(127);
	}
	return pid;
}
