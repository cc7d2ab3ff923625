/* A time(1)-like and an strace-like front end, a timeout(1)-like runner,
 * and a no-MMU build of the runner that uses vfork(). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int time_command(char *const argv[], struct rusage *ru)
{
	int status;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (wait4(pid, &status, 0, ru) < 0) // expect: fork-unchecked
		return -1;
	return status;
}

long count_syscalls(char *const argv[])
{
	int status;
	long n = 0;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execvp(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0); // expect: fork-unchecked
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_O_EXITKILL); // expect: fork-unchecked
	return n;
}

long count_syscalls_checked(char *const argv[])
{
	int status;
	long n = 0;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == -1)
		return -1;
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execvp(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0); // ok: fork-unchecked
	while (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) == 0) { // ok: fork-unchecked
		if (waitpid(pid, &status, 0) < 0 || WIFEXITED(status)) // ok: fork-unchecked
			break;
		n++;
	}
	return n / 2;
}

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

int run_with_timeout(char *const argv[], unsigned int secs)
{
	int status = 0;
	pid_t pid = fork(); // site: fork; child: exec+_exit; expect: fork-to-vfork

	if (pid == 0) {
		setpgid(0, 0);
		execvp(argv[0], argv);
		_exit(127);
	}
	signal(SIGALRM, on_alarm);
	alarm(secs);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) { // expect: fork-unchecked
		if (timed_out) {
			killpg(pid, SIGKILL); // expect: fork-unchecked
			timed_out = 0;
		}
	}
	return status;
}

int run_with_timeout_nommu(char *const argv[], unsigned int secs)
{
	int status = 0;
	pid_t pid = vfork(); // site: vfork; child: exec+_exit; ok: fork-to-vfork

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	alarm(secs);
	while (waitpid(pid, &status, 0) < 0) { // expect: fork-unchecked
		if (errno != EINTR)
			return -1;
		kill(pid, SIGKILL); // expect: fork-unchecked
	}
	return status;
}
