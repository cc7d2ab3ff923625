#!/usr/bin/env bash
# The benchmark of issue 14: parse-only vs full scan, -j 1 and all cores, headers followed and not,
# medians of RUNS runs after a warm-up, in one JVM; peak heap and RSS. Prints numbers only.
#   bench/bench.sh TREE [RUNS] [-- SCAN OPTIONS...]
#   bench/bench.sh --synthetic LINES DIR [RUNS]   (writes a synthetic tree first, then measures it)
#   bench/bench.sh --start [RUNS]   (one-file scan through the launcher, outside any project, against
#                                    `java -version` with the launcher's flags: the hook's latency)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$here/bench/target/classes/dev/vforkcheck/bench/Benchmark.class" ] \
   || [ ! -f "$here/analyzer-cli/target/vforkcheck.jar" ]; then
  (cd "$here" && mvn -B -q -o install -DskipTests -Dspotless.check.skip 2>/dev/null \
     || cd "$here" && mvn -B -q install -DskipTests -Dspotless.check.skip)
fi
cp="$here/analyzer-cli/target/vforkcheck.jar:$here/bench/target/classes"
if [ "${1:-}" = "--start" ]; then
  runs="${2:-11}"
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
  cp "$here/test-corpus/cases/sites/retry_loop.c" "$dir/"
  median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
  ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
  "$here/vforkcheck" scan "$dir/retry_loop.c" >/dev/null 2>&1 || true   # build, dump the CDS archive
  scan=(); floor=()
  for _ in $(seq "$runs"); do   # interleaved, so that both see the same machine
    scan+=("$(cd "$dir" && ms "$here/vforkcheck" scan retry_loop.c)")
    floor+=("$(ms java -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -version)")
  done
  s=$(printf '%s\n' "${scan[@]}" | median); f=$(printf '%s\n' "${floor[@]}" | median)
  echo "java: $(java -version 2>&1 | head -n 1), $(nproc) cores"
  echo "one-file scan through the launcher (no project): median $s ms of $runs runs"
  echo "java -version with the launcher's flags (the floor): median $f ms"
  exit 0
fi
heap="${BENCH_HEAP:--Xmx2g}"
if [ "${1:-}" = "--synthetic" ]; then
  lines="${2:?lines}"; dir="${3:?dir}"; runs="${4:-3}"
  rm -rf "$dir"
  java -cp "$cp" dev.vforkcheck.bench.SyntheticTree "$dir" "$lines"
  exec java "$heap" -cp "$cp" dev.vforkcheck.bench.Benchmark "$dir" --runs "$runs"
fi
tree="${1:?usage: bench.sh TREE [RUNS] [-- SCAN OPTIONS...]}"
runs="${2:-3}"
shift $(( $# >= 2 ? 2 : 1 ))
exec java "$heap" -cp "$cp" dev.vforkcheck.bench.Benchmark "$tree" --runs "$runs" "$@"
