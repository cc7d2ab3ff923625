/* gnulib-style code: error() with status 0 prints the message and RETURNS,
 * so the child still reaches the return below it. error(0, ...) is stdio
 * work (vfork-stdio); only a non-zero status makes it exit like exit(). The
 * return after it is still a child path that returns. */
#include <errno.h>
#include <error.h>
#include <unistd.h>

int spawn_compressor(const char *prog, char **argv, int out_fd)
{
	pid_t child = vfork(); // site: vfork

	if (child == 0) {
		if (dup2(out_fd, 1) < 0)
			_exit(126); // ok: vfork-return
		execvp(prog, argv);
		error(0, errno, "cannot run %s", prog); // expect: vfork-stdio; error-path
		return -1; // expect: vfork-return; error-path
	}
	if (child < 0) {
		error(0, errno, "cannot fork"); // ok: vfork-exit
		return -1; // ok: vfork-return
	}
	return 0; // ok: vfork-return
}
