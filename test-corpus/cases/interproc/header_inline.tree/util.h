/* The fallback err() of a project built without <err.h>: a static inline function in a header,
 * compiled into every file that includes it. */
#include <stdio.h>
#include <stdlib.h>

static inline void errmsg(char doexit, int code, const char *what)
{
	fprintf(stderr, "%s\n", what);
	if (doexit)
		exit(code);
}

#define err(code, what) errmsg(1, code, what)
#define warnmsg(what) errmsg(0, 0, what)
