/* Not beside the includer and not on any -I path: found because the tree
 * holds exactly one file whose path ends in spawnutil.h. */
#ifndef SPAWNUTIL_H
#define SPAWNUTIL_H
#include <stdlib.h>
#define FAIL_CHILD() exit(1)
#endif
