/* Like dropbear's sysoptions.h: the build picks vfork when fork is missing. */
#ifndef PORT_H
#define PORT_H
#ifndef HAVE_FORK
#define USE_VFORK 1
#else
#define USE_VFORK 0
#endif
#endif
