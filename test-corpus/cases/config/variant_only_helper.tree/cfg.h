/* Like busybox's platform.h: the no-MMU build is chosen by a configuration macro. */
#ifdef CONFIG_NOMMU
#define MMU 0
#else
#define MMU 1
#endif
