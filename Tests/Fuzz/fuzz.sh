#!/usr/bin/env bash
# Builds the libFuzzer targets in Tests/Fuzz (one target a file) with AddressSanitizer and
# runs them, seeded from Corpus/ and ../shared/corpus.
#
#   Tests/Fuzz/fuzz.sh --all 120            build all, run each target for 120 seconds
#   Tests/Fuzz/fuzz.sh ParserChunks 600     build all, run one target for 600 seconds
#   Tests/Fuzz/fuzz.sh --build              build only
#   make fuzz TARGET=ParserChunks SECONDS=600
#
# The library sources are compiled into static libraries with `-sanitize=fuzzer,address`:
# MIMEKitSIMD (with -mavx2 on x86-64, as SwiftPM builds it), MIMEKit and MIMECrypto whole, and of MIMEOpenPGP and MIMESMIME only their pure-Swift,
# key-free readers (packets and armor; the CMS/DER walker), so that neither GPGME nor
# OpenSSL is needed. Each target is compiled against them with the shared support file and
# linked with libFuzzer's main. Everything goes under .build-fuzz/: the libraries, the
# binaries, the seeds gathered from the corpora (and a few generated), a working corpus per
# target (what libFuzzer adds) and crash-* files. A run that finds a crash or a broken
# invariant stops and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=.build-fuzz
SWIFTC=${SWIFTC:-swiftc}
FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -package-name mimekit
       -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault)
TARGETS=$(cd Tests/Fuzz && ls *.swift | sed 's/\.swift$//')

# The sources of each fuzzed library. Only files that need no C module: adding a file to
# MIMEOpenPGP/Packets, MIMEOpenPGP/Armor or the CMS list below must keep it that way.
lib_sources() {
    case $1 in
        MIMEKitSIMD) find Sources/MIMEKitSIMD -name '*.swift' | sort ;;
        MIMEKit) find Sources/MIMEKit -name '*.swift' | sort ;;
        MIMECrypto) find Sources/MIMECrypto -name '*.swift' | sort ;;
        MIMEOpenPGP) find Sources/MIMEOpenPGP/Packets Sources/MIMEOpenPGP/Armor -name '*.swift' | sort ;;
        MIMESMIME) printf 'Sources/MIMESMIME/%s.swift\n' Base64Body CMSContentEncryptionAlgorithm CMSContentType \
                       CMSInspection CMSInspector DERReader ;;
    esac
}

# The libraries a target links, each before the ones it uses (static link order).
target_libs() {
    case $1 in
        OpenPGPPackets) echo MIMEOpenPGP MIMECrypto MIMEKit MIMEKitSIMD ;;
        CMSWalking) echo MIMESMIME MIMECrypto MIMEKit MIMEKitSIMD ;;
        *) echo MIMEKit MIMEKitSIMD ;;
    esac
}

# The fuzzed libraries a library imports: rebuilt after any of them.
lib_deps() {
    case $1 in
        MIMEKitSIMD) ;;
        MIMEKit) echo MIMEKitSIMD ;;
        MIMECrypto) echo MIMEKitSIMD MIMEKit ;;
        *) echo MIMEKitSIMD MIMEKit MIMECrypto ;;
    esac
}

build_lib() {
    local lib=$1 sources extra=()
    sources=$(lib_sources "$lib")
    # The CMS target walks DERReader itself, which is internal.
    [ "$lib" = MIMESMIME ] && extra=(-enable-testing)
    # The base64 kernel's module only: MIMEKit calls it only on a CPU with AVX2.
    [ "$lib" = MIMEKitSIMD ] && [ "$(uname -m)" = x86_64 ] && extra=(-Xcc -mavx2)
    local stamp="$OUT/lib/$lib.sha" sum
    # shellcheck disable=SC2086
    sum=$( (echo $sources "${extra[@]}"; cat $sources) | sha256sum | cut -d' ' -f1)
    local stale=0
    [ -f "$OUT/lib/lib$lib.a" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ] || stale=1
    for dep in $(lib_deps "$lib"); do
        [ -f "$OUT/lib/lib$dep.a" ] && [ "$OUT/lib/lib$dep.a" -nt "$OUT/lib/lib$lib.a" ] && stale=1
    done
    [ -f "$OUT/lib/lib$lib.a" ] || stale=1
    if [ $stale = 1 ]; then
        echo "building $lib with -sanitize=fuzzer,address"
        # shellcheck disable=SC2086
        "$SWIFTC" "${FLAGS[@]}" "${extra[@]}" -module-name "$lib" -I "$OUT/lib" -emit-library -static -emit-module \
            -emit-module-path "$OUT/lib/$lib.swiftmodule" -o "$OUT/lib/lib$lib.a" $sources
        echo "$sum" > "$stamp"
    fi
}

