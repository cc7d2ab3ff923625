/* Closing inherited descriptors before exec, as service managers do. Walking
 * /proc/self/fd with opendir()/readdir() allocates a DIR on the parent's
 * heap, and reading a limits file with getline() allocates its line buffer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

pid_t spawn_clean_bad(char **argv, const char *limits_file)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		DIR *d;
		struct dirent *de;
		FILE *lf;
		char *line = NULL;
		size_t cap = 0;

		d = opendir("/proc/self/fd"); // expect: vfork-heap
		if (d != NULL) {
			while ((de = readdir(d)) != NULL) { // expect: vfork-unsafe-call
				int fd = atoi(de->d_name);

				if (fd > 2 && fd != dirfd(d)) // expect: vfork-unsafe-call
					close(fd);
			}
			closedir(d); // expect: vfork-heap
		}
		lf = fopen(limits_file, "r"); // expect: vfork-stdio
		if (lf != NULL) {
			while (getline(&line, &cap, lf) > 0) // expect: vfork-heap
				nice(atoi(line));
			free(line); // expect: vfork-heap
			fclose(lf); // expect: vfork-stdio
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* vfork-safe: bound the descriptor range with getrlimit() and close();
 * the limits file was read by the parent. */
pid_t spawn_clean(char **argv, int niceness)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		struct rlimit rl;
		int fd, maxfd = 1024;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 65536) // ok: vfork-heap, vfork-unsafe-call
			maxfd = (int)rl.rlim_cur; // ok: vfork-shared-write
		for (fd = 3; fd < maxfd; fd++) // ok: vfork-shared-write
			close(fd); // ok: vfork-heap, vfork-unsafe-call
		nice(niceness);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}
