#!/usr/bin/env bash
# Measures the brute force of `latch crack aes` (crypto.bruteforce.KeySearch) on one core against the
# raw rate of the AES primitive it runs on, in keys per second (JMH, throughput), and checks the goal:
# the search's time per key at most 1.2x the raw cipher's (a key schedule and one block per key: the
# attacker's real unit of work), the raw cipher's rate being the faster of rawJdk (one key per JMH
# call) and rawJdkLoop (2^20 keys in one plain loop). BouncyCastle's AESEngine is measured beside the JDK's AES: the faster
# one is the one the search should use (see CrackBenchmark).
#
#   bench/run-crack.sh                     # default: 3 rounds, each about 50 s of JMH plus a Maven build check
#   LATCH_CRACK_ROUNDS=5 bench/run-crack.sh -i 5 -r 3s   # extra arguments go to JMH, overriding the defaults
#   bench/run-crack.sh 'CrackBenchmark\.(rawJdk|search)$'   # a regex picks benchmarks
#
# On a shared machine the load moves within a minute, and one benchmark's figure against another's
# measured a minute later says more about the load than about the code. So the whole set runs in
# rounds, each round's search is compared with its own rawJdk (measured just before it), and the
# verdict is on the median of the rounds' ratios. Default JMH arguments per round:
# -f 1 -wi 3 -w 2s -i 4 -r 2s. Results go to bench/results/crack-ROUND.csv.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bench/jmh.sh"
rounds=${LATCH_CRACK_ROUNDS:-3}
csvs=()
for ((round = 1; round <= rounds; round++)); do
  echo "bench: round $round of $rounds" >&2
  csv=$root/bench/results/crack-$round.csv
  latch_jmh "$csv" 'dev\.latch\.bench\.CrackBenchmark\.' "" "-f 1 -wi 3 -w 2s -i 4 -r 2s" "$@"
  [ "$LATCH_JMH_SUMMARY" = 1 ] || exit 0 # results written elsewhere, or nothing measured (-l, -h)
  csvs+=("$csv")
done

awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  FNR == 1 { round++ ; next }
  {
    name = unq($1)
    if (name ~ /:/) next
    sub(/.*\./, "", name)
    score[round, name] = $5 + 0; error[round, name] = $6 + 0
  }
  function median(values, count,   i, j, t) {
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
    return count % 2 ? values[(count + 1) / 2] : (values[count / 2] + values[count / 2 + 1]) / 2
  }
  END {
    print ""
    print "== AES-128 brute force, one core: keys per second by round (error at 99.9 %) =="
    for (r = 1; r <= round; r++) {
      count = split("rawBouncyCastle rawJdk rawJdkLoop search", order, " ")
      for (k = 1; k <= count; k++) if ((r, order[k]) in score) printf "  round %d  %-16s %10.0f +- %.0f keys/s\n", r, order[k], score[r, order[k]], error[r, order[k]]
    }
    print ""
    n = 0; b = 0
    for (r = 1; r <= round; r++) {
      # the raw cipher: the faster of the two ways of measuring it, for the strictest comparison
      raw = ""
      if ((r, "rawJdk") in score) raw = "rawJdk"
      if (((r, "rawJdkLoop") in score) && (raw == "" || score[r, "rawJdkLoop"] > score[r, raw])) raw = "rawJdkLoop"
      if (((r, "search") in score) && raw != "" && score[r, "search"] > 0) {
        ratio[++n] = score[r, raw] / score[r, "search"]
        printf "  round %d: the search costs %.2fx the raw JDK AES per key (against %s)\n", r, ratio[n], raw
      }
      if (((r, "rawBouncyCastle") in score) && ((r, "rawJdk") in score) && score[r, "rawBouncyCastle"] > 0) {
        primitive[++b] = score[r, "rawJdk"] / score[r, "rawBouncyCastle"]
      }
    }
    if (n > 0) {
      m = median(ratio, n)
      printf "  median of %d round(s): the search costs %.2fx the raw cipher per key (goal <= 1.2x): %s\n", n, m, (m <= 1.2 ? "goal MET" : "goal NOT met")
    } else {
      print "  (search and rawJdk or rawJdkLoop were not all measured: no verdict)"
    }
    if (b > 0) {
      printf "  the primitive: the JDK AES does %.2fx the keys/s of BouncyCastle AESEngine (median of %d round(s))\n", median(primitive, b), b
    }
  }' "${csvs[@]}"
