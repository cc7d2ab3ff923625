#!/usr/bin/env bash
# The benchmark of issue 14: parse-only vs full scan, -j 1 and all cores, headers followed and not,
# medians of RUNS runs after a warm-up, in one JVM; peak heap and RSS. Prints numbers only.
#   bench/bench.sh TREE [RUNS] [-- SCAN OPTIONS...]
#   bench/bench.sh --synthetic LINES DIR [RUNS]   (writes a synthetic tree first, then measures it)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$here/bench/target/classes/dev/vforkcheck/bench/Benchmark.class" ] \
   || [ ! -f "$here/analyzer-cli/target/vforkcheck.jar" ]; then
  (cd "$here" && mvn -B -q -o install -DskipTests -Dspotless.check.skip 2>/dev/null \
     || cd "$here" && mvn -B -q install -DskipTests -Dspotless.check.skip)
fi
cp="$here/analyzer-cli/target/vforkcheck.jar:$here/bench/target/classes"
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
