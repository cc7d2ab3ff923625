/* A popen() implementation on top of vfork(), as small C libraries have
 * one. The child must close the pipes of earlier popen() streams; getting
 * their descriptors with fileno() locks those FILEs (musl takes the FILE lock
 * in fileno), and the old fclose() variant frees and flushes them. */
#include <stdio.h>
#include <unistd.h>

struct popen_ent {
	FILE *fp;
	int fd;
	pid_t pid;
	struct popen_ent *next;
};

static struct popen_ent *popen_list;

FILE *my_popen_old(const char *cmd, const char *mode)
{
	int pdes[2];
	pid_t pid;
	int reading = mode[0] == 'r';

	if (pipe(pdes) < 0)
		return NULL;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		struct popen_ent *p;

		for (p = popen_list; p != NULL; p = p->next)
			fclose(p->fp); // expect: vfork-stdio "calls fclose()"
		if (reading) {
			close(pdes[0]);
			if (pdes[1] != 1) {
				dup2(pdes[1], 1);
				close(pdes[1]);
			}
		} else {
			close(pdes[1]);
			if (pdes[0] != 0) {
				dup2(pdes[0], 0);
				close(pdes[0]);
			}
		}
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		close(pdes[0]);
		close(pdes[1]);
		return NULL;
	}
	if (reading) {
		close(pdes[1]);
		return fdopen(pdes[0], mode); // ok: vfork-stdio
	}
	close(pdes[0]);
	return fdopen(pdes[1], mode); // ok: vfork-stdio
}

FILE *my_popen_fileno(const char *cmd)
{
	int pdes[2];
	pid_t pid;

	if (pipe(pdes) < 0)
		return NULL;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		struct popen_ent *p;

		for (p = popen_list; p != NULL; p = p->next)
			close(fileno(p->fp)); // expect: vfork-stdio
		close(pdes[0]);
		dup2(pdes[1], 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(pdes[1]);
	return fdopen(pdes[0], "r");
}

/* What the C libraries do today: the descriptor is recorded in the list
 * entry in the parent, so the child only calls close(). */
FILE *my_popen(const char *cmd)
{
	int pdes[2];
	pid_t pid;

	if (pipe(pdes) < 0)
		return NULL;
	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		struct popen_ent *p;

		for (p = popen_list; p != NULL; p = p->next)
			close(p->fd); // ok: vfork-stdio
		close(pdes[0]);
		dup2(pdes[1], 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(pdes[1]);
	return fdopen(pdes[0], "r"); // ok: vfork-stdio
}
