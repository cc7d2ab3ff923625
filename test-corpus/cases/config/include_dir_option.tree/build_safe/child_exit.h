/* The header the build uses (-I build_safe). */
#define CHILD_EXIT(code) _exit(code)
