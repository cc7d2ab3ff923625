/* The exit() hides in a macro of an included header: only following the
 * #include shows that the vfork child runs exit handlers. */
#include <unistd.h>
#include "util.h"

int spawn(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork

	if (pid == 0) {
		execv(argv[0], argv);
		DIE(127); // expect: vfork-exit; error-path
	}
	return pid;
}
