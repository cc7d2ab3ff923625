/* An init system starting a service: the child is the `case 0:` of a switch
 * on the vfork result. Its failure paths reach a return through a goto and
 * after a loop over candidate binaries. */
#include <fcntl.h>
#include <unistd.h>

struct service {
	const char *name;
	const char *dir;
	const char *const *paths; /* NULL-terminated candidates */
	char **argv;
	pid_t pid;
};

int service_start(struct service *svc)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: may return
	case -1:
		return -1; // ok: vfork-return
	case 0: {
		int fd;
		int i;

		setsid();
		if (chdir(svc->dir) < 0)
			goto child_fail;
		fd = open("/dev/null", O_RDWR);
		if (fd < 0)
			goto child_fail;
		dup2(fd, 0);
		if (fd > 2)
			close(fd);
		for (i = 0; svc->paths[i] != NULL; i++)
			execv(svc->paths[i], svc->argv);
	child_fail:
		return -1; // expect: vfork-return
	}
	default:
		svc->pid = pid;
		return 0; // ok: vfork-return
	}
}

/* Same service start, fixed: every child path ends in _exit(). */
int service_start_fixed(struct service *svc)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: exec+_exit, _exit
	case -1:
		return -1; // ok: vfork-return
	case 0: {
		int fd;
		int i;

		setsid();
		if (chdir(svc->dir) < 0)
			_exit(126); // ok: vfork-return, vfork-exit
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			if (fd > 2)
				close(fd);
		}
		for (i = 0; svc->paths[i] != NULL; i++)
			execv(svc->paths[i], svc->argv);
		_exit(127); // ok: vfork-return, vfork-exit
	}
	default:
		svc->pid = pid;
		return 0; // ok: vfork-return
	}
}

/* A respawn loop: the child retries the exec a few times, then gives up by
 * returning the failure to the caller. */
int respawn_getty(char **argv)
{
	pid_t pid = vfork(); // site: vfork; child: may return

	if (pid == 0) {
		int tries;

		for (tries = 0; tries < 3; tries++) {
			execv(argv[0], argv);
			sleep(1);
		}
		return -1; // expect: vfork-return; error-path
	}
	return pid; // ok: vfork-return
}
