#!/usr/bin/env python3
"""Writes a reproducible mixed mbox for the benchmarks (default: data/mixed.mbox, ~300 MB).

The mix: many small text messages, HTML newsletters with quoted-printable bodies, nested
multipart/mixed > multipart/alternative messages, and base64 attachments from 4 KiB to
4 MiB, with LF line endings as mbox files store them. The seed is fixed, so every run
writes the same bytes.

    python3 Benchmarks/generate-corpus.py [--size-mb N] [--out PATH]
"""
import argparse, base64, os, quopri, random

WORDS = ("mail message parser boundary header content type multipart alternative mixed related "
         "attachment encoding base64 quoted printable charset utf-8 subject from to date reply "
         "the of and a to in is that for it as with was on be at by this had not are but").split()


def text(rng, lines):
    return "\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))) for _ in range(lines)) + "\n"


def headers(rng, n, content_type):
    return (f"From: Sender {n} <sender{n}@example.org>\nTo: Receiver <rcpt{n % 97}@example.net>\n"
            f"Subject: {' '.join(rng.choice(WORDS) for _ in range(6))}\n"
            f"Date: Sun, 29 Nov 2026 10:{n % 60:02d}:00 +0000\nMessage-ID: <{n}@bench.example.org>\n"
            f"MIME-Version: 1.0\nContent-Type: {content_type}\n")


def small(rng, n):
    return headers(rng, n, "text/plain; charset=us-ascii") + "\n" + text(rng, rng.randint(3, 30))


def html(rng, n):
    body = "<html><body>" + "".join(f"<p>{text(rng, 2)}</p>" for _ in range(rng.randint(10, 60))) + "</body></html>\n"
    qp = quopri.encodestring(body.encode()).decode()
    return (headers(rng, n, "text/html; charset=utf-8") + "Content-Transfer-Encoding: quoted-printable\n\n" + qp)


def nested(rng, n):
    att_size = rng.choice([4096, 16384, 65536, 262144, 1048576, 4194304])
    data = bytes(rng.getrandbits(8) for _ in range(min(att_size, 65536)))
    data = (data * (att_size // len(data) + 1))[:att_size]
    b64 = base64.encodebytes(data).decode()
    plain = text(rng, rng.randint(5, 40))
    html_body = quopri.encodestring(("<p>" + plain + "</p>").encode()).decode()
    return (headers(rng, n, 'multipart/mixed; boundary="outer-%d"' % n) + "\n"
            f"--outer-{n}\nContent-Type: multipart/alternative; boundary=\"alt-{n}\"\n\n"
            f"--alt-{n}\nContent-Type: text/plain; charset=utf-8\n\n{plain}"
            f"--alt-{n}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{html_body}"
            f"--alt-{n}--\n"
            f"--outer-{n}\nContent-Type: application/octet-stream; name=\"file{n}.bin\"\n"
            f"Content-Disposition: attachment; filename=\"file{n}.bin\"\nContent-Transfer-Encoding: base64\n\n{b64}"
            f"--outer-{n}--\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=300)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "mixed.mbox"))
    args = parser.parse_args()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    rng = random.Random(20261129)
    limit = args.size_mb * 1_000_000
    written = 0
    n = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        while written < limit:
            kind = rng.random()
            message = small(rng, n) if kind < 0.6 else html(rng, n) if kind < 0.85 else nested(rng, n)
            message = "\n".join((">" + line) if line.startswith("From ") else line for line in message.split("\n"))
            chunk = f"From sender{n}@example.org Sun Nov 29 10:00:00 2026\n{message}\n"
            out.write(chunk)
            written += len(chunk)
            n += 1
    print(f"{args.out}: {n} messages, {written} bytes")


if __name__ == "__main__":
    main()
