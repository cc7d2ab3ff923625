/* A C library's own posix_spawn-like helper: its child calls the library's internal
 * entry points of public functions. Each takes the class of the public function it
 * stands for: __libc_sigaction is sigaction, __close_nocancel is close, __libc_malloc
 * is malloc; a truly internal helper stays unknown. */
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

int __libc_sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int __close_nocancel(int fd);
void *__libc_malloc(size_t n);
int __internal_prepare(int fd);

pid_t lib_spawn(const char *path, char *const argv[], int fd)
{
	struct sigaction dfl;
	pid_t pid;

	dfl.sa_handler = SIG_DFL;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		__libc_sigaction(SIGPIPE, &dfl, NULL); // ok: vfork-unsafe-call, vfork-signal-handler
		__close_nocancel(fd); // ok: vfork-unsafe-call
		void *scratch = __libc_malloc(64); // expect: vfork-heap; ok: vfork-unsafe-call
		(void)scratch;
		__internal_prepare(fd); // expect: vfork-unsafe-call "__internal_prepare()"
		execv(path, argv);
		_exit(127);
	}
	return pid;
}
