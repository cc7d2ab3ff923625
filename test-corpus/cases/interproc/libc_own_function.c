/* In a C library's own tree, abort() has a body (here: raise SIGABRT until it works). A function
 * the knowledge base knows is judged by its class, not by its body: the helper that ends in
 * abort() after a failed exec ends the child's path the async-signal-safe way, it does not loop. */
#include <signal.h>
#include <unistd.h>

void abort(void)
{
	for (;;)
		raise(SIGABRT);
}

static void run_shell(char *comm)
{
	char *args[] = { "/bin/sh", "-c", comm, NULL };

	execve(args[0], args, NULL);
	abort();
}

pid_t spawn_shell(char *comm)
{
	pid_t pid = vfork(); // site: vfork; child: abort

	if (pid == 0)
		run_shell(comm); // ok: vfork-no-exit, vfork-unsafe-call
	return pid;
}
