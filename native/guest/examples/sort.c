/* Sorting: picolibc's qsort and a hand-written merge sort over the same pseudo-random data. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 2000

static int compare_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static void merge_sort(uint32_t *v, uint32_t *tmp, size_t n) {
  if (n < 2) return;
  size_t half = n / 2;
  merge_sort(v, tmp, half);
  merge_sort(v + half, tmp, n - half);
  size_t i = 0, j = half, k = 0;
  while (i < half && j < n) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
  while (i < half) tmp[k++] = v[i++];
  while (j < n) tmp[k++] = v[j++];
  memcpy(v, tmp, n * sizeof *v);
}

int main(void) {
  uint32_t *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), *tmp = malloc(N * sizeof *tmp);
  if (!a || !b || !tmp) return 2;
  uint32_t x = 12345; /* xorshift32 */
  for (int i = 0; i < N; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    a[i] = b[i] = x % 100000;
  }
  qsort(a, N, sizeof *a, compare_u32);
  merge_sort(b, tmp, N);
  int sorted = 1;
  for (int i = 1; i < N; i++) sorted &= a[i - 1] <= a[i];
  int same = memcmp(a, b, N * sizeof *a) == 0;
  printf("sorted=%d same=%d min=%lu median=%lu max=%lu\n", sorted, same, (unsigned long)a[0],
         (unsigned long)a[N / 2], (unsigned long)a[N - 1]);
  free(a); free(b); free(tmp);
  return sorted && same ? 0 : 1;
}
