/* A vfork inside another vfork's child: the statements of the inner child are reported once, for
 * the inner site (its path starts at the inner vfork() call), not for the outer one. */
#include <stdio.h>
#include <unistd.h>

pid_t double_spawn(char **argv)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

	if (pid == 0) {
		pid_t inner = vfork(); // site: vfork; child: exec+_exit; expect: vfork-unsafe-call

		if (inner == 0) {
			printf("grandchild\n"); // expect: vfork-stdio
			execvp(argv[0], argv);
			_exit(127);
		}
		_exit(inner < 0);
	}
	return pid;
}
