/* Program entry. The loader (qemu-user or the oneproof emulator) jumps here with an undefined stack,
 * so set the stack and global pointers from the linker script and continue in C. */
  .section .text.op_start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  mv fp, zero
  call __op_start_c
  /* __op_start_c never returns; spin if it somehow does (no trap instruction exists in the zkVM). */
1:
  j 1b
  .size _start, . - _start
