/* BSD-style utility code using err(3): err()/errx() print through stdio and
 * then call exit(). Fine in the parent and in a fork() child, wrong in a
 * vfork() child. Modeled on an env(1)/nice(1)-like "run command in dir". */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

pid_t run_in_dir(const char *dir, int prio, char **argv)
{
	pid_t pid;

	if (argv[0] == NULL)
		errx(1, "no command given"); // ok: vfork-exit
	pid = vfork(); // site: vfork; child: exit()
	if (pid == -1)
		err(1, "vfork"); // ok: vfork-exit
	if (pid == 0) {
		if (chdir(dir) == -1)
			err(1, "%s", dir); // expect: vfork-exit; error-path
		if (prio < -20 || prio > 19)
			errx(1, "%d: priority out of range", prio); // expect: vfork-exit
		if (setpriority(PRIO_PROCESS, 0, prio) == -1)
			warn("setpriority"); // expect: vfork-stdio; error-path
		execvp(argv[0], argv);
		err(errno == ENOENT ? 127 : 126, "%s", argv[0]); // expect: vfork-exit; error-path
	}
	return pid;
}

/* The same with fork(): the child has its own copy of stdio and atexit
 * state, so err() there is fine and none of the vfork rules apply. */
pid_t run_in_dir_forked(const char *dir, char **argv)
{
	pid_t pid;

	pid = fork(); // site: fork; expect: fork-to-vfork "2 problems on its error paths"
	if (pid == -1)
		err(1, "fork"); // ok: vfork-exit
	if (pid == 0) {
		if (chdir(dir) == -1)
			err(1, "%s", dir); // ok: vfork-exit
		execvp(argv[0], argv);
		err(127, "%s", argv[0]); // ok: vfork-exit, vfork-stdio; expect: fork-child-exit
	}
	return pid;
}
