/* A project header with a vfork macro, as tool boxes write them: a function
 * would return in the child and wreck the parent's stack, so it is a macro. */
#ifndef XFUNCS_H
#define XFUNCS_H

void die(const char *msg) __attribute__((noreturn));

#define xvfork() \
({ \
	pid_t xvfork__pid = vfork(); \
	if (xvfork__pid < 0) \
		die("vfork"); \
	xvfork__pid; \
})

#endif
