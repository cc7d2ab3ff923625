/* An init system starting a service as its configured user. The first
 * version resolves the user and prepares the environment in the vfork
 * child: the passwd lookup, initgroups(), setenv() and syslog() all take
 * locks, allocate or keep static state in the parent's memory. */
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>
#include <unistd.h>

struct unit {
	const char *name;
	const char *user;
	const char *workdir;
	char **argv;
	uid_t uid;
	gid_t gid;
	gid_t *groups;
	int ngroups;
	char **env;
};

pid_t unit_spawn_bad(struct unit *u)
{
	pid_t pid = vfork(); // site: vfork; child: exec+_exit, _exit

	if (pid == 0) {
		struct passwd *pw = getpwnam(u->user); // expect: vfork-unsafe-call

		if (pw == NULL) {
			syslog(LOG_ERR, "%s: unknown user %s", u->name, u->user); // expect: vfork-unsafe-call; error-path
			_exit(1);
		}
		if (initgroups(pw->pw_name, pw->pw_gid) < 0) // expect: vfork-unsafe-call
			_exit(1);
		setgid(pw->pw_gid);
		setuid(pw->pw_uid);
		setenv("HOME", pw->pw_dir, 1); // expect: vfork-unsafe-call
		setenv("USER", pw->pw_name, 1); // expect: vfork-unsafe-call
		unsetenv("LD_PRELOAD"); // expect: vfork-unsafe-call
		execvp(u->argv[0], u->argv);
		syslog(LOG_ERR, "%s: exec: %s", u->name, strerror(errno)); // expect: vfork-unsafe-call; error-path
		_exit(127);
	}
	return pid;
}

/* The safe version: the user was resolved and the environment built by the
 * parent; the child only does async-signal-safe system calls. */
pid_t unit_spawn(struct unit *u)
{
	sigset_t all, old;
	pid_t pid;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid = vfork(); // site: vfork; child: exec+_exit, _exit
	if (pid == 0) {
		struct sigaction sa;
		int fd, sig;

		memset(&sa, 0, sizeof sa); // ok: vfork-unsafe-call
		sa.sa_handler = SIG_DFL; // ok: vfork-shared-write
		for (sig = 1; sig < 32; sig++)
			sigaction(sig, &sa, NULL); // ok: vfork-unsafe-call
		signal(SIGPIPE, SIG_DFL); // ok: vfork-unsafe-call
		sigprocmask(SIG_SETMASK, &old, NULL); // ok: vfork-unsafe-call
		if (setsid() < 0) // ok: vfork-unsafe-call
			_exit(1); // ok: vfork-unsafe-call
		setpgid(0, 0); // ok: vfork-unsafe-call
		umask(022); // ok: vfork-unsafe-call
		if (chdir(u->workdir) < 0) // ok: vfork-unsafe-call
			_exit(1);
		fd = open("/dev/null", O_RDWR); // ok: vfork-unsafe-call
		if (fd >= 0) {
			dup2(fd, 0); // ok: vfork-unsafe-call
			if (fd > 2)
				close(fd); // ok: vfork-unsafe-call
		}
		fcntl(3, F_SETFD, FD_CLOEXEC); // ok: vfork-unsafe-call
		if (setgroups(u->ngroups, u->groups) < 0 || setgid(u->gid) < 0 || setuid(u->uid) < 0) // ok: vfork-unsafe-call
			_exit(1);
		execve(u->argv[0], u->argv, u->env); // ok: vfork-unsafe-call
		_exit(127); // ok: vfork-unsafe-call
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		syslog(LOG_ERR, "%s: vfork: %s", u->name, strerror(errno)); // ok: vfork-unsafe-call
	return pid;
}

/* fork(): the child has its own copy of libc state, so the lookups are not
 * a vfork problem. */
pid_t unit_spawn_forked(struct unit *u)
{
	pid_t pid = fork(); // site: fork

	if (pid == 0) {
		struct passwd *pw = getpwnam(u->user); // ok: vfork-unsafe-call

		if (pw != NULL)
			setenv("HOME", pw->pw_dir, 1); // ok: vfork-unsafe-call
		execvp(u->argv[0], u->argv);
		_exit(127);
	}
	return pid;
}
