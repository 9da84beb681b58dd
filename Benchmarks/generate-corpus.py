#!/usr/bin/env python3
"""Writes the reproducible inputs of the benchmarks into Benchmarks/data/.

    python3 Benchmarks/generate-corpus.py                 # all files, default sizes
    python3 Benchmarks/generate-corpus.py --mixed-mb 100  # a smaller mixed mbox
    python3 Benchmarks/generate-corpus.py --only mixed    # one file

Files (LF line endings, as mbox files store them; `>From ` quoting as mboxrd does):
Subjects are UTF-8, and three in ten are RFC 2047 encoded-words (base64 or Q).

- mixed.mbox (~300 MB): what a real archive looks like. Mostly small text messages, HTML
  newsletters in quoted-printable, multipart/alternative inside multipart/mixed with base64
  attachments whose sizes are mostly small (1 to 16 KiB) and sometimes large (up to 1 MiB),
  a few forwarded messages (message/rfc822) and three-level nesting. Tens of thousands of
  messages, so neither the per-message nor the per-byte cost hides the other.
- small.mbox (~100 MB): small messages only (plain text and short multipart/alternative):
  the per-message cost.
- large.eml (~88 MB): one message with one base64 attachment of 64 MiB: the per-byte cost
  (kept under the 100 MiB input limit of fast-mail-parser).
- scale-1x.mbox and scale-10x.mbox: 1,000 messages of the same structure (text, HTML, a base64
  attachment of 4 KiB), the second with every body ten times larger (~9 and ~82 MB): malloc
  counts per message must be the same for both.

The seed is fixed, so every run writes the same bytes; a file already there with the expected
size is kept unless --force is given.
"""
import argparse
import base64
import os
import quopri
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

WORDS = ("mail message parser boundary header content type multipart alternative mixed related "
         "attachment encoding base64 quoted printable charset utf-8 subject from to date reply "
         "the of and a to in is that for it as with was on be at by this had not are but "
         "meeting report quarterly budget invoice thanks regards please see attached draft "
         "déjà vu café naïve größe").split()

# Attachment sizes in bytes and their weights: most are small, a few are large.
ATTACHMENT_SIZES = [(1024, 35), (4096, 30), (16384, 20), (65536, 10), (262144, 4), (1048576, 1)]


