/* Indirect calls: a dispatch table of function pointers, as an interpreter uses one. */
#include <stdint.h>
#include <stdio.h>

typedef int32_t (*binary_op)(int32_t, int32_t);

static int32_t add(int32_t a, int32_t b) { return a + b; }
static int32_t sub(int32_t a, int32_t b) { return a - b; }
static int32_t mul(int32_t a, int32_t b) { return a * b; }
static int32_t div_or_zero(int32_t a, int32_t b) { return b == 0 ? 0 : a / b; }

static const binary_op table[] = {add, sub, mul, div_or_zero};
static const char names[] = "+-*/";

int main(void) {
  /* A tiny program: (opcode, operand) pairs applied to an accumulator. */
  static const int32_t program[][2] = {{0, 7}, {2, 6}, {1, 2}, {3, 4}, {2, -3}, {3, 0}, {0, 100}};
  int32_t acc = 0;
  for (unsigned i = 0; i < sizeof program / sizeof program[0]; i++) {
    acc = table[program[i][0]](acc, program[i][1]);
    printf("%c%ld ", names[program[i][0]], (long)program[i][1]);
  }
  printf("=> %ld\n", (long)acc);
  return 0;
}
