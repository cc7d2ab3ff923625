/* Children that end correctly in ways the analysis has to recognize: the
 * exec call used as a condition (exec only returns on failure, with -1),
 * _Exit(), abort(), and a loop over PATH candidates followed by _exit(). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pid_t spawn_checked(char **argv)
{
	static const char msg[] = "spawn: exec failed\n";
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		if (execvp(argv[0], argv) < 0) { // ok: vfork-no-exit
			write(2, msg, sizeof msg - 1);
			_exit(127); // ok: vfork-no-exit
		}
	}
	return pid;
}

pid_t spawn_checked_eq(const char *path, char **argv, char **envp)
{
	pid_t pid;

	if ((pid = vfork()) == 0) { // site: vfork; child: exec+_exit
		if (execve(path, argv, envp) == -1) // ok: vfork-no-exit
			_Exit(errno == ENOENT ? 127 : 126); // ok: vfork-no-exit, vfork-exit
	}
	return pid;
}

/* A busybox-like PATH search done by hand over a prepared list. */
pid_t spawn_search(char *const *candidates, char **argv, int fd)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit, abort

	if (pid == 0) {
		int k;

		if (fd >= 0 && dup2(fd, 1) < 0)
			abort(); // ok: vfork-no-exit, vfork-unsafe-call
		for (k = 0; candidates[k] != NULL; k++)
			execv(candidates[k], argv);
		_exit(127); // ok: vfork-no-exit
	}
	return pid;
}
