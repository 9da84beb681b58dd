/*
 * The floor of the side-by-side benchmark: finds every line of a file with memchr, nothing
 * else. No MIME parser that looks at every line can beat it; the event layer is measured
 * against it.
 *
 *     gcc -O2 -o memchr-floor memchr-floor.c
 *     ./memchr-floor FILE [REPEATS]
 *
 * Each repeat maps the file afresh (as `ByteStorage(contentsOfFile:)` does, with
 * MADV_SEQUENTIAL), counts its lines and unmaps it, so page-table set-up is paid each time
 * as in the parser's runs. Prints the line count and the best repeat's MB/s (10^6 bytes).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE [REPEATS]\n", argv[0]);
		return 2;
	}
	int repeats = argc > 2 ? atoi(argv[2]) : 5;
	int fd = open(argv[1], O_RDONLY);
	struct stat info;
	if (fd < 0 || fstat(fd, &info) != 0 || info.st_size == 0) {
		perror(argv[1]);
		return 1;
	}
	size_t size = (size_t) info.st_size;
	double best = 1e30;
	long lines = 0;
	for (int r = 0; r < repeats; r++) {
		double start = now();
		const char *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (base == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		madvise((void *) base, size, MADV_SEQUENTIAL);
		const char *p = base, *end = base + size;
		long count = 0;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t) (end - p));
			if (nl == NULL)
				break;
			count++;
			p = nl + 1;
		}
		munmap((void *) base, size);
		double elapsed = now() - start;
		if (elapsed < best)
			best = elapsed;
		lines = count;
	}
	close(fd);
	printf("lines %ld bytes %zu seconds %.6f MB/s %.1f\n", lines, size, best, size / best / 1e6);
	return 0;
}
