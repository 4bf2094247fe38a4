/* C side of start-up: clear .bss, set the thread pointer for picolibc's thread-local errno, run
 * static constructors, call main and halt with its return value (through exit, so atexit handlers and
 * static destructors run first). */
#include <stdlib.h>
#include <string.h>

extern char __bss_start[], __bss_end[], __tls_base[];
extern void _set_tls(void *tls);
extern void __libc_init_array(void);
extern int main(int argc, char **argv);

__attribute__((noreturn, used)) void __op_start_c(void) {
  /* Loaders zero-fill memsz beyond filesz already; clearing again keeps start-up correct under any
   * loader that reuses memory. The heap and stack lie beyond __bss_end and are not touched here. */
  memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
  _set_tls(__tls_base);
  __libc_init_array();
  exit(main(0, NULL));
}
