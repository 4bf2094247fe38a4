/* picolibc's tiny stdio leaves stdin/stdout/stderr to the application. Ours are buffered POSIX
 * streams over read/write (posix.c): line-buffered, so each printed line is one op_write ecall
 * instead of one per character, and flushed once more when the program exits. */
#include <stdio-bufio.h>
#include <stdio.h>
#include <unistd.h>

static char stdout_buffer[256];
static char stderr_buffer[256];

static struct __file_bufio stdin_file = FDEV_SETUP_BUFIO(0, NULL, 0, read, write, lseek, close, __SRD, 0);
static struct __file_bufio stdout_file =
    FDEV_SETUP_BUFIO(1, stdout_buffer, sizeof stdout_buffer, read, write, lseek, close, __SWR, __BLBF);
static struct __file_bufio stderr_file =
    FDEV_SETUP_BUFIO(2, stderr_buffer, sizeof stderr_buffer, read, write, lseek, close, __SWR, __BLBF);

FILE *const stdin = &stdin_file.xfile.cfile.file;
FILE *const stdout = &stdout_file.xfile.cfile.file;
FILE *const stderr = &stderr_file.xfile.cfile.file;

/* exit() runs atexit handlers, then destructors; priority 101 makes this the last destructor, so
 * output printed by other destructors is flushed too. */
__attribute__((destructor(101))) static void flush_standard_streams(void) {
  fflush(stdout);
  fflush(stderr);
}
