#!/usr/bin/env python3
"""The Python peers of the side-by-side benchmark: parse every message of an mbox (or one
message) and decode every leaf, the same work as `mimekit stat`.

    python3 peers/python-peer.py email FILE                 # the standard library's email
    Benchmarks/.venv/bin/python peers/python-peer.py fast FILE  # fast-mail-parser (Rust mailparse)

The mbox is split at `From ` lines with bytes.find (C speed; part of the timed work, as it
is part of what mimekit and GMime do). `email` uses the compat32 policy, its fastest, and
decodes each leaf with get_payload(decode=True); `fast` calls fast_mail_parser.parse_email in
its default full mode, which decodes text parts to str and attachments to bytes. Prints one
line: messages, leaves, decoded size (bytes; characters for fast-mail-parser's text parts).
"""
import sys


def messages(data):
    """The messages of an mbox (without their From lines), or the whole input as one."""
    if not data.startswith(b"From "):
        yield data
        return
    start = data.find(b"\n") + 1
    while start > 0:
        end = data.find(b"\nFrom ", start)
        if end < 0:
            yield data[start:]
            return
        yield data[start:end + 1]
        start = data.find(b"\n", end + 1) + 1


def with_email(data):
    from email.parser import BytesParser
    from email.policy import compat32
    parser = BytesParser(policy=compat32)
    count = leaves = decoded = 0
    for raw in messages(data):
        message = parser.parsebytes(raw)
        count += 1
        for part in message.walk():
            if part.is_multipart():
                continue
            leaves += 1
            payload = part.get_payload(decode=True)
            if payload is not None:
                decoded += len(payload)
    return count, leaves, decoded


def with_fast_mail_parser(data):
    from fast_mail_parser import parse_email
    count = leaves = decoded = 0
    for raw in messages(data):
        mail = parse_email(raw)
        count += 1
        for text in mail.text_plain + mail.text_html:
            leaves += 1
            decoded += len(text)
        for attachment in mail.attachments:
            leaves += 1
            decoded += len(attachment.content)
    return count, leaves, decoded


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("email", "fast"):
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[2], "rb") as f:
        data = f.read()
    work = with_email if sys.argv[1] == "email" else with_fast_mail_parser
    count, leaves, decoded = work(data)
    print(f"messages {count} leaves {leaves} decoded {decoded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
