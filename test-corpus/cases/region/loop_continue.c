/* BUG: a vfork per directory inside a loop; when chdir fails the child
 * `continue`s the parent's loop instead of _exit-ing. */
#include <unistd.h>

int run_in_each(char *const dirs[], int n, char *const argv[])
{
	int i, started = 0;

	for (i = 0; i < n; i++) { // ok: vfork-shared-write
		pid_t pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code; ok: vfork-unsafe-call

		if (pid == 0) { // in-child
			if (chdir(dirs[i]) < 0) continue; // in-child; expect: vfork-no-exit; error-path
			execvp(argv[0], argv); // in-child
			_exit(127); // in-child
		}
		if (pid > 0) // not-child
			started++; // not-child; ok: vfork-shared-write
	}
	return started; // not-child; ok: vfork-return
}
