/* do { } while (0) macros: one creates the child (returning from the
 * function on failure), one ends a failed child with a message. */
#include <unistd.h>

#define VFORK_OR_RETURN(p) do { if (((p) = vfork()) < 0) return -1; } while (0)
#define CHILD_DIE(msg) do { write(2, msg "\n", sizeof(msg)); _exit(127); } while (0)

int spawn_macro(char *const argv[], int fd)
{
	pid_t pid;

	VFORK_OR_RETURN(pid); // site: vfork; child: exec+_exit, _exit
	if (pid == 0) { // in-child
		if (dup2(fd, 0) < 0) // in-child
			CHILD_DIE("dup2"); // in-child
		execvp(argv[0], argv); // in-child
		CHILD_DIE("exec"); // in-child
	}
	close(fd); // not-child
	return pid; // not-child
}
