/* A fatal-error helper that ends through a global function pointer (a program sets it to its own
 * exit routine): the calls through the pointer are followed to every function stored into it, so
 * the helper is reported for the exit() it reaches, not as an unknown call, and it ends the child's
 * path instead of looking like a loop. A hook without an initializer (null until some program sets
 * it) keeps its call unknown, and is reported as a call through a pointer. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void plain_exit(int code, const char *fmt, va_list ap)
{
	vfprintf(stderr, fmt, ap);
	exit(code);
}

void (*fatal_hook)(int code, const char *fmt, va_list ap) = plain_exit;
static void (*quick_exit_hook)(int) = NULL;

void server_exit(int code, const char *fmt, va_list ap)
{
	(void)fmt;
	(void)ap;
	_exit(code);
}

void server_setup(void)
{
	fatal_hook = server_exit;
	quick_exit_hook = _exit;
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fatal_hook(1, fmt, ap);
	va_end(ap);
}

pid_t spawn_with_hooks(char **argv)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, exit()

	if (pid == 0) {
		if (signal(SIGCHLD, SIG_DFL) == SIG_ERR)
			fatal("signal"); // expect: vfork-exit "fatal() -> fatal_hook() -> plain_exit() -> exit()"; error-path
		if (setsid() < 0)
			quick_exit_hook(1); // expect: vfork-unsafe-call "through a pointer (`quick_exit_hook`)"; ok: vfork-exit, vfork-no-exit; error-path
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}