class Writer:
    """Builds messages from a seeded generator and a pool of prepared lines (fast to join)."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.lines = [" ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(6, 12)))
                      for _ in range(4000)]
        self.noise = self.rng.randbytes(1 << 20)

    def text(self, lines):
        pick = self.rng.choices(self.lines, k=lines)
        return "\n".join(pick) + "\n"

    def payload(self, size):
        """Incompressible-looking bytes of `size` (slices of a fixed random megabyte)."""
        out = bytearray()
        while len(out) < size:
            start = self.rng.randrange(0, len(self.noise))
            out += self.noise[start:start + size - len(out)]
        return bytes(out)

    def headers(self, n, content_type, extra=""):
        rng = self.rng
        subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))
        kind = rng.random()
        if kind < 0.15:  # RFC 2047 encoded-words, as non-ASCII subjects travel
            subject = "=?utf-8?b?" + base64.b64encode(subject.encode()).decode() + "?="
        elif kind < 0.30:
            subject = "=?utf-8?q?" + quopri.encodestring(subject.encode(), header=True).decode() + "?="
        return (f"Return-Path: <sender{n}@example.org>\n"
                f"Received: from mx{n % 7}.example.org (mx{n % 7}.example.org [192.0.2.{n % 250}])\n"
                f"\tby mail.example.net with ESMTPS id {n:08x}\n\tfor <rcpt{n % 97}@example.net>; "
                f"Sun, 29 Nov 2026 10:{n % 60:02d}:00 +0000\n"
                f"From: Sender {n} <sender{n}@example.org>\nTo: Receiver <rcpt{n % 97}@example.net>\n"
                f"Subject: {subject}\nDate: Sun, 29 Nov 2026 10:{n % 60:02d}:00 +0000\n"
                f"Message-ID: <{n}.{rng.getrandbits(32):08x}@bench.example.org>\n"
                f"MIME-Version: 1.0\nContent-Type: {content_type}\n{extra}")

    def plain(self, n, lines=None):
        lines = lines or self.rng.randint(3, 30)
        return self.headers(n, "text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit\n") + "\n" + self.text(lines)

    def html_body(self, paragraphs):
        return "<html><body>" + "".join(f"<p>{self.text(2)}</p>" for _ in range(paragraphs)) + "</body></html>\n"

    def html(self, n, scale=1):
        qp = quopri.encodestring(self.html_body(self.rng.randint(10, 60) * scale).encode()).decode()
        return self.headers(n, "text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable\n") + "\n" + qp

    def alternative(self, n, boundary, lines, paragraphs):
        plain = self.text(lines)
        html = quopri.encodestring(self.html_body(paragraphs).encode()).decode()
        return (f"--{boundary}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{plain}"
                f"--{boundary}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{html}"
                f"--{boundary}--\n")

    def attachment_part(self, boundary, name, size):
        b64 = base64.encodebytes(self.payload(size)).decode()
        return (f"--{boundary}\nContent-Type: application/octet-stream; name=\"{name}\"\n"
                f"Content-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n\n{b64}")

    def attachment_size(self):
        sizes, weights = zip(*ATTACHMENT_SIZES)
        return self.rng.choices(sizes, weights=weights)[0]

    def short_alternative(self, n):
        inner = f"alt-{n}"
        return (self.headers(n, f'multipart/alternative; boundary="{inner}"') + "\n"
                + self.alternative(n, inner, self.rng.randint(3, 12), self.rng.randint(2, 8)))

    def nested(self, n, sizes=None, scale=1):
        """multipart/mixed > (multipart/alternative > text, html), attachment(s)."""
        outer, inner = f"outer-{n}", f"alt-{n}"
        if sizes is None:
            sizes = [self.attachment_size() for _ in range(1 if self.rng.random() < 0.8 else 2)]
        body = (f"This is a multi-part message in MIME format.\n\n--{outer}\n"
                f"Content-Type: multipart/alternative; boundary=\"{inner}\"\n\n"
                + self.alternative(n, inner, self.rng.randint(5, 40) * scale, self.rng.randint(3, 20) * scale))
        for i, size in enumerate(sizes):
            body += self.attachment_part(outer, f"file{n}-{i}.bin", size)
        return self.headers(n, f'multipart/mixed; boundary="{outer}"') + "\n" + body + f"--{outer}--\n"

    def forwarded(self, n):
        """multipart/mixed > text, message/rfc822 > multipart/alternative: three levels."""
        outer = f"fwd-{n}"
        enclosed = self.short_alternative(n + 1_000_000)
        return (self.headers(n, f'multipart/mixed; boundary="{outer}"') + "\n"
                f"--{outer}\nContent-Type: text/plain; charset=utf-8\n\n{self.text(self.rng.randint(2, 8))}"
                f"--{outer}\nContent-Type: message/rfc822\n\n{enclosed}--{outer}--\n")

    def mixed(self, n):
        kind = self.rng.random()
        if kind < 0.50:
            return self.plain(n)
        if kind < 0.68:
            return self.html(n)
        if kind < 0.80:
            return self.short_alternative(n)
        if kind < 0.96:
            return self.nested(n)
        return self.forwarded(n)

    def small(self, n):
        return self.plain(n) if self.rng.random() < 0.6 else self.short_alternative(n)


def mbox_entry(n, message):
    quoted = "\n".join((">" + line) if line.lstrip(">").startswith("From ") else line
                       for line in message.split("\n"))
    return f"From sender{n}@example.org Sun Nov 29 10:00:00 2026\n{quoted}\n".encode()


def write_mbox(path, limit_bytes, make, force):
    if not force and os.path.exists(path) and os.path.getsize(path) >= limit_bytes:
        print(f"{path}: kept ({os.path.getsize(path)} bytes; --force to rewrite)")
        return
    written = n = 0
    with open(path + ".tmp", "wb") as out:
        while written < limit_bytes:
            entry = mbox_entry(n, make(n))
            out.write(entry)
            written += len(entry)
            n += 1
    os.replace(path + ".tmp", path)
    print(f"{path}: {n} messages, {written} bytes")


def write_scale(path, factor, force):
    """1,000 messages whose structure does not depend on `factor`; bodies grow with it."""
    if not force and os.path.exists(path):
        print(f"{path}: kept ({os.path.getsize(path)} bytes; --force to rewrite)")
        return
    writer = Writer(4242)
    written = 0
    with open(path + ".tmp", "wb") as out:
        for n in range(1000):
            entry = mbox_entry(n, writer.nested(n, sizes=[4096 * factor], scale=factor))
            out.write(entry)
            written += len(entry)
    os.replace(path + ".tmp", path)
    print(f"{path}: 1000 messages, {written} bytes")


def write_large(path, attachment_mb, force):
    size = attachment_mb << 20
    if not force and os.path.exists(path) and os.path.getsize(path) > size:
        print(f"{path}: kept ({os.path.getsize(path)} bytes; --force to rewrite)")
        return
    writer = Writer(777)
    outer = "large-outer"
    head = (writer.headers(0, f'multipart/mixed; boundary="{outer}"') + "\n"
            f"--{outer}\nContent-Type: text/plain; charset=utf-8\n\n{writer.text(10)}"
            f"--{outer}\nContent-Type: application/octet-stream; name=\"large.bin\"\n"
            "Content-Disposition: attachment; filename=\"large.bin\"\nContent-Transfer-Encoding: base64\n\n")
    with open(path + ".tmp", "wb") as out:
        out.write(head.encode())
        block = 57 * 1024 * 16  # whole 76-column lines per block
        left = size
        while left > 0:
            piece = writer.payload(min(block, left))
            out.write(base64.encodebytes(piece))
            left -= len(piece)
        out.write(f"--{outer}--\n".encode())
    os.replace(path + ".tmp", path)
    print(f"{path}: 1 message, {os.path.getsize(path)} bytes ({attachment_mb} MiB attachment)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mixed-mb", type=int, default=300, help="size of mixed.mbox in MB (default 300)")
    parser.add_argument("--small-mb", type=int, default=100, help="size of small.mbox in MB (default 100)")
    parser.add_argument("--large-mb", type=int, default=64, help="attachment of large.eml in MiB (default 64; fast-mail-parser refuses inputs over 100 MiB)")
    parser.add_argument("--out", default=os.path.join(HERE, "data"), help="output folder (default Benchmarks/data)")
    parser.add_argument("--only", choices=["mixed", "small", "large", "scale"], action="append",
                        help="write only these files (repeatable)")
    parser.add_argument("--force", action="store_true", help="rewrite files that are already there")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    wanted = set(args.only or ["mixed", "small", "large", "scale"])
    if "mixed" in wanted:
        writer = Writer(20261129)
        write_mbox(os.path.join(args.out, "mixed.mbox"), args.mixed_mb * 1_000_000, writer.mixed, args.force)
    if "small" in wanted:
        writer = Writer(20261130)
        write_mbox(os.path.join(args.out, "small.mbox"), args.small_mb * 1_000_000, writer.small, args.force)
    if "large" in wanted:
        write_large(os.path.join(args.out, "large.eml"), args.large_mb, args.force)
    if "scale" in wanted:
        write_scale(os.path.join(args.out, "scale-1x.mbox"), 1, args.force)
        write_scale(os.path.join(args.out, "scale-10x.mbox"), 10, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
