/* BUG: the child longjmps back to an error handler of the parent. */
#include <setjmp.h>
#include <unistd.h>

static jmp_buf spawn_failed;

pid_t spawn_jump(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, longjmp

	if (pid == 0) { // in-child
		if (chdir("/") < 0) // in-child
			longjmp(spawn_failed, 1); // in-child; expect: vfork-unsafe-call; error-path
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
