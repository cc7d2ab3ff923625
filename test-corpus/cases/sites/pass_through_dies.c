/* toybox's XVFORK() is xvforkwrap(vfork()): the wrapper hands its argument back, and dies when it is
 * the failed vfork's -1. The result is then never -1, so using it as a process id needs no check;
 * a pass-through wrapper that lets -1 through still does. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t xvforkwrap(pid_t pid)
{
	if (pid == -1) {
		perror("vfork");
		exit(1);
	}
	return pid;
}

static pid_t note_vfork(pid_t pid)
{
	if (pid == -1)
		perror("vfork");
	return pid;
}

#define XVFORK() xvforkwrap(vfork())

int time_command(char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;

	if (!(pid = XVFORK())) { // site: vfork; child: exec+_exit
		execvp(argv[0], argv);
		_exit(127);
	}
	wait4(pid, &status, 0, &ru); // ok: fork-unchecked
	return status;
}

int time_command_unchecked(char **argv)
{
	int status;
	pid_t pid;

	if (!(pid = note_vfork(vfork()))) { // site: vfork; child: exec+_exit
		execvp(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0); // expect: fork-unchecked
	return status;
}
