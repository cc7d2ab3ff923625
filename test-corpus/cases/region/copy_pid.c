/* The result is copied before it is tested: `child = pid; if (child == 0)`. */
#include <unistd.h>

struct proc { pid_t pid; int fd; };

int start_proc(struct proc *p, char *const argv[])
{
	pid_t pid, child;

	pid = vfork(); // site: vfork; child: exec+_exit
	child = pid; // in-child; ok: vfork-shared-write
	if (child == 0) { // in-child
		dup2(p->fd, 0); // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	if (child < 0) // not-child
		return -1; // not-child
	p->pid = child; // not-child
	return 0; // not-child
}
