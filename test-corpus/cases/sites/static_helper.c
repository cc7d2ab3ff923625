/* The site sits in a file-local helper of a mail delivery agent that pipes
 * a message into the local delivery program. */
#include <unistd.h>

static const char *const deliver_path = "/usr/libexec/deliver";

static pid_t spawn_deliver(int msgfd, char *const argv[], char *const envp[])
{
	pid_t pid;

	if ((pid = vfork()) != 0) // site: vfork; child: exec+_exit
		return pid; // not-child; ok: vfork-return
	dup2(msgfd, 0); // in-child; ok: vfork-unsafe-call
	close(msgfd); // in-child
	execve(deliver_path, argv, envp); // in-child
	_exit(75); // in-child; ok: vfork-exit, vfork-no-exit
}

int deliver(int msgfd, char *const argv[], char *const envp[])
{
	return spawn_deliver(msgfd, argv, envp) < 0 ? -1 : 0;
}
