/* The POSIX hooks picolibc's stdio and exit need, mapped onto the guest API. A guest has no files:
 * stdout and stderr go to op_write, stdin reads as empty, everything else fails with an errno. */
#include <errno.h>
#include <oneproof/guest.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  op_write(fd, buf, n);
  return (ssize_t)n;
}

ssize_t read(int fd, void *buf, size_t n) {
  (void)buf;
  (void)n;
  if (fd != 0) {
    errno = EBADF;
    return -1;
  }
  return 0; /* stdin is always at its end */
}

int close(int fd) {
  if (fd >= 0 && fd <= 2) return 0;
  errno = EBADF;
  return -1;
}

off_t lseek(int fd, off_t offset, int whence) {
  (void)fd;
  (void)offset;
  (void)whence;
  errno = ESPIPE;
  return -1;
}

__attribute__((noreturn)) void _exit(int code) { op_halt((uint32_t)code); }

/* picolibc's abort raises SIGABRT, which a guest cannot deliver; halt with the shell's 128 + 6. */
__attribute__((noreturn)) void abort(void) {
  static const char message[] = "oneproof: abort\n";
  op_write(2, message, sizeof message - 1);
  op_halt(134);
}
