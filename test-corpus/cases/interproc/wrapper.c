/* A vfork wrapper that returns the result: its child returns from the
 * wrapper (undefined: the parent's frame is reused), and every call of the
 * wrapper is a vfork site for the caller. */
#include <unistd.h>

static pid_t spawn_raw(void)
{
	pid_t p = vfork(); // site: vfork; child: may return

	if (p < 0)
		_exit(1);
	return p; // expect: vfork-return
}

int run_tool(char *const argv[])
{
	pid_t pid = spawn_raw(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid > 0 ? 0 : -1; // not-child
}

int run_tool_badly(char *const argv[])
{
	pid_t pid = spawn_raw(); // site: vfork; child: may return

	if (pid == 0) {
		execv(argv[0], argv); // in-child
		return -1; // expect: vfork-return; error-path
	}
	return 0; // not-child
}
