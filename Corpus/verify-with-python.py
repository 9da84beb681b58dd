#!/usr/bin/env python3
"""Checks every Corpus/**/x.json (and x.crlf.json) against Python's email package.

The expected JSON files are written by `mimekit dump --json` (see Corpus/README.md); this
script is the independent check that makes them trustworthy. For each message it compares,
with Python's own parser (policy compat32):
  - the entities in order and their content types;
  - for each leaf, the size and SHA-256 of the decoded body (get_payload(decode=True));
  - the offsets: Python's header parser reads the same field names from
    raw[start:bodyStart], and Python's decoder gives the same digest from raw[bodyStart:end].
Differences that are Python's choice, not ours, are listed in KNOWN with the reason.
Exit status 0 when everything agrees or is a known difference, 1 otherwise.
"""
import email, email.header, email.utils, re, email.parser, email.policy, hashlib, json, os, sys

ROOT = os.path.dirname(os.path.abspath(__file__))


def crlf(data):
    out = bytearray()
    for i, b in enumerate(data):
        if b == 0x0A and (i == 0 or data[i - 1] != 0x0D):
            out.append(0x0D)
        out.append(b)
    return bytes(out)


def walk_ours(entity, out):
    out.append(entity)
    for child in entity.get("children", []):
        walk_ours(child, out)
    return out


def python_decode(raw, cte):
    cte = (cte or "7bit").lower()
    """Python's decoding of a raw body slice, as its Message.get_payload(decode=True) does it."""
    m = email.message.Message()
    m["Content-Transfer-Encoding"] = cte or "7bit"
    m.set_payload(raw)
    return m.get_payload(decode=True)


def decoded(value):
    """A header value as Python's email decodes it (RFC 2047, unfolded)."""
    if value is None:
        return None
    return str(email.header.make_header(email.header.decode_header(value))).replace("\r", "").replace("\n", "")


class Checker:
    def __init__(self):
        self.checked = 0
        self.failures = []
        self.known = []

    def differ(self, name, variant, entity_id, what, detail):
        for key in [(name, variant, entity_id, what), (name, "*", entity_id, what), (name, "*", "*", what)]:
            if key in KNOWN_TABLE:
                self.known.append(f"{name} [{variant}] {entity_id} {what}: {KNOWN_TABLE[key]}")
                return
        self.failures.append(f"{name} [{variant}] {entity_id} {what}: {detail}")

    def check_envelope(self, name, variant, parsed, envelope):
        subject = decoded(parsed["subject"])
        if subject is not None:
            subject = " ".join(subject.split())
        ours_subject = " ".join(envelope["subject"].split()) if envelope["subject"] is not None else None
        if subject != ours_subject:
            self.differ(name, variant, "envelope", "subject", f"python {subject!r}, ours {ours_subject!r}")
        for field, key in [("from", "from"), ("to", "to"), ("cc", "cc"), ("reply-to", "replyTo")]:
            theirs = [address for _, address in email.utils.getaddresses(parsed.get_all(field, [])) if address]
            mine = [a["address"] for a in envelope[key] if a["address"]]
            if theirs != mine:
                self.differ(name, variant, "envelope", field, f"python {theirs}, ours {mine}")
        message_id = parsed["message-id"]
        if message_id is not None:
            message_id = message_id.strip().strip("<>")
        if message_id != envelope["messageId"]:
            self.differ(name, variant, "envelope", "message-id", f"python {message_id!r}, ours {envelope['messageId']!r}")
        date = parsed["date"]
        if date is not None and envelope["date"] is not None:
            try:
                theirs = email.utils.parsedate_to_datetime(date).isoformat()
            except (TypeError, ValueError):
                theirs = None
            if theirs != envelope["date"]:
                self.differ(name, variant, "envelope", "date", f"python {theirs!r}, ours {envelope['date']!r}")

    def check_message(self, name, variant, raw_message, raw_all, ours):
        self.checked += 1
        parsed = email.message_from_bytes(raw_message, policy=email.policy.compat32)
        theirs = list(parsed.walk())
        mine = walk_ours(ours["root"], [])
        if [p.get_content_type() for p in theirs] != [e["contentType"] for e in mine]:
            self.differ(name, variant, "*", "tree",
                        f"python {[p.get_content_type() for p in theirs]} ours {[e['contentType'] for e in mine]}")
            return
        self.check_envelope(name, variant, parsed, ours["envelope"])
        for part, entity in zip(theirs, mine):
            expected_charset = part.get_content_charset()
            if expected_charset is None and part.get("content-type") is None and entity["contentType"] == "text/plain":
                expected_charset = "us-ascii"  # RFC 2045 5.2: the default is text/plain; charset=us-ascii
            if expected_charset != entity["charset"]:
                self.differ(name, variant, entity["id"], "charset",
                            f"python {expected_charset!r}, ours {entity['charset']!r}")
            if part.get_filename() != entity["filename"]:
                self.differ(name, variant, entity["id"], "filename",
                            f"python {part.get_filename()!r}, ours {entity['filename']!r}")
            start, body_start, end = (entity["offsets"][k] for k in ("start", "bodyStart", "end"))
            header_names = [h["name"] for h in entity["headers"]]
            reparsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw_all[start:body_start])
            if [k for k in reparsed.keys()] != header_names:
                self.differ(name, variant, entity["id"], "headers",
                            f"python reads {reparsed.keys()} from the header block, ours {header_names}")
            if "children" in entity:
                continue
            payload = part.get_payload(decode=True)
            if payload is None:
                payload = b""
            if ours.get("_mbox"):
                # mboxrd: a body line '>From ' (any number of '>') loses one '>' when read.
                payload = re.sub(rb"(?m)^>(>*From )", rb"\1", payload)
            digest = hashlib.sha256(payload).hexdigest()
            if (len(payload), digest) != (entity["decodedSize"], entity["sha256"]):
                self.differ(name, variant, entity["id"], "decoded",
                            f"python {len(payload)} bytes {digest[:12]}, ours {entity['decodedSize']} {entity['sha256'][:12]}")
            body = raw_all[body_start:end]
            if ours.get("_mbox"):
                continue
            again = python_decode(body, entity["transferEncoding"])
            if hashlib.sha256(again).hexdigest() != entity["sha256"]:
                self.differ(name, variant, entity["id"], "offsets",
                            "python's decoding of raw[bodyStart:end] differs from our digest")


