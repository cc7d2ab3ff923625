/* A reporting helper whose first argument says whether it exits (the fallback err()/warn() of a
 * project built without <err.h>): each call is summarized for the constant it passes, so
 * report(1, ...) ends the child's path and report(0, ...) comes back. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void report(char doexit, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (doexit)
		exit(code);
}

#define die(code, ...) report(1, code, __VA_ARGS__)
#define complain(...) report(0, 0, __VA_ARGS__)

pid_t spawn_reporting(char **argv, int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, exit()

	if (pid == 0) {
		if (fd >= 0 && dup2(fd, 0) < 0)
			die(1, "dup2"); // expect: vfork-exit; error-path
		if (fd >= 0 && close(fd) < 0)
			complain("close"); // expect: vfork-stdio; ok: vfork-exit; error-path
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid;
}

/* The session-leader idiom with the helper: the fork-failed path dies, the child breaks out. */
int new_session(char **argv)
{
	switch (fork()) { // site: fork; child: exit(); expect: fork-to-vfork "once the 2 problems on its error paths are fixed"
	case -1:
		die(1, "fork");
	case 0:
		break;
	default:
		return 0;
	}
	if (setsid() < 0)
		die(1, "setsid");
	execvp(argv[0], argv);
	die(127, "exec"); // expect: fork-child-exit
}
