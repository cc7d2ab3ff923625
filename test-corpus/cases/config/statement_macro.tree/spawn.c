/* TRACE((...)) has no semicolon: it parses only as the macro of debug.h, and
 * only reading debug.h shows that the child's TRACE prints with stdio. */
#include <unistd.h>
#include "debug.h"

int spawn(char *const argv[], int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		TRACE((stderr, "child: fd %d\n", fd)) // expect: vfork-stdio
		dup2(fd, 0); // in-child
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	TRACE((stderr, "parent: child %d\n", pid)) // ok: vfork-stdio
	return pid; // not-child
}
