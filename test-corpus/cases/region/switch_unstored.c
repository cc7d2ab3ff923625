/* `switch (vfork())` without keeping the pid: fire-and-forget helper. */
#include <unistd.h>

extern int spawn_errors;

void kick_helper(const char *path)
{
	switch (vfork()) { // site: vfork; child: exec+_exit
	case -1:
		spawn_errors++; // not-child
		break;
	case 0:
		execl(path, path, (char *)0); // in-child
		_exit(127); // in-child
	}
}
