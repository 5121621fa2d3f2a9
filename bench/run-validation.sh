#!/usr/bin/env bash
# Measures certificate chain validation by Latch against the raw cost of the signature checks the
# chain needs, and against the JDK's PKIX CertPathValidator plus its hostname check, on the same
# 3-certificate chains (EC P-256 and RSA-2048), in the same run (JMH, throughput), and checks the
# goal: Latch's time per validation at most 1.3x the raw signature checks, for both key types.
#
#   bench/run-validation.sh                  # default run: about 5 minutes, plus the build
#   bench/run-validation.sh -i 10 -r 5s      # extra arguments go to JMH and override the defaults
#   bench/run-validation.sh 'ValidationBenchmark\.(latch|signatures)Ec$' -prof gc   # a regex picks benchmarks
#
# Default JMH arguments: -f 1 -wi 3 -w 2s -i 5 -r 2s. For a fresh leaf the chain needs one
# signature check: the leaf's (Latch verifies it on every call; the intermediate's, verified once,
# is remembered by its exact bytes). signatures* is that check alone, done as Latch does it (EC:
# BouncyCastle's ECDSA; RSA: the JCA), so latch*'s time over signatures*'s is what Latch adds:
# parsing, the RFC 5280 and web PKI rules, the name check. The JDK ratios compare latchEc with
# jdkEc and latchRsa with jdkRsa: both parse the certificates from DER and verify the leaf's
# signature on every call (see ValidationBenchmark's comment for the other variants); rawVerify*
# is the same signature check by the JCA's default provider. On a shared, loaded machine the
# figures move a lot between runs: read the errors, and compare ratios from one run only.
# JMH results go to bench/results/validation.csv.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bench/jmh.sh"
csv=$root/bench/results/validation.csv
# the forks call the JDK's HostnameChecker (sun.security.util)
latch_jmh "$csv" 'dev\.latch\.bench\.ValidationBenchmark\.' "--add-exports=java.base/sun.security.util=ALL-UNNAMED" "-f 1 -wi 3 -w 2s -i 5 -r 2s" "$@"
[ "$LATCH_JMH_SUMMARY" = 1 ] || exit 0 # results written elsewhere, or nothing measured (-l, -h)

# Summary from JMH's CSV: the figures, the ratios and the verdict.
awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  # throughput a over b
  function ratio(a, b, label,   r) {
    if (!(a in score) || !(b in score) || score[b] <= 0) return 0
    printf "  %-40s %5.2fx\n", label, score[a] / score[b]
    return 1
  }
  # time per call of latch as a multiple of the raw signature checks, and the goal
  function multiple(latch, raw, label,   m) {
    if (!(latch in score) || !(raw in score) || score[latch] <= 0) return 0
    m = score[raw] / score[latch]
    printf "  %-40s %5.2fx (goal <= 1.3x): %s\n", label, m, (m <= 1.3 ? "goal MET" : "goal NOT met")
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
    print "== chain validation: Latch, the raw signature checks, the JDK PKIX + hostname check (throughput, ops/s, error at 99.9 %) =="
    for (i = 1; i <= n; i++) printf "  %-20s %12.1f +- %.1f\n", order[i], score[order[i]], error[order[i]]
    print ""
    print "  Latch time per validation as a multiple of the raw signature checks it needs (fresh leaf: its signature):"
    m = multiple("latchEc", "signaturesEc", "EC P-256:  latchEc vs signaturesEc")
    m += multiple("latchRsa", "signaturesRsa", "RSA-2048:  latchRsa vs signaturesRsa")
    if (m == 0) print "  (no latch/signatures pair was measured: no verdict)"
    print "  against the JDK (throughput ratio; leaf signature verified per call, both parse DER per call):"
    j = ratio("latchEc", "jdkEc", "EC P-256:  latchEc / jdkEc")
    j += ratio("latchRsa", "jdkRsa", "RSA-2048:  latchRsa / jdkRsa")
    if (j == 0) print "  (no latch/jdk pair was measured)"
    if (("rawVerifyEc" in score) || ("rawVerifyRsa" in score)) {
      print "  the same signature check by the JCA default provider (SunEC for EC), against the JDK:"
      ratio("rawVerifyEc", "jdkEc", "EC:  rawVerifyEc / jdkEc")
      ratio("rawVerifyRsa", "jdkRsa", "RSA: rawVerifyRsa / jdkRsa")
    }
    if (("latchEcSameLeaf" in score) || ("latchRsaSameLeaf" in score) || ("jdkEcPreparsed" in score) || ("jdkRsaPreparsed" in score)) {
      print "  for information (same leaf every call: Latch still verifies its signature, the JDK does not):"
      ratio("latchEcSameLeaf", "jdkEcSameLeaf", "latchEcSameLeaf / jdkEcSameLeaf")
      ratio("latchRsaSameLeaf", "jdkRsaSameLeaf", "latchRsaSameLeaf / jdkRsaSameLeaf")
      ratio("latchEc", "jdkEcPreparsed", "latchEc / jdkEcPreparsed")
      ratio("latchRsa", "jdkRsaPreparsed", "latchRsa / jdkRsaPreparsed")
    }
  }' "$csv"
