/* BUG: a child that `continue`s the spawn loop would run the parent's loop again (its logging and
 * its next vfork) on the parent's memory. It is reported where it goes around the loop, not in the
 * code at the top of the loop. */
#include <stdio.h>
#include <unistd.h>

void spawn_in_each(char **dirs, int n, char **argv)
{
	for (int i = 0; i < n; i++) {
		printf("starting in %s\n", dirs[i]); // not-child; ok: vfork-stdio
		pid_t pid = vfork(); // site: vfork; child: exec+_exit, leaves into parent code

		if (pid == 0) {
			if (chdir(dirs[i]) < 0)
				continue; // expect: vfork-no-exit; error-path
			execv(argv[0], argv);
			_exit(127);
		}
	}
}
