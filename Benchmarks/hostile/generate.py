#!/usr/bin/env python3
"""Writes the hostile inputs of issue 8, one kind at a time, at a chosen size.

    Benchmarks/hostile/generate.py --list
    Benchmarks/hostile/generate.py KIND [N] [-o FILE]      (FILE defaults to standard output)

N is the kind's own unit (levels, fields, parts, bytes, ...); without it the issue's size is
used (100,000 nested multiparts, a 100 MB header line, ...; the line without a newline
defaults to 100 MB, not the issue's 1 GB: pass 1000000000 for that). The output depends only
on KIND and N, so a run can be repeated. Benchmarks/hostile/linearity.sh times `mimekit`
on N, 2N and 4N of each kind.
"""

import argparse
import sys

CHUNK = 1 << 20


class Out:
    """Buffered writes of bytes or ASCII text, flushed in 1 MiB pieces."""

    def __init__(self, stream):
        self.stream = stream
        self.parts = []
        self.size = 0

    def __call__(self, data):
        if isinstance(data, str):
            data = data.encode("latin-1")
        self.parts.append(data)
        self.size += len(data)
        if self.size >= CHUNK:
            self.flush()

    def repeat(self, data, count):
        """Writes `data` `count` times without building it whole."""
        if isinstance(data, str):
            data = data.encode("latin-1")
        batch = max(1, CHUNK // max(len(data), 1))
        while count > 0:
            n = min(batch, count)
            self(data * n)
            count -= n

    def flush(self):
        self.stream.write(b"".join(self.parts))
        self.parts = []
        self.size = 0


def nested_multipart(out, n):
    """N multiparts, each the only part of the one around it, every one closed."""
    for i in range(n):
        out(f'Content-Type: multipart/mixed; boundary="b{i}z"\n\n--b{i}z\n')
    out("Content-Type: text/plain\n\nleaf\n")
    for i in reversed(range(n)):
        out(f"--b{i}z--\n")


def nested_message(out, n):
    """N message/rfc822 entities, each enclosing the next."""
    out.repeat("Content-Type: message/rfc822\n\n", n)
    out("Subject: innermost\n\nleaf\n")


def many_fields(out, n):
    """A header block of N fields."""
    out.repeat("X-Hostile: a header field of no interest\n", n)
    out("\nbody\n")


def long_header_line(out, n):
    """One Subject field N bytes long (default 100 MB)."""
    out("Subject: ")
    out.repeat(b"s", n)
    out("\n\nbody\n")


def empty_parts(out, n):
    """A multipart with N empty parts."""
    out("Content-Type: multipart/mixed; boundary=e\n\n")
    out.repeat("--e\n", n)
    out("--e--\n")


def prefix_boundaries(out, n):
    """60 nested multiparts whose boundaries are prefixes of each other ("=_x", "=_xx",
    ...), and N parts at the innermost level, each delimiter line starting with every
    outer boundary."""
    depth = 60
    for i in range(1, depth + 1):
        out(f'Content-Type: multipart/mixed; boundary="=_{"x" * i}"\n\n--=_{"x" * i}\n')
    inner = "--=_" + "x" * depth
    out("\npart\n")
    out.repeat(f"{inner}\n\npart --=_x\n", n)
    for i in reversed(range(1, depth + 1)):
        out(f'--=_{"x" * i}--\n')


def long_line(out, n):
    """A part that is one line of N bytes without a newline (default 100 MB; the issue asks
    for 1 GB), inside a multipart so that every byte must be looked at for a boundary."""
    out("Content-Type: multipart/mixed; boundary=l\n\n--l\n\n")
    out.repeat(b"l", n)


def base64_garbage(out, n):
    """A base64 part of about N bytes, a third of them outside the alphabet."""
    out("Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n")
    line = b"QUJD\x00!\xffREVG*=\x80R0hJ" * 4 + b"\n"
    out.repeat(line, max(1, n // len(line)))


def nul_bytes(out, n):
    """NUL bytes in field names, values, boundaries and bodies, about N bytes, in parts of
    about 64 KiB (many parts are empty-parts' business)."""
    out('Content-Type: multipart/mixed; boundary="n\0n"\nX-\0: \0\0\0\n\n')
    line = b"\0" * 60 + b"\n\0-\0\n--\0\n"
    part_body = line * (65536 // len(line))
    part = b"--n\0n\nContent-Type: text/plain\nX-\0\0: \0\n\n" + part_body
    out.repeat(part, max(1, n // len(part)))
    out(b"--n\0n--\n")


def invalid_utf8(out, n):
    """Invalid UTF-8 (overlongs, surrogates, lone continuation bytes, bytes past U+10FFFF)
    in header fields, parameters and bodies, about N bytes, in parts of about 64 KiB."""
    junk = b"\xff\xfe\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\x80\xbf"
    out(b"Subject: " + junk + b"\nContent-Type: multipart/mixed; boundary=\"" + junk + b"\"\n\n")
    part = (b"--" + junk + b"\nContent-Type: text/plain; charset=\"" + junk + b"\"; name=" + junk
            + b"\nX-" + junk + b": " + junk * 4 + b"\n\n" + (junk * 8 + b"\n") * 600)
    out.repeat(part, max(1, n // len(part)))
    out(b"--" + junk + b"--\n")


def rfc2231_reverse(out, n):
    """A Content-Type with N RFC 2231 continuations of one parameter, numbered down from
    N - 1 to 0 (the issue's 999,999 for the default)."""
    out("Content-Type: application/octet-stream")
    for i in reversed(range(n)):
        out(f";\n name*{i}*=%41%42")
    out(";\n name*0*=utf-8''start\n\nbody\n")


def encoded_words(out, n):
    """A Subject of N adjacent encoded-words, folded every few."""
    out("Subject:")
    for i in range(n):
        out(" =?utf-8?q?w=C3=A9?=" if i % 2 else " =?utf-8?b?d8Op?=")
        if i % 4 == 3:
            out("\n")
    out("\n\nbody\n")


def address_list(out, n):
    """A To field with N addresses, mixed forms, folded."""
    out("To:")
    forms = ['"User {i}" <user{i}@example.com>', "user{i}@example.com (comment {i})",
             "=?utf-8?q?U=C3=A9{i}?= <u{i}@example.com>", "group{i}: a{i}@example.com, b{i}@example.com;"]
    for i in range(n):
        out(("," if i else "") + ("\n " if i % 3 == 2 else " ") + forms[i % 4].format(i=i))
    out("\n\nbody\n")


def nested_comments(out, n):
    """A From field whose address sits inside comments nested N deep; the same comments in
    Content-Type and Content-Transfer-Encoding, which the parser reads now."""
    out("From: a@example.com ")
    out.repeat("(", n)
    out("deep")
    out.repeat(")", n)
    out("\nContent-Type: text/plain (")
    out.repeat("(", n)
    out.repeat(")", n)
    out(")\nContent-Transfer-Encoding: (")
    out.repeat("(", n)
    out.repeat(")", n)
    out(") base64\n\nQUJD\n")


# name: (function, default N, what N counts, whether the decoders that read it are in main)
KINDS = {
    "nested-multipart": (nested_multipart, 100_000, "levels", True),
    "nested-message": (nested_message, 100_000, "levels", True),
    "many-fields": (many_fields, 1_000_000, "fields", True),
    "long-header-line": (long_header_line, 100_000_000, "bytes", True),
    "empty-parts": (empty_parts, 1_000_000, "parts", True),
    "prefix-boundaries": (prefix_boundaries, 100_000, "parts", True),
    "long-line": (long_line, 100_000_000, "bytes", True),
    "base64-garbage": (base64_garbage, 100_000_000, "bytes", True),
    "nul-bytes": (nul_bytes, 100_000_000, "bytes", True),
    "invalid-utf8": (invalid_utf8, 100_000_000, "bytes", True),
    "rfc2231-reverse": (rfc2231_reverse, 1_000_000, "continuations", False),
    "encoded-words": (encoded_words, 10_000, "encoded-words", False),
    "address-list": (address_list, 100_000, "addresses", False),
    "nested-comments": (nested_comments, 100_000, "levels", False),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", nargs="?", choices=sorted(KINDS))
    parser.add_argument("n", nargs="?", type=int, help="size in the kind's own unit")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--list", action="store_true", help="list the kinds, their default N and unit")
    args = parser.parse_args()
    if args.list or not args.kind:
        for name, (function, default, unit, ready) in KINDS.items():
            note = "" if ready else "  (read by header decoders not yet in main)"
            print(f"{name:18} {default:>12,} {unit:14} {function.__doc__.splitlines()[0]}{note}")
        return
    function, default, _, _ = KINDS[args.kind]
    n = args.n if args.n is not None else default
    with (open(args.output, "wb") if args.output else sys.stdout.buffer) as stream:
        out = Out(stream)
        function(out, n)
        out.flush()


if __name__ == "__main__":
    main()
