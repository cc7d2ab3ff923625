/* Error first (`pid < 0`), then the child, then the parent. */
#include <string.h>
#include <unistd.h>

static const char msg[] = "vfork failed\n";

int launch(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid < 0) { // in-child
		write(2, msg, strlen(msg)); // not-child
		return -1; // not-child
	}
	if (pid == 0) { // in-child
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return 0; // not-child
}
