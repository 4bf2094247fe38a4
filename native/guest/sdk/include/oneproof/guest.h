/* The oneproof guest API: the private input stream, the public values, debug output and halting.
 * Every call is one `ecall` (see syscalls.h for the numbers and registers). */
#ifndef ONEPROOF_GUEST_H
#define ONEPROOF_GUEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Number of private-input bytes not yet read. */
size_t op_input_len(void);

/** Copies the next n bytes of the private input to dst. Reading past the end stops the program. */
void op_read(void *dst, size_t n);

/** Appends n bytes to the public values (the proven output). */
void op_commit(const void *src, size_t n);

/** Debug output to fd 1 (stdout) or 2 (stderr). Not proven. */
void op_write(int fd, const void *src, size_t n);

/** Ends the program with an exit code (0 = success). */
__attribute__((noreturn)) void op_halt(uint32_t code);

#ifdef __cplusplus
}
#endif

#endif
