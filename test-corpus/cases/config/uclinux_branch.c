/* The vfork() branch is only compiled for uClinux; a desktop configuration
 * never sees it. vforkcheck analyzes it in the configuration __uClinux__. */
#include <stdlib.h>
#include <unistd.h>

int start(char *const argv[])
{
	pid_t pid;
#ifdef __uClinux__
	pid = vfork(); // site: vfork; in-config: __uClinux__
#else
	pid = fork(); // site: fork; expect: fork-to-vfork
#endif
	if (pid == 0) {
		execvp(argv[0], argv);
		exit(127); // expect: vfork-exit{__uClinux__}, fork-child-exit; error-path: vfork-exit
	}
	return pid;
}
