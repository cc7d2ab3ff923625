#include <unistd.h>
#include "spawnutil.h"

int spawn(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork

	if (pid == 0) {
		execvp(argv[0], argv);
		FAIL_CHILD(); // expect: vfork-exit; error-path
	}
	return pid;
}
