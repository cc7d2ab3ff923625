/* A project header: DIE() looks harmless at the call site, but it is exit(). */
#ifndef UTIL_H
#define UTIL_H
#include <stdlib.h>
#define DIE(code) exit(code)
#endif
