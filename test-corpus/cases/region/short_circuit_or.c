/* `if (pid < 0 || pid > 0)` is the parent's test written long-hand; the
 * child takes neither disjunct. */
#include <unistd.h>

int spawn_or(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid < 0 || pid > 0) // in-child
		return pid < 0 ? -1 : 0; // not-child
	execvp(argv[0], argv); // in-child
	_exit(127); // in-child
}
