#!/usr/bin/env bash
# Symmetric encryption by Latch against OpenSSL on this machine, in MB/s (10^6 bytes per second),
# and checks the goal: Latch at 0.8x OpenSSL or more.
#
#  1. Memory to memory, 1 MiB messages, one thread: Latch's AEAD cipher (dev.latch.crypto.symmetric.
#     SymmetricCipher; JMH, SymmetricCipherBenchmark) against `openssl speed -evp aes-256-gcm` and
#     `-evp chacha20-poly1305 -bytes 1048576`, which is run before and after JMH (the mean counts).
#     JMH also measures the JDK primitive alone (jdk: what Latch adds is the difference) and
#     BouncyCastle's Java engines (the primitive Latch did not pick).
#  2. One big file (default 256 MiB of random bytes; LATCH_BENCH_FILE_MIB=N for another size),
#     whole runs timed by hyperfine, the JVM's start included: Latch's cipher (EncryptFileMain:
#     AES-256-GCM, ChaCha20-Poly1305) against `openssl enc -aes-256-ctr` / `-chacha20` (enc has
#     no AEAD mode: the closest it runs, without a tag to compute).
#  3. Passphrase encryption into CMS: `latch encrypt --passphrase-file` against `openssl cms
#     -encrypt -pwri_password -aes-256-cbc` on the same file, when this tree's latch has the
#     encrypt command (else said so). Both derive the key with PBKDF2, Latch with many more
#     iterations: a fixed cost of its own, small beside a big file. Then both decrypt the same
#     AES-256-GCM message that latch made (openssl cms -decrypt reads it).
#
#   bench/run-crypto.sh                         # about 8 minutes, plus the build
#   bench/run-crypto.sh -i 10 -r 3s             # extra arguments go to JMH and override its defaults
#   bench/run-crypto.sh 'SymmetricCipherBenchmark\.latchEncrypt$'   # a regex picks benchmarks
#
# JMH defaults: -f 1 -wi 5 -w 2s -i 5 -r 2s. On a shared, loaded machine every figure moves (the
# load average is printed): compare the ratios of one run. Results: bench/results/crypto.csv (JMH)
# and bench/results/crypto.txt (the summary).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bench/jmh.sh"
. "$root/bench/processes.sh"
command -v openssl >/dev/null || die "openssl is needed: apt-get install openssl"
command -v hyperfine >/dev/null || die "hyperfine is needed: apt-get install hyperfine"
mib=${LATCH_BENCH_FILE_MIB:-256}
[[ $mib =~ ^[1-9][0-9]*$ ]] || die "LATCH_BENCH_FILE_MIB must be a number of MiB, not '$mib'"
csv=$root/bench/results/crypto.csv
bench_setup crypto "$root/bench/results/crypto.txt"
ciphers=(aes-256-gcm chacha20-poly1305)

# MB/s of `openssl speed -evp CIPHER` on 1 MiB blocks (its figure is in 1000s of bytes per second)
openssl_speed() {
  openssl speed -evp "$1" -bytes 1048576 -seconds 3 2>/dev/null \
    | awk -v c="$1" 'toupper($1) == toupper(c) { v = $2; sub(/k$/, "", v); printf "%.1f", v / 1000 }'
}
declare -A speed_before speed_after
say "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${ciphers[@]}"; do speed_before[$c]=$(openssl_speed "$c"); done

latch_jmh "$csv" 'dev\.latch\.bench\.crypto\.SymmetricCipherBenchmark\.' "" "-f 1 -wi 5 -w 2s -i 5 -r 2s" "$@"
[ "$LATCH_JMH_SUMMARY" = 1 ] || exit 0 # results written elsewhere, or nothing measured (-l, -h)
for c in "${ciphers[@]}"; do speed_after[$c]=$(openssl_speed "$c"); done

say ""
say "== memory to memory, 1 MiB messages, one thread (MB/s; JMH error at 99.9 %) =="
speeds=""
for c in "${ciphers[@]}"; do
  say "  openssl speed -evp $c: ${speed_before[$c]} before JMH, ${speed_after[$c]} after"
  speeds="$speeds $c=${speed_before[$c]},${speed_after[$c]}"
