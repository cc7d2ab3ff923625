/* Suppressions in a spawn helper: a reviewed line, a reviewed block, and a
 * finding the suppression does not name, which stays. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int verbose;

pid_t spawn_logged(char *const argv[], const char *msg)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		/* vforkcheck: ignore-begin[vfork-stdio] stderr is unbuffered and only the child writes it */
		fputs(msg, stderr); // ok: vfork-stdio
		fputs("\n", stderr); // ok: vfork-stdio
		/* vforkcheck: ignore-end */
		// vforkcheck: ignore[vfork-shared-write] the parent resets it after vfork returns
		verbose = 0; // ok: vfork-shared-write
		puts(msg); // vforkcheck: ignore[vfork-heap] wrong rule named; expect: vfork-stdio
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
