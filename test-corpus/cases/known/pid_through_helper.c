/* The unchecked result of fork() reaches kill() through a small helper that
 * takes the process id as a parameter. A failed fork() makes this
 * kill(-1, SIGTERM), but the analysis only looks for -1 at process-id
 * arguments of library calls in the function that forked. */
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

static void stop_child(pid_t child)
{
	kill(child, SIGTERM);
}

void run_for_a_while(char *const argv[], unsigned seconds)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	sleep(seconds);
	stop_child(pid); // todo-expect: fork-unchecked
}

/* Excluding -1 first: nothing to report. */
void run_for_a_while_checked(char *const argv[], unsigned seconds)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid < 0)
		return;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	sleep(seconds);
	stop_child(pid); // ok: fork-unchecked
}
