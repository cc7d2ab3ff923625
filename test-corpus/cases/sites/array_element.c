/* A parallel runner: one vfork per command, pids kept in an array slot. */
#include <unistd.h>

int run_all(char **cmds[], pid_t pids[], int n)
{
	int i;

	for (i = 0; i < n; i++) {
		pids[i] = vfork(); // site: vfork; child: exec+_exit
		if (pids[i] == 0) { // in-child
			execvp(cmds[i][0], cmds[i]); // in-child; ok: vfork-unsafe-call
			_exit(127); // in-child; ok: vfork-exit
		}
		if (pids[i] < 0) // not-child
			return i; // not-child; ok: vfork-return
	}
	return n; // not-child
}
