/* The compilation database defines SAFE_CHILD for this file (the "arguments"
 * form), so the child ends with _exit(): without it, it would call exit(). */
#include <stdlib.h>
#include <unistd.h>

int spawn(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		execv(argv[0], argv);
#ifdef SAFE_CHILD
		_exit(127);
#else
		exit(127); // ok: vfork-exit
#endif
	}
	return pid;
}
