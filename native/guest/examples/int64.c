/* 64-bit arithmetic on a 32-bit machine: multiplication, division and remainder go through libgcc
 * (__muldi3, __udivdi3, __divdi3, __umoddi3, __moddi3), shifts through instruction sequences. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

/* volatile keeps the compiler from folding the operations at build time. */
static volatile uint64_t ua = 0xfedcba9876543210ull, ub = 0x00000000deadbeefull;
static volatile int64_t sa = -0x123456789abcdefll, sb = 0x7654321ll;
static volatile unsigned shift = 37;

int main(void) {
  printf("umul=%016" PRIx64 "\n", ua * ub);
  printf("udiv=%" PRIu64 " umod=%" PRIu64 "\n", ua / ub, ua % ub);
  printf("sdiv=%" PRId64 " smod=%" PRId64 "\n", sa / sb, sa % sb);
  printf("shl=%016" PRIx64 " shr=%016" PRIx64 " sar=%" PRId64 "\n", ua << shift, ua >> shift, sa >> shift);
  return 0;
}
