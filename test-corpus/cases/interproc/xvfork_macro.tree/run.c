/* Uses xvfork() from xfuncs.h; the header is not #included by the analyzer,
 * its vfork macros are read from the scanned tree. */
#include <unistd.h>
#include "xfuncs.h"

int run(char *const argv[])
{
	pid_t pid = xvfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
