/*
 * The floor of the side-by-side benchmark: finds every line of a file with memchr, nothing
 * else. No MIME parser that looks at every line can beat it; the event layer is measured
 * against it.
 *
 *     gcc -O2 -o memchr-floor memchr-floor.c
 *     ./memchr-floor FILE [REPEATS] [--warm]
 *
 * By default each repeat maps the file afresh (as `ByteStorage(contentsOfFile:)` does, with
 * MADV_SEQUENTIAL), counts its lines and unmaps it, so page faults are paid each time as in
 * `mimekit-bench events`. With --warm the file is mapped and touched once and only the scans
 * are timed, as in `mimekit-bench events --warm`. Prints the line count and the best
 * repeat's MB/s (10^6 bytes), by wall clock and by this process's CPU time.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	int repeats = 5, warm = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--warm") == 0)
			warm = 1;
		else if (path == NULL)
			path = argv[i];
		else
			repeats = atoi(argv[i]);
	}
	if (path == NULL || repeats < 1) {
		fprintf(stderr, "usage: %s FILE [REPEATS] [--warm]\n", argv[0]);
		return 2;
	}
	int fd = open(path, O_RDONLY);
	struct stat info;
	if (fd < 0 || fstat(fd, &info) != 0 || info.st_size == 0) {
		perror(path);
		return 1;
	}
	size_t size = (size_t) info.st_size;
	double best = 1e30, best_cpu = 1e30;
	long lines = 0;
	const char *kept = NULL;
	if (warm) {
		kept = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (kept == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
	}
	for (int r = 0; r < repeats; r++) {
		double start = now(CLOCK_MONOTONIC), cpu = now(CLOCK_PROCESS_CPUTIME_ID);
		const char *base = kept;
		if (!warm) {
			base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
			if (base == MAP_FAILED) {
				perror("mmap");
				return 1;
			}
			madvise((void *) base, size, MADV_SEQUENTIAL);
		}
		const char *p = base, *end = base + size;
		long count = 0;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t) (end - p));
			if (nl == NULL)
				break;
			count++;
			p = nl + 1;
		}
		if (!warm)
			munmap((void *) base, size);
		double elapsed = now(CLOCK_MONOTONIC) - start;
		double used = now(CLOCK_PROCESS_CPUTIME_ID) - cpu;
		if (elapsed < best)
			best = elapsed;
		if (used < best_cpu)
			best_cpu = used;
		lines = count;
	}
	close(fd);
	printf("lines %ld bytes %zu seconds %.6f MB/s %.1f cpu-seconds %.6f MB/s-cpu %.1f\n", lines, size, best,
	       size / best / 1e6, best_cpu, size / best_cpu / 1e6);
	return 0;
}
