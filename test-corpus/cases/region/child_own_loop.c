/* A loop inside the child's own code (resetting signal dispositions, as posix_spawn does) with
 * `continue`: going around it is not going around the parent's loop. */
#include <signal.h>
#include <unistd.h>

pid_t spawn_with_default_signals(char **argv, const sigset_t *keep)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		struct sigaction sa;
		int sig;

		sa.sa_handler = SIG_DFL; // in-child
		sa.sa_flags = 0;
		sigemptyset(&sa.sa_mask);
		for (sig = 1; sig < NSIG; ++sig) {
			if (sigismember(keep, sig))
				continue; // in-child; ok: vfork-no-exit
			sigaction(sig, &sa, NULL); // in-child
		}
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
