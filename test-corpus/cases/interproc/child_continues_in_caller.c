/* A helper whose parent waits for the child and exits, so that only the child
 * comes back to the caller (a "continue in a new namespace" idiom). The helper's
 * own child already returns on the parent's stack; and everything its caller
 * does after the call is the vfork child's work. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

void parent_waits_and_exits(void)
{
	pid_t pid = vfork(); // site: vfork; child: may return

	if (pid > 0) { // expect: vfork-return
		int status;

		waitpid(pid, &status, 0);
		_exit(WEXITSTATUS(status));
	}
}

int enter_and_run(char **argv)
{
	parent_waits_and_exits(); // site: vfork; child: may return
	printf("in the new namespace\n"); // expect: vfork-stdio; in-child
	execvp(argv[0], argv);
	return 127; // expect: vfork-return; in-child; error-path
}

int enter_and_run_fixed(char **argv)
{
	parent_waits_and_exits(); // site: vfork; child: exec+_exit
	execvp(argv[0], argv);
	_exit(127); // ok: vfork-exit, vfork-return; in-child
}

/* The same shape with fork(): the child has its own memory, so the caller's code
 * after the call is an ordinary daemon, not a vfork child. */
void daemonize(void)
{
	pid_t pid = fork(); // site: fork; child: may return; expect: fork-no-exec

	if (pid > 0)
		_exit(0);
}

int serve(void)
{
	daemonize();
	printf("serving\n"); // ok: vfork-stdio; not-child
	return 0; // ok: vfork-return
}
