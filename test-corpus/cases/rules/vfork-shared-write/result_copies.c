/* Writes of the vfork result itself. The variable that receives the result,
 * including a struct field or a copy of it made right after the call, is
 * written by the parent again when vfork() returns: that is not a shared
 * write. Code that both processes run after vfork() (before the result is
 * tested) still writes the parent's memory twice. */
#include <unistd.h>

struct child_proc {
	pid_t pid;
	int status;
	int running;
};

static int nspawned;

int proc_start(struct child_proc *cp, char **argv)
{
	cp->pid = vfork(); // site: vfork; child: exec+_exit
	if (cp->pid == 0) {
		cp->pid = getpid(); // ok: vfork-shared-write
		cp->status = 0; // expect: vfork-shared-write
		setpgid(0, cp->pid);
		execvp(argv[0], argv);
		_exit(127);
	}
	cp->running = cp->pid > 0; // ok: vfork-shared-write
	return cp->pid < 0 ? -1 : 0;
}

pid_t proc_start_counted(char **argv)
{
	pid_t pid, child;

	pid = vfork(); // site: vfork; child: exec+_exit
	child = pid; // ok: vfork-shared-write
	nspawned++; // expect: vfork-shared-write
	if (child != 0)
		return child;
	execvp(argv[0], argv);
	_exit(127);
}
