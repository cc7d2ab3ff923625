/* The child opens its own redirection file: variables declared inside the
 * child's block live in the child's own part of the stack. */
#include <fcntl.h>
#include <unistd.h>

int run_redirected(char *const argv[], const char *outfile)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

	if (pid == 0) {
		int fd = open(outfile, O_WRONLY | O_CREAT | O_TRUNC, 0644); // in-child; ok: vfork-shared-write

		if (fd < 0) // in-child
			_exit(126); // in-child
		if (fd != 1) { // in-child
			dup2(fd, 1); // in-child; ok: vfork-unsafe-call
			close(fd); // in-child
		}
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child; ok: vfork-exit
	}
	return pid; // not-child
}
