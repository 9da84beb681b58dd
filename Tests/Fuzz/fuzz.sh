#!/usr/bin/env bash
# Builds the libFuzzer targets in Tests/Fuzz (one target a file) with AddressSanitizer and
# runs them, seeded from Corpus/ and ../shared/corpus.
#
#   Tests/Fuzz/fuzz.sh --all 120            build all, run each target for 120 seconds
#   Tests/Fuzz/fuzz.sh ParserChunks 600     build all, run one target for 600 seconds
#   Tests/Fuzz/fuzz.sh --build              build only
#   make fuzz TARGET=ParserChunks SECONDS=600
#
# MIMEKit's sources are compiled once into a static library with
# `-sanitize=fuzzer,address`; each target is compiled against it with the shared support
# file and linked with libFuzzer's main. Everything goes under .build-fuzz/: the binaries,
# the seeds gathered from the corpora, a working corpus per target (what libFuzzer adds)
# and crash-* files. A run that finds a crash or a broken invariant stops and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=.build-fuzz
SWIFTC=${SWIFTC:-swiftc}
FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library
       -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault)
TARGETS=$(cd Tests/Fuzz && ls *.swift | sed 's/\.swift$//')

build() {
    mkdir -p "$OUT/lib"
    local sources
    sources=$(find Sources/MIMEKit -name '*.swift' | sort)
    local stamp="$OUT/lib/sources.sha"
    local sum
    sum=$(cat $sources | sha256sum | cut -d' ' -f1)
    if [ ! -f "$OUT/lib/libMIMEKit.a" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        echo "building MIMEKit with -sanitize=fuzzer,address"
        # shellcheck disable=SC2086
        "$SWIFTC" "${FLAGS[@]}" -module-name MIMEKit -emit-library -static -emit-module \
            -emit-module-path "$OUT/lib/MIMEKit.swiftmodule" -o "$OUT/lib/libMIMEKit.a" $sources
        echo "$sum" > "$stamp"
    fi
    for target in $TARGETS; do
        if [ ! -x "$OUT/$target" ] || [ "Tests/Fuzz/$target.swift" -nt "$OUT/$target" ] \
            || [ "Tests/Fuzz/Support/FuzzSupport.swift" -nt "$OUT/$target" ] || [ "$OUT/lib/libMIMEKit.a" -nt "$OUT/$target" ]; then
            echo "building $target"
            "$SWIFTC" "${FLAGS[@]}" -module-name "$target" -I "$OUT/lib" -L "$OUT/lib" -lMIMEKit \
                Tests/Fuzz/Support/FuzzSupport.swift "Tests/Fuzz/$target.swift" -o "$OUT/$target" 2>&1 \
                | grep -v "Cannot export local symbol" || true
            [ -x "$OUT/$target" ] || { echo "building $target failed" >&2; exit 1; }
        fi
    done
}

# Message files only (not the expected-output JSON), each cut to 64 KiB, under content names.
seeds() {
    local dir="$OUT/seeds"
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    local roots=(Corpus)
    [ -d ../shared/corpus ] && roots+=(../shared/corpus)
    find "${roots[@]}" -type f \( -name '*.eml' -o -name '*.msg' -o -name '*.raw' -o -name '*.mbox' -o -name '*.txt' \) \
        -print0 | while IFS= read -r -d '' file; do
        head -c 65536 "$file" > "$dir/tmp"
        mv "$dir/tmp" "$dir/$(sha1sum "$dir/tmp" | cut -c1-40)"
    done
}

run() {
    local target=$1 seconds=$2
    mkdir -p "$OUT/corpus/$target" "$OUT/crashes"
    # Decoders and header values gain nothing from whole messages; short inputs run faster.
    local max_len=65536
    case $target in Base64Decoding|QuotedPrintableDecoding|UUDecoding|ContentTypeParsing) max_len=4096 ;; esac
    echo "== $target for ${seconds}s"
    # Swift's own backtracer would hold a crashing process; libFuzzer reports instead.
    SWIFT_BACKTRACE=enable=no "$OUT/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$OUT/crashes/$target-" \
        "$OUT/corpus/$target" "$OUT/seeds"
}

case "${1:-}" in
    --build) build; exit 0 ;;
esac
build
seeds
if [ "${1:---all}" = --all ]; then
    for target in $TARGETS; do run "$target" "${2:-120}"; done
else
    run "$1" "${2:-120}"
fi
