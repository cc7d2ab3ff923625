/* A pre-forking server: the workers share the listening socket and run the
 * request loop in-process; a progress spinner runs in a child of its own
 * while the master loads its configuration. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXWORKERS 16

static pid_t workers[MAXWORKERS];
static int nworkers;
static volatile sig_atomic_t shutting_down;
static pid_t spinner_pid;

static void on_term(int sig)
{
	(void)sig;
	shutting_down = 1;
}

static int worker_main(int lfd, int id)
{
	char buf[1024];
	long served = 0;

	signal(SIGTERM, on_term);
	while (!shutting_down) {
		ssize_t n;
		int c = accept(lfd, NULL, NULL);

		if (c < 0)
			continue;
		n = read(c, buf, sizeof buf);
		if (n > 0)
			write(c, buf, n);
		close(c);
		served++;
	}
	fprintf(stderr, "worker %d: served %ld connections\n", id, served);
	return 0;
}

int start_workers(int lfd, int n)
{
	int i;

	for (i = 0; i < n && i < MAXWORKERS; i++) {
		pid_t pid = fork(); // site: fork; child: exit(); expect: fork-no-exec

		if (pid < 0) {
			perror("fork");
			return -1;
		}
		if (pid == 0)
			exit(worker_main(lfd, i)); // ok: fork-child-exit
		workers[nworkers++] = pid;
	}
	return 0;
}

void stop_workers(void)
{
	int i;

	for (i = 0; i < nworkers; i++)
		kill(workers[i], SIGTERM); // ok: fork-unchecked
	while (wait(NULL) > 0)
		;
	nworkers = 0;
}

void start_spinner(void)
{
	spinner_pid = fork(); // site: fork; child: loops forever; expect: fork-no-exec
	if (spinner_pid == 0) {
		static const char marks[] = "|/-\\";
		int i = 0;

		for (;;) {
			fprintf(stderr, "\r%c", marks[i++ % 4]);
			sleep(1);
		}
	}
}

void stop_spinner(void)
{
	if (spinner_pid > 0) {
		kill(spinner_pid, SIGTERM); // ok: fork-unchecked
		waitpid(spinner_pid, NULL, 0); // ok: fork-unchecked
		spinner_pid = 0;
	}
}
