/* vforkcheck's stand-in for the C library's macro surface.
 *
 * Read before every file when the machine's system headers are not (the default), so that ordinary
 * code using <stdarg.h>, <stddef.h>, <inttypes.h>, <stdbool.h>, <errno.h> and friends parses. It
 * declares type names as plain `int`/`long` and macros as GCC builtins: enough for parsing, not a
 * description of any real C library. Written for vforkcheck; it is not a copy of any libc header.
 */

/* compiler identification commonly tested by portable code */
#define __linux__ 1
#define __linux 1
#define __unix__ 1

/* <stddef.h> */
#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)
typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;
typedef int wchar_t;

/* <stdarg.h> */
typedef __builtin_va_list va_list;
typedef __builtin_va_list __gnuc_va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_copy(dst, src) __builtin_va_copy(dst, src)
#define __va_copy(dst, src) __builtin_va_copy(dst, src)

/* <stdint.h> */
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long long int64_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef long intptr_t;
typedef unsigned long uintptr_t;
typedef long long intmax_t;
typedef unsigned long long uintmax_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

/* <inttypes.h>: the format macros are string literals */
#define PRId8 "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 "lld"
#define PRIi32 "i"
#define PRIi64 "lli"
#define PRIu8 "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 "llu"
#define PRIx8 "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 "llx"
#define PRIX32 "X"
#define PRIX64 "llX"
#define PRIo32 "o"
#define PRIo64 "llo"
#define PRIdMAX "jd"
#define PRIuMAX "ju"
#define PRIxMAX "jx"
#define PRIdPTR "ld"
#define PRIuPTR "lu"
#define PRIxPTR "lx"
#define SCNd32 "d"
#define SCNd64 "lld"
#define SCNu32 "u"
#define SCNu64 "llu"
#define SCNx32 "x"
#define SCNx64 "llx"
#define SCNdMAX "jd"
#define SCNuMAX "ju"

/* <sys/types.h> and POSIX types */
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef long off_t;
typedef long long off64_t;
typedef long long loff_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long time_t;
typedef long clock_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef int clockid_t;
typedef unsigned int socklen_t;
typedef unsigned short sa_family_t;
typedef unsigned int in_addr_t;
typedef unsigned short in_port_t;
typedef int key_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;
typedef int sig_atomic_t;
typedef struct __vforkcheck_sigset sigset_t;
typedef void (*sighandler_t)(int);
typedef void (*__sighandler_t)(int);
typedef struct __vforkcheck_FILE FILE;
typedef struct __vforkcheck_DIR DIR;
typedef struct __vforkcheck_jmp_buf jmp_buf[1];
typedef struct __vforkcheck_jmp_buf sigjmp_buf[1];
typedef struct __vforkcheck_fd_set fd_set;
typedef struct __vforkcheck_regex regex_t;
typedef struct __vforkcheck_pthread *pthread_t;
typedef struct __vforkcheck_mutex pthread_mutex_t;
typedef struct __vforkcheck_mbstate mbstate_t;
typedef int wint_t;
typedef struct __vforkcheck_locale *locale_t;
typedef struct __vforkcheck_posix_spawn_file_actions posix_spawn_file_actions_t;
typedef struct __vforkcheck_posix_spawnattr posix_spawnattr_t;


/* <stdio.h> */
#define EOF (-1)

/* <stdlib.h>, <unistd.h> */
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* <sys/wait.h> */
#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (((signed char) (((s) & 0x7f) + 1) >> 1) > 0)
#define WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WNOHANG 1
#define WUNTRACED 2

/* <sys/time.h> */
#define timerisset(tv) ((tv)->tv_sec || (tv)->tv_usec)
#define timerclear(tv) ((tv)->tv_sec = (tv)->tv_usec = 0)
#define timercmp(a, b, OP) ((a)->tv_sec == (b)->tv_sec ? (a)->tv_usec OP (b)->tv_usec : (a)->tv_sec OP (b)->tv_sec)

/* <sys/cdefs.h>-style spellings */
#define __THROW
#define __wur
#define __nonnull(params)
#define __BEGIN_DECLS
#define __END_DECLS
#define __P(args) args
#define __attribute_deprecated__
#define __restrict__ __restrict

/* <assert.h> */
#define static_assert(cond, msg)
