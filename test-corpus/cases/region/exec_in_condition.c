/* The exec call is the condition: exec only returns on failure, and then it
 * returns -1, so the false branch of `execvp(...) < 0` is never taken. */
#include <unistd.h>

pid_t spawn_exec_cond(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) { // in-child
		if (execvp(argv[0], argv) < 0) // in-child; ok: vfork-no-exit
			_exit(127); // in-child
	}
	return pid; // not-child; ok: vfork-return
}
