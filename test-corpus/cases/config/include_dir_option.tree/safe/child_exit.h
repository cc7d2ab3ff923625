/* The header the build uses (-I safe). */
#define CHILD_EXIT(code) _exit(code)
