/* A header of the same name for another target; not on this build's -I path. */
#define CHILD_EXIT(code) exit(code)