# (file, variant or "*", entity id or "*", what) -> why Python differs and we are right.
KNOWN_TABLE = {
    ("headers/addresses.eml", "*", "envelope", "cc"):
        "an obsolete route <@a,@b:user@domain> (RFC 5322 4.4): we keep the route apart and give "
        "routed@example.com; Python takes '@other.example' for an address",
    ("headers/addresses.eml", "*", "envelope", "reply-to"):
        "'Doe, Jane <jane@example.org>': an unquoted comma in a display name, as broken clients "
        "send it; we join the phrase to the address that follows, Python splits it into 'Doe'",
    ("headers/encoded-words.eml", "*", "envelope", "subject"):
        "an encoded-word missing its closing ?= at the end of the field: we decode it (lenient), "
        "Python keeps it as text",
    ("headers/rfc2231-parameters.eml", "*", "2", "filename"):
        "an RFC 2047 encoded-word inside a quoted filename, common in the wild: we decode it, "
        "Python's get_filename does not",
    ("headers/rfc2231-parameters.eml", "*", "3", "filename"):
        "filename= and filename*= both given: the RFC 2231 form wins for us (it is the one an "
        "RFC 2231 writer meant), Python takes the first",
    ("malformed/boundary-with-trailing-text.eml", "*", "*", "tree"):
        "Python takes a line as a delimiter only when nothing but white space follows the boundary; "
        "RFC 2046 5.1.1 (note to implementors) says the boundary need only appear in its entirety "
        "at the start of the line, so we split there too, with a boundaryWithTrailingText diagnostic",
    ("malformed/bare-cr.eml", "*", "1", "headers"):
        "Python splits lines on a lone CR (universal newlines); RFC 5322 2.2 and 2.3 allow CR only "
        "in CRLF, and GMime and MimeKit, like us, read a lone CR as data, so the header continues",
    ("malformed/bare-cr.eml", "*", "1", "charset"):
        "the same lone-CR difference: for Python the Content-Type line is body, so its part has the default",
    ("malformed/bare-cr.eml", "*", "envelope", "subject"):
        "the same lone-CR difference: Python's Subject stops at the CR",
    ("malformed/eight-bit-headers.eml", "*", "envelope", "subject"):
        "raw UTF-8 in a header: Python's compat32 policy keeps the bytes as surrogates, we read "
        "UTF-8 first (RFC 6532), then the part's charset, then windows-1252",
    ("malformed/bare-cr.eml", "*", "1", "decoded"):
        "the same lone-CR difference: Python ended the headers at the CR, so its body starts earlier",
    ("malformed/empty-boundary.eml", "*", "*", "tree"):
        "Python splits on '--' lines for boundary=\"\"; RFC 2046 5.1.1 requires 1 to 70 characters, "
        "so we keep the multipart as a leaf with a multipartWithoutBoundary diagnostic",
    ("malformed/missing-close-delimiter.eml", "*", "1", "decoded"):
        "Python drops the last line ending of a part that no delimiter follows; with no delimiter "
        "to own it (RFC 2046 5.1.1), the line ending is content and we keep it",
}


def main():
    checker = Checker()
    for folder in sorted(os.listdir(ROOT)):
        path = os.path.join(ROOT, folder)
        if not os.path.isdir(path) or folder == "keys":
            continue
        for file in sorted(os.listdir(path)):
            if not (file.endswith(".eml") or file.endswith(".mbox")):
                continue
            name = f"{folder}/{file}"
            raw = open(os.path.join(path, file), "rb").read()
            stem = os.path.join(path, file.rsplit(".", 1)[0])
            for variant, data, expected in [("lf", raw, stem + ".json"), ("crlf", crlf(raw), stem + ".crlf.json")]:
                if not os.path.exists(expected):
                    checker.failures.append(f"{name}: {os.path.basename(expected)} is missing")
                    continue
                lines = [json.loads(line) for line in open(expected, encoding="utf-8") if line.strip()]
                if file.endswith(".mbox"):
                    for ours in lines:
                        ours["_mbox"] = True
                        start = ours["offset"]
                        following = [l["offset"] for l in lines if l["offset"] > start]
                        stop = following[0] if following else len(data)
                        chunk = data[start:stop]
                        # The message is what follows its From line, without the mbox's blank line.
                        body = chunk.split(b"\n", 1)[1]
                        if following:
                            body = body[:-2] if body.endswith(b"\r\n\r\n") else body[:-1]
                        checker.check_message(name, variant, body, data, ours)
                else:
                    checker.check_message(name, variant, data, data, lines[0])
    for line in checker.known:
        print("known:", line)
    for line in checker.failures:
        print("DIFFERS:", line)
    print(f"{checker.checked} messages checked against Python's email: "
          f"{len(checker.known)} known differences, {len(checker.failures)} failures")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
