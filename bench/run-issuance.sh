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
. "$root/bench/jmh.sh"
bench_dir=${LATCH_BENCH_DIR:-$root/bench/target/tmp}
mkdir -p "$bench_dir"
csv=$root/bench/results/issuance.csv
# the forks load SQLite's native library (native access) and put the CA under $bench_dir
latch_jmh "$csv" 'dev\.latch\.bench\.IssuanceBenchmark\.' "--enable-native-access=ALL-UNNAMED -Dlatch.bench.dir=$bench_dir" "-f 1 -wi 5 -w 2s -i 5 -r 3s" "$@"
[ "$LATCH_JMH_SUMMARY" = 1 ] || exit 0 # results written elsewhere, or nothing measured (-l, -h)

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
