/* One core's streaming-read memory bandwidth: the best of several passes summing a 1 GiB array.
   Used by Benchmarks/compare for the training rows' bound (passes over X x bytes / bandwidth).
   Build: cc -O3 -march=native -o membw membw.c   Run: membw [MiB] [passes] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 1024;
    int passes = argc > 2 ? atoi(argv[2]) : 7;
    size_t n = mib * (1u << 20) / sizeof(uint64_t);
    uint64_t *a = aligned_alloc(64, n * sizeof(uint64_t));
    if (!a) { fprintf(stderr, "cannot allocate %zu MiB\n", mib); return 1; }
    for (size_t i = 0; i < n; i++) a[i] = i;          /* touch every page */
    double best = 1e30;
    uint64_t check = 0;
    for (int p = 0; p < passes; p++) {
        double t0 = now();
        uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (size_t i = 0; i < n; i += 4) { s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3]; }
        double t = now() - t0;
        check += s0 + s1 + s2 + s3;
        if (t < best) best = t;
    }
    /* bytes per second, and the checksum so the loop is not optimized away */
    printf("%.6e %llu\n", (double)(n * sizeof(uint64_t)) / best, (unsigned long long)check);
    free(a);
    return 0;
}
