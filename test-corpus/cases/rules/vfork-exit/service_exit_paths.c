/* A supervisor starting a daemon with its redirections. exit() is reached
 * inside a loop, in a switch, and after several other problems in the same
 * child; each of them is reported at its own line. */
#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct redir {
	int fd;
	const char *path;
	int flags;
};

struct daemon_spec {
	const char *name;
	char **argv;
	struct redir *redirs;
	int nredirs;
	int mode; /* 0 = foreground, 1 = detach, 2 = ignore hangups */
};

pid_t supervise_start(struct daemon_spec *d)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: exit()
	case -1:
		fprintf(stderr, "%s: vfork: %s\n", d->name, strerror(errno));
		exit(1); // ok: vfork-exit
	case 0: {
		int i;

		for (i = 0; i < d->nredirs; i++) {
			int fd = open(d->redirs[i].path, d->redirs[i].flags, 0644);

			if (fd < 0)
				exit(1); // expect: vfork-exit; error-path
			if (fd != d->redirs[i].fd) {
				dup2(fd, d->redirs[i].fd);
				close(fd);
			}
		}
		switch (d->mode) {
		case 1:
			if (setsid() < 0)
				error(EXIT_FAILURE, errno, "setsid"); // expect: vfork-exit; error-path
			break;
		case 2:
			signal(SIGHUP, SIG_IGN);
			break;
		default:
			break;
		}
		execvp(d->argv[0], d->argv);
		fprintf(stderr, "%s: cannot run %s\n", d->name, d->argv[0]); // expect: vfork-stdio; error-path
		fflush(stderr); // expect: vfork-stdio; error-path
		exit(errno == ENOENT ? 127 : 126); // expect: vfork-exit; error-path
	}
	default:
		return pid;
	}
}

/* Corrected: each failure ends the child with _exit()/_Exit(). */
pid_t supervise_start_fixed(struct daemon_spec *d)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: exec+_exit, _exit
	case -1:
		return -1;
	case 0: {
		int i;

		for (i = 0; i < d->nredirs; i++) {
			int fd = open(d->redirs[i].path, d->redirs[i].flags, 0644);

			if (fd < 0)
				_exit(1); // ok: vfork-exit
			if (fd != d->redirs[i].fd) {
				dup2(fd, d->redirs[i].fd);
				close(fd);
			}
		}
		if (d->mode == 1 && setsid() < 0)
			_Exit(1); // ok: vfork-exit
		execvp(d->argv[0], d->argv);
		_exit(errno == ENOENT ? 127 : 126); // ok: vfork-exit
	}
	default:
		return pid;
	}
}
