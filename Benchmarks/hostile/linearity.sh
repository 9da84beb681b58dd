#!/usr/bin/env bash
# A benchmark, not a test: shows that `mimekit` takes time linear in the size of each
# hostile input of Benchmarks/hostile/generate.py. For each kind it generates N, 2N and 4N,
# times the release `mimekit dump` on each (best of REPEAT runs, wall clock) and prints the
# time ratios 2N/N and 4N/2N (about 2 means linear, about 4 quadratic) and the peak RSS of
# the largest run (from /usr/bin/time -v).
#
#   Benchmarks/hostile/linearity.sh                 every kind, base sizes below
#   Benchmarks/hostile/linearity.sh empty-parts 50000    one kind, base size 50000
#   MIMEKIT=path/to/mimekit COMMAND=stat REPEAT=3 TIMEOUT=120 Benchmarks/hostile/linearity.sh
#
# The inputs go to $WORK (default /tmp/mimekit-hostile) and are removed afterwards. A run
# that takes longer than TIMEOUT seconds is stopped and shown as ">TIMEOUT".
set -euo pipefail
cd "$(dirname "$0")/../.."

MIMEKIT=${MIMEKIT:-.build/release/mimekit}
COMMAND=${COMMAND:-dump}
REPEAT=${REPEAT:-3}
TIMEOUT=${TIMEOUT:-120}
WORK=${WORK:-/tmp/mimekit-hostile}
GENERATE=Benchmarks/hostile/generate.py

if [ ! -x "$MIMEKIT" ]; then
    echo "no $MIMEKIT: build it with 'swift build -c release --product mimekit' (or set MIMEKIT)" >&2
    exit 1
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

# Base sizes: large enough that a run takes a measurable time, small enough for the whole
# table to finish in minutes.
declare -A BASE=(
    [nested-multipart]=25000 [nested-message]=25000 [many-fields]=250000
    [long-header-line]=25000000 [empty-parts]=10000 [prefix-boundaries]=5000
    [long-line]=50000000 [base64-garbage]=25000000 [nul-bytes]=25000000
    [invalid-utf8]=25000000 [rfc2231-reverse]=250000 [encoded-words]=50000
    [address-list]=50000 [nested-comments]=250000
)

mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

# Prints "seconds peak_kb" for one input: the best wall time of REPEAT runs, the largest RSS.
measure() {
    local file=$1 best="" peak=0
    for _ in $(seq "$REPEAT"); do
        local status=0
        timeout "$TIMEOUT" /usr/bin/time -f "%e %M" -o "$WORK/time" "$MIMEKIT" "$COMMAND" "$file" \
            > /dev/null 2> "$WORK/stderr" || status=$?
        if [ "$status" = 124 ]; then echo ">$TIMEOUT 0"; return; fi
        if [ "$status" != 0 ]; then echo "exit$status 0"; return; fi
        read -r seconds kb < <(tail -1 "$WORK/time")
        if [ -z "$best" ] || awk "BEGIN { exit !($seconds < $best) }"; then best=$seconds; fi
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    echo "$best $peak"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/) print "-"; else if (a < 0.02) print "~"; else printf "%.2f", b / a }'; }

kinds=${1:-$(python3 "$GENERATE" --list | awk '{print $1}')}
printf "%-18s %12s %9s %9s %9s %7s %7s %10s\n" kind N "t(N) s" "t(2N) s" "t(4N) s" 2N/N 4N/2N "RSS(4N)"
for kind in $kinds; do
    base=${2:-${BASE[$kind]}}
    times=()
    rss=0
    for factor in 1 2 4; do
        n=$((base * factor))
        python3 "$GENERATE" "$kind" "$n" -o "$WORK/input"
        read -r t kb < <(measure "$WORK/input")
        times+=("$t")
        rss=$kb
        rm -f "$WORK/input"
        if [[ ! $t =~ ^[0-9.]+$ ]]; then
            while [ ${#times[@]} -lt 3 ]; do times+=("-"); done
            break
        fi
    done
    printf "%-18s %12s %9s %9s %9s %7s %7s %8sMB\n" "$kind" "$base" "${times[0]}" "${times[1]}" "${times[2]}" \
        "$(ratio "${times[0]}" "${times[1]}")" "$(ratio "${times[1]}" "${times[2]}")" "$((rss / 1024))"
done
