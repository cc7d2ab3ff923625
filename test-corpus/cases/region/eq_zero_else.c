/* `if (pid == 0) { child } else { parent }`: the else branch and everything
 * after the if belong to the parent only. */
#include <sys/wait.h>
#include <unistd.h>

int run_and_wait(char *const argv[])
{
	pid_t pid;
	int status = 0;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) { // in-child
		execvp(argv[0], argv); // in-child
		_exit(127); // in-child
	} else {
		if (pid < 0) // not-child
			return -1; // not-child
		while (waitpid(pid, &status, 0) < 0) // not-child
			;
	}
	return status; // not-child; ok: vfork-return
}
