/* The guest API of oneproof/guest.h and oneproof/precompiles.h as ecalls. */
#include <oneproof/guest.h>
#include <oneproof/keccak_software.h>
#include <oneproof/precompiles.h>
#include <oneproof/syscalls.h>

#include "ecall.h"

static const char no_input_message[] = "oneproof: this host has no input stream (op_read)\n";

size_t op_input_len(void) {
  uint32_t n = op_ecall(OP_SYS_INPUT_LEN, LINUX_NONE, 0, 0, 0);
  return n == LINUX_ENOSYS_RESULT ? 0 : n; /* qemu: no input */
}

void op_read(void *dst, size_t n) {
  if (n == 0) return;
  uint32_t r = op_ecall(OP_SYS_READ, LINUX_NONE, (uint32_t)(uintptr_t)dst, (uint32_t)n, 0);
  if (r == LINUX_ENOSYS_RESULT) {
    op_write(2, no_input_message, sizeof no_input_message - 1);
    op_halt(134);
  }
}

void op_commit(const void *src, size_t n) {
  /* Under qemu this is a no-op: public values only exist inside the zkVM. */
  op_ecall(OP_SYS_COMMIT, LINUX_NONE, (uint32_t)(uintptr_t)src, (uint32_t)n, 0);
}

void op_write(int fd, const void *src, size_t n) {
  op_ecall(OP_SYS_WRITE, LINUX_WRITE, (uint32_t)fd, (uint32_t)(uintptr_t)src, (uint32_t)n);
}

void op_halt(uint32_t code) {
  op_ecall(OP_SYS_HALT, LINUX_EXIT, code, 0, 0);
  for (;;) {
  }
}

void op_keccak_permute(uint64_t state[25]) {
  /* A host without the precompile (qemu) answers -ENOSYS, which can never be a state pointer (it is
   * not 4-byte aligned); compute the same permutation in software there. */
  uint32_t r = op_ecall(OP_SYS_KECCAK_PERMUTE, LINUX_NONE, (uint32_t)(uintptr_t)state, 0, 0);
  if (r == LINUX_ENOSYS_RESULT) op_keccak_permute_software(state);
}
