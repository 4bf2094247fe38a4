/* The one place that issues `ecall`. The zkVM reads the call number from t0; a7 carries the Linux
 * syscall number with the same argument registers (write = 64, exit = 93) so that the same ELF also
 * runs under qemu-riscv32 for differential tests. Calls with no Linux meaning put LINUX_NONE in a7:
 * qemu answers -ENOSYS in a0, which the wrappers use to detect a host without that service. */
#ifndef ONEPROOF_RUNTIME_ECALL_H
#define ONEPROOF_RUNTIME_ECALL_H

#include <stdint.h>

#define LINUX_WRITE 64u
#define LINUX_EXIT 93u
#define LINUX_NONE 4095u /* not a Linux syscall: qemu returns -ENOSYS */
#define LINUX_ENOSYS_RESULT ((uint32_t)-38)

static inline uint32_t op_ecall(uint32_t call, uint32_t linux_nr, uint32_t arg0, uint32_t arg1, uint32_t arg2) {
  register uint32_t t0 __asm__("t0") = call;
  register uint32_t a7 __asm__("a7") = linux_nr;
  register uint32_t a0 __asm__("a0") = arg0;
  register uint32_t a1 __asm__("a1") = arg1;
  register uint32_t a2 __asm__("a2") = arg2;
  __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2) : "r"(t0), "r"(a7) : "memory");
  return a0;
}

#endif
