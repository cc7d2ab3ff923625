/* The project's own spelling of GCC attributes, as busybox's platform.h has it. */
#if defined(__i386__)
# define FAST_FUNC __attribute__((regparm(3),stdcall))
#else
# define FAST_FUNC
#endif
#define DEAD_END __attribute__((__noreturn__))
