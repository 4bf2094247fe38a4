/* The guest <-> zkVM system-call ABI, shared by the guest runtime and the emulator/chips.
 * A guest executes `ecall` with the call number in t0 (x5) and arguments in a0..a2 (x10..x12);
 * results come back in a0. Any other number stops execution with an "unknown syscall" error.
 * The guest runtime also puts a Linux syscall number in a7 (64 for WRITE, 93 for HALT, 4095 = none
 * for the rest) so the same ELF runs under qemu-riscv32; the zkVM ignores a7. The runtime reads an
 * a0 of -38 (-ENOSYS, qemu's answer to 4095) as "service missing", so no call may return it. */
#ifndef ONEPROOF_SYSCALLS_H
#define ONEPROOF_SYSCALLS_H

#define OP_SYS_HALT 0x00u           /* a0 = exit code; execution ends                              */
#define OP_SYS_READ 0x01u           /* a0 = dst, a1 = n: copy the next n bytes of the private input */
#define OP_SYS_INPUT_LEN 0x02u      /* -> a0 = number of input bytes not yet read                 */
#define OP_SYS_COMMIT 0x03u         /* a0 = src, a1 = n: append n bytes to the public values       */
#define OP_SYS_WRITE 0x04u          /* a0 = fd (1 or 2), a1 = src, a2 = n: debug output, not proven */
#define OP_SYS_KECCAK_PERMUTE 0x100u /* a0 = pointer to 25 little-endian u64 lanes (200 bytes,    */
                                    /*      4-byte aligned): keccak-f[1600] in place              */

#endif
