/* A detaching launcher whose main() has no return statement: a child whose
 * exec fails falls off the end of main(), which is a return (and an exit()). */
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		_exit(2);
	if (vfork() == 0) { // site: vfork; child: may return
		setsid(); // ok: vfork-unsafe-call
		execvp(argv[1], argv + 1); // expect: vfork-return
	}
}
