/* Like dropbear's TRACE: a statement macro, used without a semicolon. In this
 * build it prints with stdio, which a vfork child must not do. */
#ifndef DEBUG_H
#define DEBUG_H
#include <stdio.h>
#define TRACE(args) fprintf args;
#endif
