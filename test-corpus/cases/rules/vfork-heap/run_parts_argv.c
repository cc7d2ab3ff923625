/* A run-parts/xargs-like tool: run one program per item with extra
 * arguments. The bad version builds the argv vector in the child with
 * calloc()/strdup() (inside a loop) and grows it with realloc(). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t run_part_bad(const char *prog, char *const *extra, int nextra, const char *item)
{
	pid_t pid;

	switch (pid = vfork()) { // site: vfork; child: exec+_exit, _exit
	case -1:
		return -1;
	case 0: {
		char **av;
		int i;

		av = calloc(nextra + 2, sizeof *av); // expect: vfork-heap
		if (av == NULL)
			_exit(1);
		av[0] = (char *)prog;
		for (i = 0; i < nextra; i++)
			av[i + 1] = strdup(extra[i]); // expect: vfork-heap
		if (item != NULL) {
			av = realloc(av, (nextra + 3) * sizeof *av); // expect: vfork-heap
			if (av == NULL)
				_exit(1);
			av[nextra + 1] = (char *)item;
			nextra++; // expect: vfork-shared-write
		}
		av[nextra + 1] = NULL;
		execv(prog, av);
		_exit(127);
	}
	default:
		return pid;
	}
}

/* Bounded argv kept in the child's own stack slot: no allocation. */
#define MAX_EXTRA 16
pid_t run_part(const char *prog, char *const *extra, int nextra, const char *item)
{
	pid_t pid;

	if (nextra > MAX_EXTRA)
		return -1;
	switch (pid = vfork()) { // site: vfork; child: exec+_exit
	case -1:
		return -1;
	case 0: {
		char *av[MAX_EXTRA + 3];
		int i, n = 0;

		av[n++] = (char *)prog; // ok: vfork-heap, vfork-shared-write
		for (i = 0; i < nextra; i++)
			av[n++] = extra[i]; // ok: vfork-heap, vfork-shared-write
		if (item != NULL)
			av[n++] = (char *)item;
		av[n] = NULL;
		execv(prog, av);
		_exit(127);
	}
	default:
		return pid;
	}
}

/* With fork() the child has its own heap: allocating there is fine. */
pid_t run_part_forked(const char *prog, char *const *extra, int nextra)
{
	pid_t pid = fork(); // site: fork

	if (pid == 0) {
		char **av = calloc(nextra + 2, sizeof *av); // ok: vfork-heap
		int i;

		av[0] = strdup(prog); // ok: vfork-heap
		for (i = 0; i < nextra; i++)
			av[i + 1] = extra[i];
		execv(prog, av);
		_exit(127);
	}
	return pid;
}
