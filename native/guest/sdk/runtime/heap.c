/* sbrk over the heap region the linker script reserves; picolibc's malloc grows through it. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

extern char __heap_start[], __heap_end[];
static char *heap_top = __heap_start;

void *sbrk(ptrdiff_t increment) {
  char *old = heap_top;
  if (increment > 0 ? increment > __heap_end - heap_top : -increment > heap_top - __heap_start) {
    errno = ENOMEM;
    return (void *)-1;
  }
  heap_top += increment;
  return old;
}
