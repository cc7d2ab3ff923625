/* port.h selects vfork() in the default configuration; the fork() branch is
 * analyzed in a configuration of its own, named after the macro it needs. */
#include <stdio.h>
#include <unistd.h>
#include "port.h"

int run(char *const argv[])
{
	pid_t pid;
#if USE_VFORK
	pid = vfork(); // site: vfork
#else
	pid = fork(); // site: fork; in-config: USE_VFORK=0; expect: fork-to-vfork{USE_VFORK=0}
#endif
	if (pid == 0) {
		execv(argv[0], argv);
		perror("execv"); // expect: vfork-stdio; error-path
		_exit(127);
	}
	return pid;
}
