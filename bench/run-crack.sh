#!/usr/bin/env bash
# Measures the brute force of `latch crack aes` (crypto.bruteforce.KeySearch) on one core against the
# raw rate of the AES primitive it runs on, in keys per second, in the same run (JMH, throughput), and
# checks the goal: the search's time per key at most 1.2x the raw cipher's (a key schedule and one
# block per key: the attacker's real unit of work). BouncyCastle's AESEngine is measured beside the
# JDK's AES: the faster one is the one the search should use (see CrackBenchmark).
#
#   bench/run-crack.sh                     # default run: about 2 minutes, plus the build
#   bench/run-crack.sh -i 10 -r 5s         # extra arguments go to JMH and override the defaults
#   bench/run-crack.sh 'CrackBenchmark\.(rawJdk|search)$'   # a regex picks benchmarks
#
# Default JMH arguments: -f 1 -wi 3 -w 3s -i 5 -r 3s. On a shared, loaded machine the figures move
# between runs: read the errors, and compare ratios from one run only. Results go to
# bench/results/crack.csv.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bench/jmh.sh"
csv=$root/bench/results/crack.csv
latch_jmh "$csv" 'dev\.latch\.bench\.CrackBenchmark\.' "" "-f 1 -wi 3 -w 3s -i 5 -r 3s" "$@"
[ "$LATCH_JMH_SUMMARY" = 1 ] || exit 0 # results written elsewhere, or nothing measured (-l, -h)

awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  NR > 1 {
    name = unq($1)
    if (name ~ /:/) next
    sub(/.*\./, "", name)
    score[name] = $5 + 0; error[name] = $6 + 0; order[++n] = name
  }
  END {
    print ""
    print "== AES-128 brute force, one core: keys per second (error at 99.9 %) =="
    for (i = 1; i <= n; i++) printf "  %-16s %12.0f +- %.0f keys/s\n", order[i], score[order[i]], error[order[i]]
    print ""
    if (("search" in score) && ("rawJdk" in score) && score["search"] > 0) {
      m = score["rawJdk"] / score["search"]
      printf "  the search costs %.2fx the raw cipher per key (search vs rawJdk; goal <= 1.2x): %s\n", m, (m <= 1.2 ? "goal MET" : "goal NOT met")
    } else {
      print "  (search and rawJdk were not both measured: no verdict)"
    }
    if (("rawBouncyCastle" in score) && ("rawJdk" in score) && score["rawBouncyCastle"] > 0) {
      printf "  the primitive: the JDK AES does %.2fx the keys/s of BouncyCastle AESEngine\n", score["rawJdk"] / score["rawBouncyCastle"]
    }
  }' "$csv"
