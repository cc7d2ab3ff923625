/* `do { ... } while (0)` in a macro is not a loop: nobody takes its back edge (the child does not
 * come back to its own vfork). A real do-while server loop is one: a child whose accept() failed
 * would go around it (it leaves into the parent's loop there) or fall off the function's end. */
#include <unistd.h>

#define GUARDED(x) do { x; } while (0)

void serve(int sock, int once, char **argv)
{
	pid_t pid;

	do {
		int conn = accept(sock, NULL, NULL); // not-child

		GUARDED(pid = vfork()); // site: vfork; child: exec+_exit, may return, leaves into parent code; ok: vfork-unsafe-call
		if (pid) {
			close(conn); // not-child
			continue;
		}
		if (conn >= 0) {
			dup2(conn, 0);
			execv(argv[0], argv);
			_exit(127);
		}
	} while (!once); // expect: vfork-no-exit, vfork-return; error-path
}
