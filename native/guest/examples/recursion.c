/* Deep and branching recursion on the guest stack. */
#include <stdint.h>
#include <stdio.h>

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint32_t ackermann(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static uint32_t depth_sum(uint32_t n) { return n == 0 ? 0 : n + depth_sum(n - 1); }

int main(void) {
  printf("fib(20)=%lu ackermann(2,3)=%lu depth_sum(5000)=%lu\n", (unsigned long)fib(20),
         (unsigned long)ackermann(2, 3), (unsigned long)depth_sum(5000));
  return 0;
}
