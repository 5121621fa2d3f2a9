#!/usr/bin/env bash
# Measures certificate chain validation by Latch against the JDK's PKIX CertPathValidator plus its
# hostname check, on the same 3-certificate chains (EC P-256 and RSA-2048), in the same run (JMH,
# throughput), and checks the goal: Latch >= 2x the JDK for both key types.
#
#   bench/run-validation.sh                  # default run: about 4 minutes, plus the build
#   bench/run-validation.sh -i 10 -r 5s      # extra arguments go to JMH and override the defaults
#   bench/run-validation.sh 'ValidationBenchmark\.(latch|jdk)Ec$' -prof stack   # a regex picks benchmarks
#
# Default JMH arguments: -f 1 -wi 3 -w 2s -i 5 -r 2s. The ratios compare latchEc with jdkEc and
# latchRsa with jdkRsa: both sides parse the certificates from DER and verify the leaf's signature
# on every call (see ValidationBenchmark's comment for the other variants); rawVerify* is the
# cost of that one signature verification alone, the ceiling for any validator using the JCA.
# JMH results go to bench/results/validation.csv.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bench/jmh.sh"
csv=$root/bench/results/validation.csv
# the forks call the JDK's HostnameChecker (sun.security.util)
latch_jmh "$csv" 'dev\.latch\.bench\.ValidationBenchmark\.' "--add-exports=java.base/sun.security.util=ALL-UNNAMED" "-f 1 -wi 3 -w 2s -i 5 -r 2s" "$@"
[ "$LATCH_JMH_SUMMARY" = 1 ] || exit 0 # results written elsewhere, or nothing measured (-l, -h)

# Summary from JMH's CSV: the figures, the ratios latch/jdk and the verdict.
awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  function ratio(a, b, label, goal,   r) {
    if (!(a in score) || !(b in score) || score[b] <= 0) return 0
    r = score[a] / score[b]
    if (goal)
      printf "  %-34s %5.2fx (goal >= 2x): %s\n", label, r, (r >= 2 ? "goal MET" : "goal NOT met")
    else
      printf "  %-34s %5.2fx\n", label, r
    return 1
  }
  NR > 1 {
    name = unq($1)
    if (name ~ /:/) next                     # secondary metrics of profilers (latchEc:gc.alloc.rate, ...)
    sub(/.*\./, "", name)
    score[name] = $5 + 0; error[name] = $6; order[++n] = name
  }
  END {
    print ""
    print "== chain validation, Latch vs JDK PKIX + hostname check (throughput, ops/s, error at 99.9 %) =="
    for (i = 1; i <= n; i++) printf "  %-20s %12.1f +- %.1f\n", order[i], score[order[i]], error[order[i]]
    print ""
    print "  ratios (leaf signature verified per call, both parse DER per call):"
    m = ratio("latchEc", "jdkEc", "EC P-256:  latchEc / jdkEc", 1)
    m += ratio("latchRsa", "jdkRsa", "RSA-2048:  latchRsa / jdkRsa", 1)
    if (m == 0) print "  (no latch/jdk pair was measured: no ratio)"
    if (("rawVerifyEc" in score) || ("rawVerifyRsa" in score)) {
      print "  ceiling (one raw leaf signature verification per call, JCA default provider: no validator"
      print "  verifying with it can exceed this):"
      ratio("rawVerifyEc", "jdkEc", "EC:  rawVerifyEc / jdkEc", 0)
      ratio("rawVerifyRsa", "jdkRsa", "RSA: rawVerifyRsa / jdkRsa", 0)
    }
    if (("latchEcSameLeaf" in score) || ("latchRsaSameLeaf" in score) || ("jdkEcPreparsed" in score) || ("jdkRsaPreparsed" in score)) {
      print "  for information (every signature result cached, on both sides):"
      ratio("latchEcSameLeaf", "jdkEcSameLeaf", "latchEcSameLeaf / jdkEcSameLeaf", 0)
      ratio("latchRsaSameLeaf", "jdkRsaSameLeaf", "latchRsaSameLeaf / jdkRsaSameLeaf", 0)
      ratio("latchEc", "jdkEcPreparsed", "latchEc / jdkEcPreparsed", 0)
      ratio("latchRsa", "jdkRsaPreparsed", "latchRsa / jdkRsaPreparsed", 0)
    }
  }' "$csv"
