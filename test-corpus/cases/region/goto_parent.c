/* The parent jumps over the child's code with a goto. */
#include <unistd.h>

int spawn_goto(char *const argv[], int fd)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid != 0) // in-child
		goto parent;
	dup2(fd, 0); // in-child
	execvp(argv[0], argv); // in-child
	_exit(127); // in-child
parent:
	close(fd); // not-child
	return pid < 0 ? -1 : 0; // not-child
}
