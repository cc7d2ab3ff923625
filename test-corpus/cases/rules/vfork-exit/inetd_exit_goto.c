/* An inetd-like super-server starting a service for an accepted connection.
 * The child's failure paths meet at a label that calls exit(). */
#include <grp.h>
#include <stdlib.h>
#include <unistd.h>

struct servtab {
	char *se_server;
	char **se_argv;
	uid_t se_uid;
	gid_t se_gid;
	int se_wait;
};

pid_t spawn_service(struct servtab *sep, int ctrl)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exit()
	if (pid != 0)
		return pid; /* parent, or -1 */

	/* only the child gets here */
	if (dup2(ctrl, 0) < 0 || dup2(ctrl, 1) < 0 || dup2(ctrl, 2) < 0)
		goto fail;
	if (ctrl > 2)
		close(ctrl);
	if (setgid(sep->se_gid) < 0)
		goto fail;
	if (setuid(sep->se_uid) < 0)
		goto fail;
	execv(sep->se_server, sep->se_argv);
fail:
	exit(1); // expect: vfork-exit; error-path
}

/* Waits for a free slot, then starts the service: the child retries its
 * exec while the binary is being replaced, and gives up with exit(). */
pid_t spawn_service_retry(struct servtab *sep, int ctrl)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit, exit()

	if (pid == 0) {
		int tries = 0;

		if (ctrl != 0 && dup2(ctrl, 0) < 0)
			_exit(1); // ok: vfork-exit
		while (tries++ < 5) {
			execv(sep->se_server, sep->se_argv);
			if (tries == 5)
				exit(126); // expect: vfork-exit; error-path
			sleep(1);
		}
		_exit(127); // ok: vfork-exit
	}
	return pid;
}
