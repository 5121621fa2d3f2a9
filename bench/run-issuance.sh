#!/usr/bin/env bash
# Measures certificate issuance by the local CA against the one raw ECDSA P-256 signature it has to
# make (JMH, throughput), and checks the goal: issuance >= 80 % of raw signing.
#
#   bench/run-issuance.sh                  # default run: about 2 minutes, plus the build
#   bench/run-issuance.sh -i 10 -r 5s      # extra arguments go to JMH and override the defaults
#   bench/run-issuance.sh 'IssuanceBenchmark\.(rawSign|issue)$' -prof stack   # a regex picks benchmarks
#
# Default JMH arguments: -f 1 -wi 5 -w 2s -i 5 -r 3s (issue() needs ~10 s of warm-up on 2 cores).
# The CA (and its SQLite registry) lives in a temporary directory under $LATCH_BENCH_DIR (default
# bench/target/tmp: the project's disk, unlike a tmpfs /tmp, which would hide the cost of fsync).
# JMH results go to bench/results/issuance.csv.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/scripts/jdk.sh"
latch_find_jdk || exit 1
latch_maven_opts
echo "bench: using JDK $LATCH_JAVA_MAJOR at $JAVA_HOME" >&2

cd "$root"
mvn -q -B -DskipTests -pl bench -am package

bench_dir=${LATCH_BENCH_DIR:-$root/bench/target/tmp}
results=$root/bench/results
mkdir -p "$bench_dir" "$results"
csv=$results/issuance.csv

# A first argument that is not an option selects the benchmarks (a regular expression).
filter='dev\.latch\.bench\.IssuanceBenchmark\.'
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  filter=$1
  shift
fi

# JMH itself uses sun.misc.Unsafe, which JDK 24+ warns about unless allowed; the forked JVMs
# inherit the options of this one. The forks also load SQLite's native library: native access.
jvm_args=""
if [ "${LATCH_JAVA_MAJOR:-0}" -ge 24 ]; then
  jvm_args="--sun-misc-unsafe-memory-access=allow"
fi
fork_args="--enable-native-access=ALL-UNNAMED -Dlatch.bench.dir=$bench_dir"

# JMH refuses an option given twice: a default is passed only when the caller did not give it,
# and a caller's -jvmArgsAppend is added to ours (the fork always needs native access for SQLite).
jmh_args=()
declare -A given=()
while [ $# -gt 0 ]; do
  case $1 in
    -jvmArgsAppend) fork_args="$fork_args ${2:-}"; shift 2 || shift; continue ;;
    -*) given[$1]=1 ;;
  esac
  jmh_args+=("$1")
  shift
done
defaults=(-f 1 -wi 5 -w 2s -i 5 -r 3s -rf csv -rff "$csv")
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  if [ -z "${given[${defaults[k]}]:-}" ]; then
    jmh_args+=("${defaults[k]}" "${defaults[k + 1]}")
  fi
done

rm -f "$csv"
# shellcheck disable=SC2086 # $jvm_args is a list of options
"$LATCH_JAVA" $jvm_args -jar "$root/bench/target/benchmarks.jar" "$filter" \
  -jvmArgsAppend "$fork_args" "${jmh_args[@]}"

if [ -n "${given[-rf]:-}${given[-rff]:-}" ] || [ ! -s "$csv" ]; then
  exit 0 # results written elsewhere, or nothing measured (-l, -h): no summary
fi

# Summary from JMH's CSV: the figures, the ratio issue/rawSign and the verdict.
awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  NR > 1 {
    name = unq($1)
    if (name ~ /:/) next                     # secondary metrics of profilers (issue:gc.alloc.rate, ...)
    sub(/.*\./, "", name)
    score[name] = $5 + 0; error[name] = $6; order[++n] = name
  }
  END {
    print ""
    print "== issuance vs raw signing (throughput, ops/s, error at 99.9 %) =="
    for (i = 1; i <= n; i++) printf "  %-20s %12.1f +- %.1f\n", order[i], score[order[i]], error[order[i]]
    if (!("rawSign" in score) || !("issue" in score) || score["rawSign"] <= 0) {
      print "  (rawSign and issue were not both measured: no ratio)"
      exit 0
    }
    ratio = 100 * score["issue"] / score["rawSign"]
    printf "  issue / rawSign = %.1f %% (goal >= 80 %%): %s\n", ratio, (ratio >= 80 ? "goal MET" : "goal NOT met")
    if ("rawSignConcurrent" in score && "issueConcurrent" in score && score["rawSignConcurrent"] > 0) {
      c = 100 * score["issueConcurrent"] / score["rawSignConcurrent"]
      printf "  issueConcurrent / rawSignConcurrent = %.1f %% with 8 threads (goal >= 80 %%): %s\n", c, (c >= 80 ? "goal MET" : "goal NOT met")
    }
    if ("buildAndSign" in score)
      printf "  buildAndSign / rawSign = %.1f %% (issuance without the registry)\n", 100 * score["buildAndSign"] / score["rawSign"]
    if ("issueMemoryRegistry" in score)
      printf "  issueMemoryRegistry / rawSign = %.1f %% (registry in memory: no disk, no fsync)\n", 100 * score["issueMemoryRegistry"] / score["rawSign"]
  }' "$csv"
