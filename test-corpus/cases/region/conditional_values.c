/* Values chosen with ?: before the vfork. A fact about the chosen value holds only
 * when it holds for both arms: `want` may be 1 or 0, so the test cannot be
 * decided and both branches stay in the child; `child` may hold the vfork result
 * or 5, so with dry_run the child takes the parent's way and returns. */
#include <stdio.h>
#include <unistd.h>

pid_t run_verbose(char **argv, int verbose)
{
	int yes = 1;
	int no = 0;
	int want = verbose ? yes : no;
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		if (want)
			printf("running %s\n", argv[0]); // expect: vfork-stdio; in-child
		else
			puts("running"); // expect: vfork-stdio; in-child
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

pid_t run_maybe(char **argv, int dry_run)
{
	int skipped = 5;
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, may return, unknown
	pid_t child = dry_run ? skipped : pid; // todo-ok: vfork-no-exit

	if (child == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	return pid; // expect: vfork-return
}

/* Both arms the same constant: the value is known, and the test is decided. */
pid_t run_quiet(char **argv, int c)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		int zero = 0;
		int quiet = c ? zero : 0;

		if (quiet)
			puts("never"); // ok: vfork-stdio; not-child
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}
