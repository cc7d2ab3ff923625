/* A helper that records state in a global: called from a vfork child, the
 * write lands in the parent's memory. */
#include <unistd.h>

static int children_started;
static int last_fd;

static void note_start(int fd)
{
	children_started++;
	last_fd = fd;
}

static int pick_fd(int fd)
{
	return fd > 2 ? fd : 3;
}

pid_t spawn_counted(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		note_start(fd); // expect: vfork-shared-write
		dup2(pick_fd(fd), 0); // ok: vfork-shared-write, vfork-unsafe-call
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
