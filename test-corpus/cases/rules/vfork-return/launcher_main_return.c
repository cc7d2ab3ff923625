/* "nohup"-like launcher: main() runs the command in a vfork child and waits.
 * The child's "return 127" from main() unwinds the parent's frame and runs
 * exit(): atexit handlers and a stdio flush on the parent's memory. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	pid_t pid;
	int status;

	if (argc < 2) {
		fputs("usage: launch CMD [ARG]...\n", stderr);
		return 2; // ok: vfork-return
	}
	pid = vfork(); // site: vfork; child: may return
	if (pid < 0) {
		perror("vfork");
		return 1; // ok: vfork-return
	}
	if (pid == 0) {
		signal(SIGHUP, SIG_IGN); // ok: vfork-unsafe-call
		execvp(argv[1], argv + 1);
		return 127; // expect: vfork-return; error-path
	}
	if (waitpid(pid, &status, 0) < 0)
		return 1; // ok: vfork-return
	printf("%s exited with %d\n", argv[1], WEXITSTATUS(status));
	return WEXITSTATUS(status); // ok: vfork-return
}
