/* Calls through function pointers: directly in the child, and inside a
 * helper the child calls. The analysis cannot see the target. */
#include <unistd.h>

struct hooks {
	void (*before_exec)(void);
};

static void run_hooks(const struct hooks *h)
{
	if (h->before_exec)
		h->before_exec();
}

static void close_extra(int fd)
{
	close(fd);
}

pid_t spawn_hooked(char *const argv[], const struct hooks *h, void (*setup)(int), int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		(*setup)(fd); // expect: vfork-unsafe-call
		run_hooks(h); // expect: vfork-unsafe-call
		close_extra(fd); // ok: vfork-unsafe-call
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
