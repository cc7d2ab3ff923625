/* `if (vfork()) { parent } else { child }` without a variable: the then
 * branch also runs when vfork fails (-1 is true). */
#include <unistd.h>

extern void note_spawned(void);

void spawn_notify(const char *prog)
{
	if (vfork()) { // site: vfork; child: exec+_exit
		note_spawned(); // not-child
	} else {
		execl(prog, prog, (char *)0); // in-child
		_exit(127); // in-child
	}
}
