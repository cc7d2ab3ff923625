/* helper() exists only in the no-MMU configuration, next to the vfork that calls
 * it: its body must be known when that configuration is analyzed. */
#include <unistd.h>
#include <stdlib.h>
#include "cfg.h"
#if !MMU
static void helper(char **a)
{
	execv(a[0], a);
	_exit(127);
}
#endif
int run(char **a)
{
	pid_t pid;
#if MMU
	pid = fork(); // site: fork; expect: fork-to-vfork
	if (pid == 0) {
		execv(a[0], a);
		_exit(127);
	}
#else
	pid = vfork(); // site: vfork; in-config: MMU=0; child: exec+_exit
	if (pid == 0)
		helper(a); // ok: vfork-unsafe-call, vfork-no-exit
#endif
	return pid;
}
