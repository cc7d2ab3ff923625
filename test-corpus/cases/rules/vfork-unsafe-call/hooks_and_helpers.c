/* A process-spawning library with caller-supplied hooks. Calls through
 * function pointers, calls to functions of the project (even small ones in
 * this file: no interprocedural summaries yet) and calls to unknown external
 * functions cannot be checked, so they are reported. longjmp() back into the
 * caller's frame is reported here too. Calls covered by the more specific
 * rules (stdio, heap, exit) are not reported a second time by this rule. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct spawn_ops {
	void (*pre_exec)(void *ctx);
	int (*fixup_fd)(int fd, void *ctx);
};

extern void set_proc_title(const char *title);
extern int apply_seccomp_profile(const char *profile);

static jmp_buf spawn_fail_jmp;

static void reset_signals(void)
{
	int sig;

	for (sig = 1; sig < 32; sig++)
		signal(sig, SIG_DFL);
}

pid_t spawn_with_hooks(char **argv, const struct spawn_ops *ops, void *ctx,
		       void (*child_setup)(void *), const char *profile)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit, longjmp

	if (pid == 0) {
		reset_signals(); /* its body only calls signal(): safe */ // ok: vfork-unsafe-call
		if (child_setup != NULL)
			child_setup(ctx); // expect: vfork-unsafe-call
		if (ops->pre_exec != NULL)
			ops->pre_exec(ctx); // expect: vfork-unsafe-call
		if (ops->fixup_fd != NULL && (*ops->fixup_fd)(0, ctx) < 0) // expect: vfork-unsafe-call
			_exit(1);
		set_proc_title(argv[0]); // expect: vfork-unsafe-call
		if (profile != NULL && apply_seccomp_profile(profile) < 0) // expect: vfork-unsafe-call
			longjmp(spawn_fail_jmp, 1); // expect: vfork-unsafe-call
		execvp(argv[0], argv); // ok: vfork-unsafe-call
		_exit(127); // ok: vfork-unsafe-call
	}
	return pid;
}

/* The more specific rules own these calls: each line has exactly one
 * finding, from its own rule. getenv() is a plain read and abort() is
 * async-signal-safe. */
pid_t spawn_sloppy(char **argv)
{
	pid_t pid = vfork(); // site: vfork; child: abort, exit()

	if (pid == 0) {
		char *copy;
		const char *dbg = getenv("SPAWN_DEBUG"); // ok: vfork-unsafe-call

		if (dbg != NULL)
			printf("spawning %s\n", argv[0]); // expect: vfork-stdio; ok: vfork-unsafe-call
		copy = malloc(64); // expect: vfork-heap; ok: vfork-unsafe-call
		if (copy == NULL)
			abort(); // ok: vfork-unsafe-call
		execvp(argv[0], argv);
		exit(127); // expect: vfork-exit; ok: vfork-unsafe-call; error-path
	}
	return pid;
}
