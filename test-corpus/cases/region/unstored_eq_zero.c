/* The result is tested without being stored: `if (vfork() == 0)`. */
#include <sys/wait.h>
#include <unistd.h>

int run_quiet(char *const argv[], int nullfd)
{
	int status;

	if (vfork() == 0) { // site: vfork; child: exec+_exit
		dup2(nullfd, 1); // in-child
		dup2(nullfd, 2); // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	wait(&status); // not-child
	return status; // not-child
}
