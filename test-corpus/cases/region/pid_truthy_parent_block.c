/* `if (pid) { parent...; return }` then the child, as many BSD tools do. */
#include <unistd.h>

extern void record_child(pid_t pid);

int start_pager(char *const argv[], int rfd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid) { // in-child
		if (pid < 0) // not-child
			return -1; // not-child
		record_child(pid); // not-child
		close(rfd); // not-child
		return 0; // not-child
	}
	dup2(rfd, 0); // in-child
	close(rfd); // in-child
	execvp(argv[0], argv); // in-child
	_exit(127); // in-child
}
