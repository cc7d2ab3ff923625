/* A watchdog that restarts a crashed service and, when that keeps failing,
 * runs the reboot command. Every child here execs, directly or through a
 * helper of this file. */
#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct watched {
	char **argv;
	pid_t pid;
	time_t started;
	int failures;
};

/* Retries the exec while the binary is being replaced (ETXTBSY). */
static void exec_service(char **argv)
{
	while (execv(argv[0], argv) < 0 && errno == ETXTBSY)
		sleep(1);
	_exit(127);
}

int restart(struct watched *w)
{
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-no-exec; expect: fork-to-vfork

	if (pid < 0)
		return -1;
	if (pid == 0)
		exec_service(w->argv);
	w->pid = pid;
	w->started = time(NULL);
	return 0;
}

int run_reboot(void)
{
	int status;
	pid_t pid = fork(); // site: fork; child: exec+_exit; ok: fork-no-exec; expect: fork-to-vfork

	if (pid == -1)
		return -1;
	if (pid == 0) {
		execl("/sbin/reboot", "reboot", "-f", (char *)NULL);
		_exit(1);
	}
	if (waitpid(pid, &status, 0) < 0) // ok: fork-unchecked
		return -1;
	return status;
}

/* The watchdog's main loop reaps with wait(): no pid from fork() is used. */
void watch(struct watched *w)
{
	for (;;) {
		int status;
		pid_t dead = wait(&status);

		if (dead < 0) {
			if (errno == ECHILD && restart(w) < 0)
				sleep(5);
			continue;
		}
		if (dead != w->pid)
			continue;
		if (time(NULL) - w->started < 10 && ++w->failures > 5) {
			fprintf(stderr, "watchdog: %s keeps failing, rebooting\n", w->argv[0]);
			run_reboot();
		}
		restart(w);
	}
}
