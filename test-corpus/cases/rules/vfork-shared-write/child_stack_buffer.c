/* A PATH search in the child, as C libraries write it: the child builds each
 * candidate name in a buffer it allocates on its own part of the stack. Writes
 * there, even through a pointer moved with --, memcpy's result or pointer
 * arithmetic, are not the parent's memory; the same writes through a pointer the
 * parent handed in are. */
#include <alloca.h>
#include <string.h>
#include <unistd.h>

pid_t spawn_search(const char *file, const char *dir, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		size_t filelen = strlen(file) + 1;
		size_t dirlen = strlen(dir);
		char *name;

		name = alloca(dirlen + 1 + filelen);
		name = (char *)memcpy(name + dirlen + 1, file, filelen);
		*--name = '/'; // ok: vfork-shared-write
		*(name - 1) = '/'; // ok: vfork-shared-write
		execv(name, argv);
		_exit(127);
	}
	return pid;
}

pid_t spawn_in(char *scratch, const char *file, char *const argv[])
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit

	if (pid == 0) {
		char *name = scratch;

		*name++ = '.'; // expect: vfork-shared-write
		*name++ = '/'; // expect: vfork-shared-write
		strcpy(name, file);
		execv(scratch, argv);
		_exit(127);
	}
	return pid;
}
