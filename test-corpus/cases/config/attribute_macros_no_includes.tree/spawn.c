/* Scanned with --no-includes: compat.h is not read, yet the tree's attribute-like
 * macros are known from it, so `die` is seen as never returning (DEAD_END) and the
 * definition with FAST_FUNC parses the first time. Without them, DEAD_END would be
 * read as empty and the child would seem to run on into `return pid;`. */
#include <unistd.h>
#include "compat.h"

void die(const char *msg) DEAD_END;

int FAST_FUNC spawn(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork

	if (pid == 0) {
		execv(argv[0], argv);
		die("exec failed"); // expect: vfork-unsafe-call; ok: vfork-no-exit; error-path
	}
	return pid;
}
