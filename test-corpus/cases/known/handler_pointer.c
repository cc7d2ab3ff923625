/* The child's error handler is a constant function pointer whose only value
 * is die(), which calls exit(). The call through the pointer is followed to
 * die(): the child is reported for its exit() and its path ends there. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void (*const on_exec_error)(const char *) = die;

pid_t spawn_or_die(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exit()

	if (pid == 0) {
		execv(argv[0], argv);
		on_exec_error(argv[0]); // expect: vfork-exit "on_exec_error() -> die() -> exit()"; ok: vfork-unsafe-call, vfork-no-exit; error-path
	}
	return pid;
}

/* The direct call is understood. */
pid_t spawn_or_die_direct(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exit()

	if (pid == 0) {
		execv(argv[0], argv);
		die(argv[0]); // expect: vfork-exit; ok: vfork-no-exit; error-path
	}
	return pid;
}
