/* The smallest guest: formatted output through picolibc's printf, then a chosen exit code. */
#include <stdio.h>

int main(void) {
  printf("hello from rv32im: %d + %d = %d\n", 40, 2, 40 + 2);
  return 0;
}
