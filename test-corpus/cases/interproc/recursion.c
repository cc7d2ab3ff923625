/* Recursive helpers: walk() recurses over a path list and exits on a bad
 * entry; ping() and pong() call each other and end with _exit(). */
#include <stdlib.h>
#include <unistd.h>

static void walk(char **dirs)
{
	if (*dirs == NULL)
		return;
	if (chdir(*dirs) < 0)
		exit(2);
	walk(dirs + 1);
}

static void pong(int n);

static void ping(int n)
{
	if (n > 0)
		pong(n - 1);
	_exit(0);
}

static void pong(int n)
{
	close(n);
	ping(n);
}

pid_t spawn_in(char **dirs, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		walk(dirs); // expect: vfork-exit; error-path
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

pid_t spawn_pinger(int n)
{
	pid_t pid = vfork(); // site: vfork; child: _exit

	if (pid == 0)
		ping(n); // ok: vfork-unsafe-call, vfork-no-exit, vfork-return
	return pid; // not-child
}
