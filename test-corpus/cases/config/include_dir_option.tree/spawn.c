/* Two child_exit.h exist in the tree; -I build_safe picks the one with _exit() (without it,
 * the tie is broken by name and a_other_target/child_exit.h, with exit(), would win). */
#include <unistd.h>
#include "child_exit.h"

int spawn(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		execv(argv[0], argv);
		CHILD_EXIT(127); // ok: vfork-exit
	}
	return pid;
}
