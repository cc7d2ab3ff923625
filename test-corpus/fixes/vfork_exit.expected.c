/* fix-rule: vfork-exit
 * CRLF line endings and odd spacing must survive the fix. */
#include <stdlib.h>
#include <unistd.h>

void spawn(char **argv)
{
	if (vfork() == 0) {
		execv(argv[0], argv);
		_exit  (127);
	}
}
