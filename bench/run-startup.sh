#!/usr/bin/env bash
# Start-up time of the latch command against the C tools that do the same, with hyperfine, each
# through ./latch as people run it (the launcher's checks included), warm (the archive made, the
# files in the page cache):
#
#   latch inspect CERT                         vs  openssl x509 -in CERT -noout -text
#   latch get --cacert ROOT https://localhost:PORT/small.html
#                                              vs  curl -sS --cacert ROOT https://localhost:PORT/small.html
#                                                  (the same page from one local openssl s_server -WWW)
#   latch --version                            (for reference: the JVM and picocli, no work)
#
# and checks the goals: latch inspect at most 4x openssl, latch get at most 4x curl (mean times).
#
#   bench/run-startup.sh            20 runs each after 3 warm-up runs
#   bench/run-startup.sh 50 5       RUNS and WARMUP
#
# On a shared, loaded machine the times move a lot: the summary prints the load average; compare
# the ratios of one run. Summary and hyperfine's tables go to bench/results/startup.txt.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bench/processes.sh"
runs=${1:-20}
warmup=${2:-3}
command -v hyperfine >/dev/null || die "hyperfine is needed: apt-get install hyperfine"
command -v openssl >/dev/null || die "openssl is needed: apt-get install openssl"
command -v curl >/dev/null || die "curl is needed: apt-get install curl"

bench_setup startup "$root/bench/results/startup.txt"
latch=$root/latch
export LATCH_HOME=$tmp/home
# build the jar and the start-up archive now, not in the first measured run
"$latch" --version >/dev/null

"$latch" ca init --home "$tmp/ca" >"$tmp/ca.log" 2>&1 </dev/null || { cat "$tmp/ca.log" >&2; die "latch ca init failed"; }
"$latch" ca issue --home "$tmp/ca" --out "$tmp" localhost 127.0.0.1 >>"$tmp/ca.log" 2>&1 </dev/null \
  || { cat "$tmp/ca.log" >&2; die "latch ca issue failed"; }
cert=$tmp/localhost.pem
ca_root=$tmp/ca/root.pem

# mean seconds of each command hyperfine measured, from its CSV: "command<TAB>mean"
measure() { # NAME COMMAND...
  local name=$1
  shift
  hyperfine -N --warmup "$warmup" --runs "$runs" --export-csv "$tmp/$name.csv" "$@" | tee -a "$results"
}
mean_ms() { # NAME INDEX: the mean of the INDEX-th command (1-based) in milliseconds
  awk -F, -v row="$(($2 + 1))" 'NR == row { printf "%.1f", $2 * 1000 }' "$tmp/$1.csv"
}
verdict() { # LABEL LATCH_MS PEER_MS GOAL
  awk -v label="$1" -v a="$2" -v b="$3" -v goal="$4" 'BEGIN {
    r = a / b
    printf "  %-34s %7.1f ms vs %6.1f ms = %5.2fx (goal <= %dx): %s\n", label, a, b, r, goal, (r <= goal ? "goal MET" : "goal NOT met") }' \
    | tee -a "$results"
}
summary=()

say "== latch inspect vs openssl x509 -text =="
"$latch" inspect "$cert" >/dev/null || die "latch inspect $cert failed"
measure inspect "$latch inspect $cert" "openssl x509 -in $cert -noout -text"
summary+=("$(verdict "latch inspect / openssl x509 -text" "$(mean_ms inspect 1)" "$(mean_ms inspect 2)" 4)")

say "== latch get vs curl =="
if ! "$latch" get --help >/dev/null 2>&1; then
  summary+=("  latch get / curl: skipped: this build has no 'latch get' yet")
  say "skipped: this build has no 'latch get' yet"
else
  mkdir -p "$tmp/site"
  head -c 1024 /dev/urandom | base64 >"$tmp/site/small.html"
  port=$(free_port)
  (cd "$tmp/site" && exec openssl s_server -quiet -WWW -accept "127.0.0.1:$port" \
      -cert "$tmp/localhost.pem" -cert_chain "$tmp/ca/intermediate.pem" -key "$tmp/localhost-key.pem") >"$tmp/s_server.log" 2>&1 &
  pids+=($!)
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  url=https://localhost:$port/small.html
  curl -sS --fail --cacert "$ca_root" "$url" >"$tmp/by-curl" || die "curl $url failed: $(cat "$tmp/s_server.log")"
  "$latch" get --cacert "$ca_root" "$url" >"$tmp/by-latch" || die "latch get $url failed"
  cmp -s "$tmp/by-curl" "$tmp/by-latch" || die "latch get and curl fetched different bytes from $url"
  measure get "$latch get --cacert $ca_root $url" "curl -sS --cacert $ca_root $url"
  summary+=("$(verdict "latch get / curl" "$(mean_ms get 1)" "$(mean_ms get 2)" 4)")
fi

say "== latch --version (the JVM and the command line, no work) =="
measure version "$latch --version"

say ""
say "== summary (mean times; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $runs runs) =="
for line in "${summary[@]}"; do say "$line"; done
say "  latch --version: $(mean_ms version 1) ms"
