/*
 * The GMime 3 peer of the side-by-side benchmark: parses every message of an mbox (or one
 * message) and decodes every leaf's content into a null stream, the same work as
 * `mimekit stat`.
 *
 *     gcc -O2 -o gmime-peer gmime-peer.c $(pkg-config --cflags --libs gmime-3.0)
 *     ./gmime-peer stream|mmap [--mbox] FILE
 *
 * Modes:
 *   stream  GMimeStreamFs over a file descriptor: the parser reads the file in blocks and
 *           copies each part's content into memory of its own.
 *   mmap    GMimeStreamMmap over the whole file with g_mime_parser_set_persist_stream(TRUE):
 *           parts' contents stay substreams of the map and nothing is copied until decoded.
 *
 * Prints one line: messages, leaves, decoded bytes (compare.py checks the counts agree).
 */
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct totals {
	long messages;
	long leaves;
	long long decoded;
};

static void decode_leaves(GMimeMessage *message, GMimeStream *sink, struct totals *totals)
{
	GMimePartIter *iter = g_mime_part_iter_new((GMimeObject *) message);
	if (!g_mime_part_iter_is_valid(iter)) {
		g_mime_part_iter_free(iter);
		return;
	}
	do {
		GMimeObject *current = g_mime_part_iter_get_current(iter);
		if (GMIME_IS_PART(current)) {
			GMimeDataWrapper *content = g_mime_part_get_content((GMimePart *) current);
			totals->leaves++;
			if (content != NULL) {
				ssize_t n = g_mime_data_wrapper_write_to_stream(content, sink);
				if (n > 0)
					totals->decoded += n;
			}
		}
	} while (g_mime_part_iter_next(iter));
	g_mime_part_iter_free(iter);
}

int main(int argc, char **argv)
{
	const char *mode = NULL, *path = NULL;
	gboolean mbox = FALSE;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--mbox") == 0)
			mbox = TRUE;
		else if (mode == NULL)
			mode = argv[i];
		else
			path = argv[i];
	}
	if (mode == NULL || path == NULL || (strcmp(mode, "stream") != 0 && strcmp(mode, "mmap") != 0)) {
		fprintf(stderr, "usage: %s stream|mmap [--mbox] FILE\n", argv[0]);
		return 2;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	g_mime_init();

	GMimeStream *stream;
	gboolean persist = strcmp(mode, "mmap") == 0;
	if (persist)
		stream = g_mime_stream_mmap_new(fd, PROT_READ, MAP_PRIVATE);
	else
		stream = g_mime_stream_fs_new(fd);
	if (stream == NULL) {
		fprintf(stderr, "%s: cannot open a %s stream\n", path, mode);
		return 1;
	}
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_persist_stream(parser, persist);
	g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	GMimeStream *sink = g_mime_stream_null_new();

	struct totals totals = {0, 0, 0};
	while (!g_mime_parser_eos(parser)) {
		GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
		if (message == NULL)
			break;
		totals.messages++;
		decode_leaves(message, sink, &totals);
		g_object_unref(message);
		if (!mbox)
			break;
	}
	printf("messages %ld leaves %ld decoded %lld\n", totals.messages, totals.leaves, totals.decoded);

	g_object_unref(sink);
	g_object_unref(parser);
	g_object_unref(stream);
	g_mime_shutdown();
	return 0;
}