done
awk -F, -v speeds="$speeds" '
  function unq(s) { gsub(/"/, "", s); return s }
  BEGIN {
    n = split(speeds, pairs, " ")
    for (i = 1; i <= n; i++) {
      split(pairs[i], kv, "="); split(kv[2], ab, ",")
      openssl[kv[1]] = (ab[1] + ab[2]) / 2
    }
  }
  { sub(/\r$/, "") }                        # JMH writes CRLF line ends
  NR > 1 {
    name = unq($1); if (name ~ /:/) next
    sub(/.*\./, "", name)
    cipher = unq($8)
    mbs[cipher, name] = unq($5) * 1048576 / 1e6; err[cipher, name] = unq($6) * 1048576 / 1e6
    if (!(cipher in seen)) { seen[cipher] = 1; order[++m] = cipher }
    if (!(name in named)) { named[name] = 1; names[++k] = name }
  }
  END {
    verdicts = 0
    for (i = 1; i <= m; i++) {
      c = order[i]
      printf "  %s\n", c
      for (j = 1; j <= k; j++)
        if ((c, names[j]) in mbs) printf "    %-20s %9.1f +- %.1f\n", names[j], mbs[c, names[j]], err[c, names[j]]
      if (openssl[c] > 0) printf "    %-20s %9.1f (mean of the two runs)\n", "openssl speed", openssl[c]
      if (((c, "latchEncrypt") in mbs) && openssl[c] > 0) {
        r = mbs[c, "latchEncrypt"] / openssl[c]
        printf "    latchEncrypt / openssl speed: %.2fx (goal >= 0.8x): %s\n", r, (r >= 0.8 ? "goal MET" : "goal NOT met")
        verdicts++
      }
      if (((c, "latchEncrypt") in mbs) && ((c, "jdk") in mbs))
        printf "    latchEncrypt / jdk (the primitive alone): %.2fx\n", mbs[c, "latchEncrypt"] / mbs[c, "jdk"]
      if (((c, "jdk") in mbs) && ((c, "bouncyCastle") in mbs))
        printf "    jdk / bouncyCastle (why SunJCE): %.1fx\n", mbs[c, "jdk"] / mbs[c, "bouncyCastle"]
    }
    if (verdicts == 0) print "  (latchEncrypt and openssl speed were not both measured: no verdict)"
  }' "$csv" | tee -a "$results"

# --- one big file ---------------------------------------------------------------------------------
file=$tmp/plain.bin
head -c "$((mib * 1048576))" /dev/urandom >"$file"
jar=$root/bench/target/benchmarks.jar
touch "$tmp"/out.{latch,openssl}-{aes,chacha,cms,dec} "$tmp/out.latch-cbc-cms" # the names rm -f is given before each run
key=$(openssl rand -hex 32)
file_runs() { # NAME COMMAND... : hyperfine, 3 runs after 1 warm-up; the mean seconds of each command
  local name=$1
  shift
  # each run writes anew (latch refuses to overwrite a file without --force)
  hyperfine -N --warmup 1 --runs 3 --prepare "rm -f $(printf '%s ' "$tmp"/out.*)" --export-csv "$tmp/$name.csv" "$@" \
    >>"$results" 2>&1
}
mean_s() { awk -F, -v row="$(($2 + 1))" 'NR == row { print $2 }' "$tmp/$1.csv"; }
file_verdict() { # LABEL LATCH_S OPENSSL_S
  awk -v label="$1" -v a="$2" -v b="$3" -v mib="$mib" 'BEGIN {
    la = mib * 1.048576 / a; ob = mib * 1.048576 / b; r = la / ob
    printf "  %-44s %7.1f MB/s vs %7.1f MB/s = %4.2fx (goal >= 0.8x): %s\n", label, la, ob, r, (r >= 0.8 ? "goal MET" : "goal NOT met") }' \
    | tee -a "$results"
}
say ""
say "== one $mib MiB file, whole runs (JVM start included; load average $(cut -d' ' -f1-3 /proc/loadavg)) =="
file_runs aes "$LATCH_JAVA -cp $jar dev.latch.bench.crypto.EncryptFileMain aes-256-gcm $file $tmp/out.latch-aes" \
  "openssl enc -aes-256-ctr -K $key -iv $(openssl rand -hex 16) -in $file -out $tmp/out.openssl-aes"
file_verdict "latch aes-256-gcm / openssl enc -aes-256-ctr" "$(mean_s aes 1)" "$(mean_s aes 2)"
file_runs chacha "$LATCH_JAVA -cp $jar dev.latch.bench.crypto.EncryptFileMain chacha20-poly1305 $file $tmp/out.latch-chacha" \
  "openssl enc -chacha20 -K $key -iv $(openssl rand -hex 16) -in $file -out $tmp/out.openssl-chacha"
file_verdict "latch chacha20-poly1305 / openssl enc -chacha20" "$(mean_s chacha 1)" "$(mean_s chacha 2)"

# --- passphrase encryption into CMS ---------------------------------------------------------------
latch=$root/latch
export LATCH_HOME=$tmp/home
passphrase=bench-$(openssl rand -hex 8) # one word: hyperfine -N splits commands at spaces
printf '%s\n' "$passphrase" >"$tmp/passphrase"
say ""
"$latch" encrypt --help >"$tmp/encrypt-help.txt" 2>&1 || true
if grep -q -- '--passphrase-file' "$tmp/encrypt-help.txt"; then
  say "== latch encrypt --passphrase-file vs openssl cms -encrypt -pwri_password, the same $mib MiB file =="
  file_runs cms "$latch encrypt --passphrase-file $tmp/passphrase -o $tmp/out.latch-cms $file" \
    "openssl cms -encrypt -binary -aes-256-cbc -pwri_password $passphrase -in $file -outform DER -out $tmp/out.openssl-cms"
  file_verdict "latch encrypt (aes-256-gcm) / openssl cms (aes-256-cbc)" "$(mean_s cms 1)" "$(mean_s cms 2)"
  if grep -q -- '--cipher' "$tmp/encrypt-help.txt"; then
    file_runs cmscbc "$latch encrypt --cipher aes-256-cbc --passphrase-file $tmp/passphrase -o $tmp/out.latch-cbc-cms $file"
    file_verdict "latch encrypt --cipher aes-256-cbc / openssl cms" "$(mean_s cmscbc 1)" "$(mean_s cms 2)"
  fi
  # the same AES-256-GCM message (PBKDF2-HMAC-SHA256, 600,000 iterations) opened by both
  "$latch" encrypt --passphrase-file "$tmp/passphrase" -o "$tmp/message.cms" "$file" >/dev/null
  say "== latch decrypt vs openssl cms -decrypt, the same $mib MiB AES-256-GCM message =="
  file_runs dec "$latch decrypt --passphrase-file $tmp/passphrase -o $tmp/out.latch-dec $tmp/message.cms" \
    "openssl cms -decrypt -binary -pwri_password $passphrase -inform DER -in $tmp/message.cms -out $tmp/out.openssl-dec"
  file_verdict "latch decrypt / openssl cms -decrypt (aes-256-gcm)" "$(mean_s dec 1)" "$(mean_s dec 2)"
else
  say "== latch encrypt: not in this tree's latch ('latch encrypt --help' shows no --passphrase-file): the CMS comparison is skipped =="
fi
say ""
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
