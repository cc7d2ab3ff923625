/* BUG: a tiny launcher whose child falls off the end of main() when the
 * exec fails (and so runs exit(): atexit handlers, stdio flushing). */
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	pid_t pid;
	int status;

	if (argc < 2)
		return 2;
	pid = vfork(); // site: vfork; child: may return
	if (pid == 0) { // in-child
		execvp(argv[1], argv + 1); // in-child; expect: vfork-return
	} else if (pid > 0) { // not-child
		waitpid(pid, &status, 0); // not-child
	}
}
