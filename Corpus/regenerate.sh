#!/usr/bin/env bash
# Rewrites each Corpus/*/x.json (LF) and x.crlf.json (the same message with CRLF line endings)
# from `mimekit dump --json`. Run it only after a deliberate change of output, then check the
# result with ./verify-with-python.py and read the diff before committing.
set -euo pipefail
cd "$(dirname "$0")"
bin=${MIMEKIT:-../.build/debug/mimekit}
to_crlf='import re, sys; sys.stdout.buffer.write(re.sub(rb"(?<!\r)\n", b"\r\n", sys.stdin.buffer.read()))'
for f in rfc/*.eml malformed/*.eml headers/*.eml mbox/*.mbox; do
  stem=${f%.*}
  mbox=()
  [[ $f == *.mbox ]] && mbox=(--mbox)
  "$bin" dump --json "${mbox[@]}" "$f" > "$stem.json"
  python3 -c "$to_crlf" < "$f" | "$bin" dump --json "${mbox[@]}" - > "$stem.crlf.json"
done
