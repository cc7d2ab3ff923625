/* An ssh-server-like session starting the user's shell. The first version
 * builds the environment inside the vfork child: every allocation runs on
 * the parent's heap (and deadlocks if another thread held the malloc lock
 * at vfork time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct passwd_info {
	const char *name;
	const char *dir;
	const char *shell;
};

pid_t exec_shell_bad(const struct passwd_info *pw, const char *term, char **argv)
{
	pid_t pid;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		char *env[8];
		char *entry;
		char *shell;
		size_t n = 0;

		if (asprintf(&entry, "USER=%s", pw->name) >= 0) // expect: vfork-heap
			env[n++] = entry;
		if (asprintf(&entry, "HOME=%s", pw->dir) >= 0) // expect: vfork-heap
			env[n++] = entry;
		if (term != NULL) {
			entry = malloc(strlen(term) + 6); // expect: vfork-heap
			if (entry != NULL) {
				strcpy(entry, "TERM=");
				strcat(entry, term);
				env[n++] = entry;
			}
		}
		env[n] = NULL;
		shell = strdup(pw->shell); // expect: vfork-heap "calls strdup()"
		execve(shell, argv, env);
		free(shell); // expect: vfork-heap; error-path
		_exit(1);
	}
	return pid;
}

/* The environment is built by the parent before vfork() and freed by the
 * parent afterwards: the child only execs. */
pid_t exec_shell(const struct passwd_info *pw, const char *term, char **argv)
{
	char **env;
	size_t n = 0, i;
	pid_t pid;

	env = calloc(8, sizeof *env); // ok: vfork-heap
	if (env == NULL)
		return -1;
	if (asprintf(&env[n], "USER=%s", pw->name) >= 0) // ok: vfork-heap
		n++;
	if (asprintf(&env[n], "HOME=%s", pw->dir) >= 0)
		n++;
	if (term != NULL && asprintf(&env[n], "TERM=%s", term) >= 0)
		n++;
	env[n] = NULL;

	pid = vfork(); // site: vfork; child: exec+_exit
	if (pid == 0) {
		execve(pw->shell, argv, env); // ok: vfork-heap
		_exit(1);
	}
	for (i = 0; i < n; i++)
		free(env[i]); // ok: vfork-heap
	free(env); // ok: vfork-heap
	return pid;
}
