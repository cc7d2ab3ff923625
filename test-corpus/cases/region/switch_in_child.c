/* A switch inside the child: its `break`s leave the inner switch only, the
 * child stays in its own block. */
#include <unistd.h>

enum redir { R_NONE, R_IN, R_OUT };

pid_t spawn_redir(char *const argv[], enum redir how, int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) { // in-child
		switch (how) { // in-child
		case R_IN:
			dup2(fd, 0); // in-child
			break;
		case R_OUT:
			dup2(fd, 1); // in-child
			break;
		default:
			break;
		}
		execvp(argv[0], argv); // in-child; ok: vfork-no-exit
		_exit(127); // in-child
	}
	return pid; // not-child
}
