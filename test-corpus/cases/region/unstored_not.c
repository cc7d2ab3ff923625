/* `if (!vfork())`: the child's block, then the parent's code. */
#include <unistd.h>

extern int children;

void fire_and_forget(const char *prog)
{
	if (!vfork()) { // site: vfork; child: exec+_exit
		execlp(prog, prog, (char *)0); // in-child
		_exit(127); // in-child
	}
	children++; // not-child
}
