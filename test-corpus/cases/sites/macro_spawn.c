/* A portability layer picks vfork through a macro defined in the file;
 * the site is the macro's use. */
#include <unistd.h>

#define SPAWN() vfork()
#define CHILD_FAILED 127

pid_t spawn_filter(char *const argv[], int rfd, int wfd)
{
	pid_t pid;

	pid = SPAWN(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		dup2(rfd, 0); // in-child; ok: vfork-unsafe-call
		dup2(wfd, 1); // in-child
		close(rfd); // in-child
		close(wfd); // in-child
		execvp(argv[0], argv); // in-child
		_exit(CHILD_FAILED); // in-child; ok: vfork-exit
	}
	return pid; // not-child; ok: vfork-return
}
