/* The result lives in a global that a SIGCHLD handler reads; tests on the
 * global split child and parent like tests on a local. */
#include <unistd.h>

pid_t editor_pid;

int open_editor(const char *editor, const char *file)
{
	editor_pid = vfork(); // site: vfork; child: exec+_exit
	if (editor_pid == -1) // in-child
		return -1; // not-child
	if (editor_pid != 0) // in-child
		return 0; // not-child
	execlp(editor, editor, file, (char *)0); // in-child
	_exit(127); // in-child
}
