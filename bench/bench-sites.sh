#!/usr/bin/env bash
# Benchmark: wall time of `vforkcheck sites TREE` (files/s, lines/s) and of a one-file scan
# (startup), as the median of RUNS runs each. Prints numbers; asserts nothing.
#   bench/bench-sites.sh TREE [RUNS] [ONE_FILE]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tree="${1:?usage: bench-sites.sh TREE [RUNS] [ONE_FILE]}"
runs="${2:-5}"
one="${3:-$here/test-corpus/cases/sites/retry_loop.c}"
jar="$here/analyzer-cli/target/vforkcheck.jar"
"$here/vforkcheck" --version >/dev/null   # build if needed

files=$(find "$tree" \( -name '.*' -prune \) -o -type f \( -name '*.c' -o -name '*.h' \) -print | wc -l)
lines=$(find "$tree" \( -name '.*' -prune \) -o -type f \( -name '*.c' -o -name '*.h' \) -print0 | xargs -0 cat | wc -l)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

echo "java: $(java -version 2>&1 | head -n 1)"
echo "cores: $(nproc)"
echo "tree: $tree ($files files, $lines lines)"
tree_ms=$(for _ in $(seq "$runs"); do time_ms java -jar "$jar" sites "$tree"; done | median)
awk -v ms="$tree_ms" -v f="$files" -v l="$lines" -v r="$runs" 'BEGIN {
  printf "sites over the tree: median %d ms of %d runs, %.0f files/s, %.0f lines/s\n", ms, r, f / (ms / 1000), l / (ms / 1000) }'
one_ms=$(for _ in $(seq "$runs"); do time_ms java -jar "$jar" scan "$one"; done | median)
echo "one-file scan ($one): median $one_ms ms of $runs runs"

# Peak memory of a whole scan (both passes, all rules): resident set size with the default heap,
# and with the heap capped, to show what the facts of the tree need.
if [ -x /usr/bin/time ]; then
  for opts in "" "-Xmx384m"; do
    out=$(mktemp)
    /usr/bin/time -v -o "$out" java $opts -jar "$jar" scan --fail-on never "$tree" >/dev/null 2>&1 || true
    rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$out")
    rm -f "$out"
    echo "scan peak RSS${opts:+ with $opts}: $((rss / 1024)) MiB"
  done
fi

# Fast start: one-file scan through the launcher, with and without its fast-start flags (AppCDS
# archive, C1 only, serial GC).
"$here/vforkcheck" --version >/dev/null 2>&1   # make sure the archive exists
fast_ms=$(for _ in $(seq "$runs"); do time_ms "$here/vforkcheck" scan "$one"; done | median)
slow_ms=$(for _ in $(seq "$runs"); do VFORKCHECK_FAST=0 time_ms "$here/vforkcheck" scan "$one"; done | median)
echo "launcher one-file scan: median $fast_ms ms with fast start, $slow_ms ms without (VFORKCHECK_FAST=0), $runs runs each"
