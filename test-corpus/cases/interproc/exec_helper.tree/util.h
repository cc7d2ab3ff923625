/* Shared helpers of a small process supervisor (declarations only). */
#ifndef UTIL_H
#define UTIL_H

void exec_or_die(char *const argv[]);
void report_failure(const char *what);
void usage(void) __attribute__((noreturn));

#endif
