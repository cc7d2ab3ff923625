/* The spawn primitive is chosen at run time: `pid = nommu ? vfork() : fork()`.
 * Both calls are sites and `pid` receives either result. */
#include <unistd.h>

extern int nommu;

pid_t spawn_either(char *const argv[])
{
	pid_t pid;

	pid = nommu
		? vfork() // site: vfork; child: exec+_exit
		: fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork
	if (pid == 0) { // in-child; ok: vfork-no-exit
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	}
	return pid; // not-child; ok: vfork-return
}