build() {
    mkdir -p "$OUT/lib"
    for lib in MIMEKitSIMD MIMEKit MIMECrypto MIMEOpenPGP MIMESMIME; do build_lib "$lib"; done
    for target in $TARGETS; do
        local libs link=() stale=0
        libs=$(target_libs "$target")
        for lib in $libs; do
            link+=("-l$lib")
            [ "$OUT/lib/lib$lib.a" -nt "$OUT/$target" ] && stale=1
        done
        if [ ! -x "$OUT/$target" ] || [ "Tests/Fuzz/$target.swift" -nt "$OUT/$target" ] \
            || [ "Tests/Fuzz/Support/FuzzSupport.swift" -nt "$OUT/$target" ] || [ $stale = 1 ]; then
            echo "building $target"
            rm -f "$OUT/$target"
            "$SWIFTC" "${FLAGS[@]}" -module-name "$target" -I "$OUT/lib" -L "$OUT/lib" "${link[@]}" \
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

# Short seeds for the header-value targets: the value of every header field of the corpus's
# messages (unfolded), one a file, plus a few written here for what the corpus lacks.
header_seeds() {
    local dir="$OUT/seeds-headers"
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    local roots=(Corpus)
    [ -d ../shared/corpus ] && roots+=(../shared/corpus)
    find "${roots[@]}" -type f \( -name '*.eml' -o -name '*.msg' \) -print0 \
        | xargs -0 awk 'function emit() { if (value != "") printf "%s%c", value, 0; value = "" }
              FNR == 1 { emit(); inhead = 1 } inhead && /^\r?$/ { emit(); inhead = 0 }
              inhead && /^[ \t]/ { value = value "\n" $0; next }
              inhead && /^[!-9;-~]+:/ { emit(); sub(/^[^:]*:/, ""); value = $0; next }
              END { emit() }' 2>/dev/null \
        | sort -z -u | head -c 4000000 \
        | while IFS= read -r -d '' value; do
            printf '%s' "$value" > "$dir/tmp"
            mv "$dir/tmp" "$dir/$(sha1sum "$dir/tmp" | cut -c1-40)"
        done
    local n=0
    for value in '=?utf-8?q?caf=C3=A9?= =?utf-8?b?w6k=?=' '=?iso-8859-1*en?Q?a_b?= x=?koi8-r?B?8tXT08vJyg==?=' \
        'attachment; filename*0*=utf-8'"''"'%C3%A9t%C3%A9; filename*1=".txt"; size=12' \
        'inline; filename="=?utf-8?b?w6kuanBn?="; creation-date="Wed, 12 Feb 1997 16:29:51 -0500"' \
        'a@b.example, "Doe, J" <j@d.example>, g: x@y.example, (c) z@w.example;' \
        'Tue, 1 Jul 2003 10:52:37 +0200 (CEST)' '2002-08-23T06:32:53Z' 'Jan  2 15:04:05 2006' \
        '<a.b@c.example> (x) <"q r"@[1.2.3.4]>' 'by mx.example; Mon, 20 Nov 1995 19:12:08 -0500'; do
        printf '%s' "$value" > "$dir/written-$n"
        n=$((n + 1))
    done
}

# For ContentTypeCaching: runs of Content-Type values, NUL between them, that differ only in
# their boundary, or just around it.
content_type_seeds() {
    local dir="$OUT/seeds-content-types"
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    printf 'multipart/mixed; boundary="a1"\0multipart/mixed; boundary="b-22"\0multipart/mixed; boundary="c=?3"' > "$dir/quoted"
    printf 'multipart/alternative; boundary=x1\0multipart/alternative; boundary=y2;\0multipart/alternative; boundary=z (c)' \
        > "$dir/unquoted"
    printf 'multipart/signed; protocol="application/pgp-signature"; micalg=pgp-sha256;\n boundary="=_1"\0multipart/signed; protocol="application/pgp-signature"; micalg=pgp-sha256;\n boundary="=_2\\"' \
        > "$dir/folded"
    printf 'text/plain; charset=utf-8\0text/plain; charset=utf-8\0TEXT/html; charset="us-ascii"' > "$dir/plain"
}

# Binary and armored OpenPGP from the corpora, and CMS messages made with openssl from
# Corpus/keys (DER, and BER with indefinite lengths), when openssl is there.
crypto_seeds() {
    local dir="$OUT/seeds-crypto"
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    local roots=(Corpus)
    [ -d ../shared/corpus ] && roots+=(../shared/corpus)
    find "${roots[@]}" -type f \( -name '*.asc' -o -name '*.openpgp-block' -o -name '*.gpg.pub' -o -name '*.gpg.sec' \) \
        -print0 | while IFS= read -r -d '' file; do
        head -c 65536 "$file" > "$dir/tmp"
        mv "$dir/tmp" "$dir/$(sha1sum "$dir/tmp" | cut -c1-40)"
    done
    if command -v openssl > /dev/null && [ -f Corpus/keys/alice.crt ] && [ -f Corpus/keys/alice.key ]; then
        local k=Corpus/keys
        printf 'Content-Type: text/plain\r\n\r\nhello\r\n' > "$dir/plain"
        openssl cms -sign -in "$dir/plain" -signer $k/alice.crt -inkey $k/alice.key -outform DER -out "$dir/cms-signed" 2>/dev/null || true
        openssl cms -sign -nodetach -stream -in "$dir/plain" -signer $k/alice.crt -inkey $k/alice.key -outform DER \
            -out "$dir/cms-signed-ber" 2>/dev/null || true
        openssl cms -encrypt -aes-256-cbc -in "$dir/plain" -outform DER -out "$dir/cms-enveloped" $k/alice.crt 2>/dev/null || true
        openssl cms -encrypt -aes-128-gcm -in "$dir/plain" -outform DER -out "$dir/cms-authenveloped" $k/alice.crt 2>/dev/null || true
        rm -f "$dir/plain"
    fi
}

run() {
    local target=$1 seconds=$2
    mkdir -p "$OUT/corpus/$target" "$OUT/crashes"
    # Decoders and header values gain nothing from whole messages; short inputs run faster.
    local max_len=65536 seed_dirs=("$OUT/seeds")
    case $target in
        Base64Decoding|QuotedPrintableDecoding|UUDecoding|ContentTypeParsing) max_len=4096 ;;
        EncodedWordDecoding|ContentDispositionParsing|AddressListParsing|DateAndMessageIDParsing)
            max_len=1024; seed_dirs=("$OUT/seeds-headers") ;;
        ContentTypeCaching) max_len=2048; seed_dirs=("$OUT/seeds-headers" "$OUT/seeds-content-types") ;;
        OpenPGPPackets) max_len=16384; seed_dirs=("$OUT/seeds-crypto" "$OUT/seeds") ;;
        CMSWalking) max_len=8192; seed_dirs=("$OUT/seeds-crypto") ;;
    esac
    echo "== $target for ${seconds}s"
    # Swift's own backtracer would hold a crashing process; libFuzzer reports instead.
    SWIFT_BACKTRACE=enable=no "$OUT/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$OUT/crashes/$target-" \
        "$OUT/corpus/$target" "${seed_dirs[@]}"
}

case "${1:-}" in
    --build) build; exit 0 ;;
esac
build
seeds
header_seeds
content_type_seeds
crypto_seeds
if [ "${1:---all}" = --all ]; then
    for target in $TARGETS; do run "$target" "${2:-120}"; done
else
    run "$1" "${2:-120}"
fi
