/* `pid == (pid_t)-1`: the failure test written with a cast, as in code that
 * is careful about pid_t's signedness. Only the failing parent returns. */
#include <sys/types.h>
#include <unistd.h>

pid_t spawn_cast(char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == (pid_t)-1) // in-child
		return (pid_t)-1; // not-child; ok: vfork-return
	if (pid == (pid_t)0) { // in-child
		execv(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child
}
