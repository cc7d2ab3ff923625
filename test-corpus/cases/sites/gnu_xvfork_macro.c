/* vfork cannot be wrapped in a function (the wrapper's frame would be gone
 * when the parent resumes), so tool boxes wrap it in a GNU statement
 * expression macro that dies on failure and yields the pid. */
#include <unistd.h>

extern void die_perror(const char *what) __attribute__((noreturn));

#define xvfork() ({ \
	pid_t xvfork__pid = vfork(); \
	if (xvfork__pid < 0) \
		die_perror("vfork"); \
	xvfork__pid; \
})

int run_helper(char *const argv[], int fd)
{
	pid_t pid;

	pid = xvfork(); // site: vfork; child: exec+_exit; ok: vfork-shared-write, vfork-no-exit
	if (pid == 0) { // in-child
		dup2(fd, 1); // in-child; ok: vfork-unsafe-call
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child; ok: vfork-exit
	}
	close(fd); // not-child; ok: vfork-no-exit
	return pid; // not-child; ok: vfork-return
}
