#!/usr/bin/env bash
# `latch serve` against the servers people pick, side by side in one run (issue 14): nginx, Caddy
# and h2o from Debian, and Latch built from this tree (./latch serve). Run by hand, not in CI; about
# 17 minutes with the defaults, plus a build.
#
#   bench/run-serve-vs-peers.sh                    # all four, 3 interleaved rounds
#   bench/run-serve-vs-peers.sh h2o latch          # only these (any of nginx caddy h2o latch)
#   bench/run-serve-vs-peers.sh --quick            # smoke run: 1 round of 2 s measures, 1 s warm-ups
#
# Each server is configured alike: the same ECDSA P-256 leaf + intermediate (made by `latch ca`),
# the same 1 KiB file, TLS 1.2 and 1.3, HTTP/1.1 and HTTP/2 (ALPN), no access log, loopback only,
# its own free port, started directly from its binary with its own files in a temporary folder
# (nginx: 2 workers; h2o: 2 threads; Caddy: admin endpoint, automatic HTTPS and HTTP/3 off, its
# HOME and XDG folders in the temporary folder; Latch: ./latch serve, with the JVM options the launcher
# gives it (scripts/jvm-options.sh), plus LATCH_BENCH_JVM_OPTS).
# Before the first measure, curl checks that each one answers 200 with the file over HTTP/1.1 and
# HTTP/2 with the root's certificate verified.
#
# Rounds are interleaved (round 1: nginx, caddy, h2o, latch; round 2: the same order ...); each
# server starts just before its first measure and runs until the end. In each round, each server
# gets three measures, each after its own warm-up (not counted):
#   keep-alive       wrk -t2 -c64, HTTPS/1.1 with keep-alive: requests/s, wrk's p99 latency
#   full handshakes  wrk -H 'Connection: close' with the LD_PRELOAD helper of https-servers.sh that
#                    makes wrk forget its TLS session: one full handshake per request; requests/s and
#                    the p99 of the connection (connect() to the complete response)
#   HTTP/2           h2load -c50 -m10 -D (ALPN must say h2): requests/s
# and for each the server's CPU time per request: utime + stime from /proc of all the server's
# processes (all their threads) over the measured window, divided by the requests. The RSS of the
# server (summed over its processes) is read after its last round. Round 1 begins, for each server,
# with a keep-alive measure of the first LATCH_BENCH_COLD seconds of load after its start, compared
# with its steady keep-alive figure (the warm-up goal). The table gives medians over the rounds with
# min-max, and "Latch / best peer" per measure; then the goals of issue 14 as met or not met.
#
# Clients and servers share the machine's cores: only ratios within one run mean something, and
# "machine" (per measure: server, client, other) warns when anything else took more than 10 %.
#
# Settings (environment): LATCH_BENCH_DURATION (seconds measured per measure, default 15),
# LATCH_BENCH_WARMUP (seconds of warm-up before each, 10), LATCH_BENCH_ROUNDS (3),
# LATCH_BENCH_COLD (seconds of the first measure after start, 5), LATCH_BENCH_CONNECTIONS (wrk, 64),
# LATCH_BENCH_THREADS (wrk threads, 2), LATCH_BENCH_H2_CONNECTIONS (50), LATCH_BENCH_H2_STREAMS (10),
# LATCH_BENCH_H2_THREADS (h2load threads, 1), LATCH_BENCH_JVM_OPTS (extra JVM options for Latch,
# passed as LATCH_JAVA_OPTS, after the launcher's), LATCH_BENCH_SERVERS (the servers, when none are named),
# LATCH_BENCH_QUICK=1 (as --quick; the settings above still win).
# Needs nginx, caddy, h2o, wrk, h2load, curl, openssl, gcc
# (apt-get install nginx caddy h2o wrk nghttp2-client curl openssl gcc).
# Table and raw outputs go to bench/results/serve-vs-peers.txt.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
quick=${LATCH_BENCH_QUICK:-}
names=()
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    nginx | caddy | h2o | latch) names+=("$arg") ;;
    *) echo "usage: $0 [--quick] [nginx] [caddy] [h2o] [latch]" >&2; exit 2 ;;
  esac
done
[ ${#names[@]} -gt 0 ] || read -r -a names <<<"${LATCH_BENCH_SERVERS:-nginx caddy h2o latch}"
servers=()
for s in nginx caddy h2o latch; do # the issue's order, each once
  [[ " ${names[*]} " == *" $s "* ]] && servers+=("$s")
done
[ ${#servers[@]} -gt 0 ] || { echo "$0: no known server in '${names[*]}' (nginx caddy h2o latch)" >&2; exit 2; }
if [ -n "$quick" ]; then d=2 w=1 r=1 c=2; else d=15 w=10 r=3 c=5; fi
duration=${LATCH_BENCH_DURATION:-$d}
warmup=${LATCH_BENCH_WARMUP:-$w}
rounds=${LATCH_BENCH_ROUNDS:-$r}
cold=${LATCH_BENCH_COLD:-$c}
conns=${LATCH_BENCH_CONNECTIONS:-64}
threads=${LATCH_BENCH_THREADS:-2}
h2_conns=${LATCH_BENCH_H2_CONNECTIONS:-50}
h2_streams=${LATCH_BENCH_H2_STREAMS:-10}
h2_threads=${LATCH_BENCH_H2_THREADS:-1}
jvm_opts=${LATCH_BENCH_JVM_OPTS:-}
for n in "$duration" "$warmup" "$rounds" "$cold" "$conns" "$threads" "$h2_conns" "$h2_streams" "$h2_threads"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$0: the LATCH_BENCH_* numbers must be positive whole numbers (got '$n')" >&2; exit 2; }
done
. "$root/bench/processes.sh"
. "$root/bench/https-servers.sh"
need() { command -v "$1" >/dev/null || die "$1 is needed: apt-get install -y $2"; }
need wrk wrk
need h2load nghttp2-client
need curl curl
need openssl openssl
need gcc gcc
for s in "${servers[@]}"; do [ "$s" = latch ] || need "$s" "$s"; done

bench_setup serve-peers "$root/bench/results/serve-vs-peers.txt"
raw() { { printf '\n----- %s\n' "$1"; cat "$2" 2>/dev/null; } >>"$tmp/raw.txt"; }

# --- Latch: ./latch from this tree, built (and its start-up archive for serve made) before timing --
. "$root/scripts/jdk.sh"
latch_find_jdk || exit 1
latch() { "$root/latch" "$@"; }
latch --version >/dev/null || die "./latch does not build or run"
latch serve --help >/dev/null 2>&1 || die "./latch serve --help failed: this build has no 'latch serve'"
latch_serve=("$root/latch")
[ -z "$jvm_opts" ] || latch_serve=(env "LATCH_JAVA_OPTS=$jvm_opts" "$root/latch")
export LATCH_HOME=$tmp/home

make_site
build_wrk_helper

# --- h2load ---------------------------------------------------------------------------------------
run_h2load() { # $1 seconds, $2 output file; the client's CPU seconds in $2.cpu
  local secs=$1 out=$2 TIMEFORMAT='%U %S'
  { time timeout $((secs + 30)) h2load -t"$h2_threads" -c"$h2_conns" -m"$h2_streams" -D "$secs" \
    "https://localhost:$port/1k.bin" >"$out" 2>&1; } 2>"$out.time" || true
  awk '{ print $1 + $2 }' "$out.time" >"$out.cpu"
}
measure_h2load() { # $1 key, $2 output file: as measure_wrk, for h2load
  local k=$1 out=$2 cpu0 cpu1 mach0 mach1 alpn
  cpu0=$(server_cpu) mach0=$(machine_cpu)
  run_h2load "$duration" "$out"
  cpu1=$(server_cpu) mach1=$(machine_cpu)
  alpn=$(sed -n 's/^Application protocol: //p' "$out")
  [ "$alpn" = h2 ] || { cat "$out" >&2; die "h2load did not get h2 by ALPN ($k: '${alpn:-none}')"; }
  m[${k}_rps]=$(awk '/^finished in/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^req\/s/) print $i }' "$out")
  m[${k}_requests]=$(awk '$1 == "requests:" { for (i = 2; i < NF; i++) if ($(i + 1) ~ /^succeeded/) print $i }' "$out")
  [ -n "${m[${k}_rps]}" ] && [ -n "${m[${k}_requests]}" ] || { cat "$out" >&2; die "no result from h2load ($k)"; }
  m[${k}_err]=$(awk 'function add(n, what) { if (n > 0) e = e (e ? ", " : "") what " " n }
    $1 == "requests:" { for (i = 2; i < NF; i++) { w = $(i + 1); sub(/,$/, "", w); if (w ~ /^(failed|errored|timeout)$/) add($i, w) } }
    $1 == "status" && $2 == "codes:" { for (i = 3; i < NF; i++) { w = $(i + 1); sub(/,$/, "", w); if (w ~ /^[345]xx$/) add($i, w) } }
    END { print e ? e : "none" }' "$out")
  m[${k}_cpu]=$(cpu_per_request "$cpu0" "$cpu1" "${m[${k}_requests]}")
  m[${k}_shares]=$(shares "$mach0" "$mach1" "$cpu0" "$cpu1" "$(cat "$out.cpu")")
  m[${k}_other]=${m[${k}_shares]##* }
}

# --- one server's round ---------------------------------------------------------------------------
declare -A port_of pid_of log_of log_mark
noisy=()
measures=0 worst_other=0 worst_what=""
note() { # $1 key (server.measure.round), $2 label: one line per measure; notes when other processes took CPU
  local k=$1 sh p99=""
  read -r -a sh <<<"${m[${k}_shares]}"
  [ -z "${m[${k}_p99]:-}" ] || p99=$(printf 'p99 %.2f ms' "${m[${k}_p99]}")
  say "$(printf '    %-16s %9.0f req/s  %-15s server CPU %7.1f µs/req  machine: server %s %%, client %s %%, other %s %%  errors: %s' \
    "$2" "${m[${k}_rps]}" "$p99" "${m[${k}_cpu]}" "${sh[0]}" "${sh[1]}" "${sh[2]}" "${m[${k}_err]}")"
  measures=$((measures + 1))
  if [ "${sh[2]}" -gt 10 ]; then noisy+=("$k"); fi
  if [ "${sh[2]}" -gt "$worst_other" ]; then worst_other=${sh[2]} worst_what="${k%%.*} $2 round ${k##*.}"; fi
}

first_round() { # $1 server: start it, check it, measure its first seconds of load
  local s=$1
  "start_$s" h2 # nginx needs to be told; the others always offer HTTP/2
  port_of[$s]=$port pid_of[$s]=$pid log_of[$s]=$server_log
  say "  $s started: $banner"
  if [ "$s" = latch ]; then # what Latch reported on its standard error (engine fallback, events)
    grep '^latch: ' "$server_log" | head -n 5 | sed 's/^/  /' | tee -a "$results" || true
  fi
  check_server "$s" h2
  log_mark[$s]=$(wc -l <"$server_log")
  duration=$cold measure_wrk "$s.cold" "$tmp/$s.cold"
  m[$s.cold.1_shares]=${m[$s.cold_shares]} m[$s.cold.1_rps]=${m[$s.cold_rps]} m[$s.cold.1_cpu]=${m[$s.cold_cpu]} m[$s.cold.1_err]=${m[$s.cold_err]}
  note "$s.cold.1" "first ${cold} s"
  raw "$s: the first ${cold}s of load after start (keep-alive)" "$tmp/$s.cold"
}

measure_round() { # $1 server, $2 round
  local s=$1 r=$2 f=$tmp/$1.$2 k
  port=${port_of[$s]} pid=${pid_of[$s]}
  say "  $s, round $r:"
  run_wrk "$warmup" "$f.ka-warmup"
  measure_wrk "$s.ka.$r" "$f.ka"
  note "$s.ka.$r" keep-alive
  run_wrk "$warmup" "$f.nc-warmup" -H 'Connection: close'
  measure_wrk "$s.nc.$r" "$f.nc" -H 'Connection: close'
  k=$s.nc.$r
  m[${k}_p99]=$(shim "$f.nc" connection_p99)
  m[${k}_resumed]=$(shim "$f.nc" resumed)
  [ -n "${m[${k}_resumed]}" ] || { cat "$f.nc" >&2; die "$s: no result from the wrk helper (full handshakes)"; }
  note "$k" "full handshakes"
  [ "${m[${k}_resumed]}" = 0 ] || say "    WARNING: ${m[${k}_resumed]} of $(shim "$f.nc" handshakes) handshakes were resumed despite the helper"
  run_h2load "$warmup" "$f.h2-warmup"
  measure_h2load "$s.h2.$r" "$f.h2"
  note "$s.h2.$r" HTTP/2
  m[$s.rss]=$(server_rss)
  raw "$s round $r keep-alive" "$f.ka"
  raw "$s round $r full handshakes" "$f.nc"
  raw "$s round $r full handshakes: helper's counts" "$f.nc.shim"
  raw "$s round $r HTTP/2" "$f.h2"
}

say "Latch serve vs nginx, Caddy and h2o: 1 KiB over HTTPS, $(date -u '+%Y-%m-%d %H:%M UTC')"
say "  machine: $(nproc) cores, $(uname -sr); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); $(h2load --version | head -n 1); Java $LATCH_JAVA_MAJOR ($LATCH_JAVA)"
say "  certificate: $cert_how; the clients and the servers share the cores"
say "  $rounds round(s); per measure ${warmup}s warm-up, ${duration}s measured; wrk -t$threads -c$conns; h2load -t$h2_threads -c$h2_conns -m$h2_streams"
wait_until_quiet "$([ -n "$quick" ] && echo 0 || echo 60)"
for ((round = 1; round <= rounds; round++)); do
  say ""
  say "== round $round =="
  for s in "${servers[@]}"; do
    [ "$round" -gt 1 ] || first_round "$s"
    measure_round "$s" "$round"
  done
done
for s in "${servers[@]}"; do # what each server logged after its check (not its start or its stop)
  log=${log_of[$s]}
  errors=$(tail -n +$((log_mark[$s] + 1)) "$log" | grep -ciE 'exception|error|severe|warn|panic' || true)
  if [ "$errors" != 0 ]; then
    say "  $s's log has $errors line(s) with exception/error/warn/panic during the measures; the first ones:"
    tail -n +$((log_mark[$s] + 1)) "$log" | grep -iE -m 5 'exception|error|severe|warn|panic' | sed 's/^/    /' | tee -a "$results"
  fi
  pid=${pid_of[$s]}
  stop_server
  raw "$s log" "$log"
done

# --- the table ------------------------------------------------------------------------------------
values() { # $1 server, $2 measure (ka nc h2), $3 field: one value per round
  local r
  for ((r = 1; r <= rounds; r++)); do echo "${m[$1.$2.${r}_$3]}"; done
}
median_min_max() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'; }
declare -A med lo hi
for s in "${servers[@]}"; do
  for mf in ka.rps ka.p99 ka.cpu nc.rps nc.p99 nc.cpu h2.rps h2.cpu; do
    read -r "med[$s.$mf]" "lo[$s.$mf]" "hi[$s.$mf]" <<<"$(values "$s" "${mf%.*}" "${mf#*.}" | median_min_max)"
  done
  med[$s.rss]=${m[$s.rss]} lo[$s.rss]=${m[$s.rss]} hi[$s.rss]=${m[$s.rss]}
  # the first seconds after start, as a share of the steady keep-alive figure
  med[$s.cold]=$(awk -v a="${m[$s.cold_rps]}" -v b="${med[$s.ka.rps]}" 'BEGIN { printf "%.0f", (b > 0) ? 100 * a / b : 0 }')
  lo[$s.cold]=${med[$s.cold]} hi[$s.cold]=${med[$s.cold]}
done
fmt() { # $1 unit, $2 value
  case $1 in
    rps) awk -v v="$2" 'BEGIN { if (v >= 10000) printf "%.1fk", v / 1000; else printf "%.0f", v }' ;;
    ms) printf '%.2f' "$2" ;;
    us) printf '%.1f' "$2" ;;
    MiB) printf '%.0f' "$2" ;;
    %) printf '%s' "$2" ;;
  esac
}
cell() { # $1 server, $2 measure, $3 unit: "median (min-max) unit"
  local s=$1 k=$2 u=$3 v
  v=$(fmt "$u" "${med[$s.$k]}")
  [ "$rounds" -gt 1 ] && [ "${lo[$s.$k]}" != "${hi[$s.$k]}" ] && v="$v ($(fmt "$u" "${lo[$s.$k]}")–$(fmt "$u" "${hi[$s.$k]}"))"
  case $u in rps) echo "$v" ;; us) echo "$v µs" ;; *) echo "$v $u" ;; esac
}
has() { [[ " ${servers[*]} " == *" $1 "* ]]; }
peers=()
for s in "${servers[@]}"; do [ "$s" = latch ] || peers+=("$s"); done
versus() { # $1 measure, $2 "high" or "low" is better: "0.64× h2o" against the best peer, "best" when Latch leads
  local k=$1 better=$2 best="" p
  has latch && [ ${#peers[@]} -gt 0 ] || { echo "-"; return; }
  for p in "${peers[@]}"; do
    if [ -z "$best" ] || awk -v a="${med[$p.$k]}" -v b="${med[$best.$k]}" -v h="$better" 'BEGIN { exit !((h == "high") ? a > b : a < b) }'; then
      best=$p
    fi
  done
  awk -v a="${med[latch.$k]}" -v b="${med[$best.$k]}" -v p="$best" -v h="$better" 'BEGIN {
    r = (b > 0) ? a / b : 0
    lead = (h == "high") ? a >= b : a <= b
    printf "%s%.2f× %s%s\n", (lead ? "best (" : ""), r, p, (lead ? ")" : "") }' | sed "s/ $best\b/ $(title "$best")/"
}
title() { case $1 in nginx) echo nginx ;; caddy) echo Caddy ;; h2o) echo h2o ;; latch) echo Latch ;; esac; }
row() { # label, measure, unit, high|low
  local line="| $1 |" s
  for s in "${servers[@]}"; do line="$line $(cell "$s" "$2" "$3") |"; done
  say "$line $(versus "$2" "$4") |"
}
say ""
say "== results: medians of $rounds round(s) (min–max); server CPU from /proc over all its processes and threads =="
say ""
header="| measure |" rule="|---|"
for s in "${servers[@]}"; do header="$header $(title "$s") |" rule="$rule---|"; done
say "$header Latch / best peer |"
say "$rule---|"
row "HTTP/1.1 keep-alive req/s" ka.rps rps high
row "keep-alive p99" ka.p99 ms low
row "keep-alive server CPU per request" ka.cpu us low
row "full handshakes req/s (no resumption)" nc.rps rps high
row "full-handshake p99 (connect to response)" nc.p99 ms low
row "full-handshake CPU per request" nc.cpu us low
row "HTTP/2 req/s" h2.rps rps high
row "HTTP/2 CPU per request" h2.cpu us low
row "RSS after the rounds" rss MiB low
row "first ${cold} s after start, % of steady keep-alive req/s" cold % high

# --- the goals of issue 14 ----------------------------------------------------------------------
goal() { # label, value, ">=" or "<=", bound, unit, the servers it needs
  awk -v label="$1" -v v="$2" -v how="$3" -v g="$4" -v u="$5" -v needs="$6" 'BEGIN {
    if (v == "") { printf "  %-58s not measured (needs %s in the run)\n", label, needs; exit }
    ok = (how == ">=") ? v >= g : v <= g
    printf "  %-58s %7.2f%s  goal %s %s%s: %s\n", label, v, u, (how == ">=") ? "≥" : "≤", g, u, ok ? "met" : "NOT met" }' | tee -a "$results"
}
ratio() { # latch / $1's median of $2, or nothing when either was not measured
  has latch && has "$1" || return 0
  awk -v a="${med[latch.$2]}" -v b="${med[$1.$2]}" 'BEGIN { if (b > 0) printf "%.3f\n", a / b }'
}
worst_peer() { # $1 measure, $2 "max" or "min": Latch's median over the min (or max) of the peers' medians
  local p v=""
  has latch && [ ${#peers[@]} -gt 0 ] || return 0
  for p in "${peers[@]}"; do v="$v ${med[$p.$1]}"; done
  awk -v a="${med[latch.$1]}" -v how="$2" -v list="$v" 'BEGIN {
    n = split(list, x, " "); b = x[1]
    for (i = 2; i <= n; i++) if ((how == "max") ? x[i] > b : x[i] < b) b = x[i]
    if (b > 0) printf "%.3f\n", a / b }'
}
spread=""
if has latch && [ "$rounds" -gt 1 ]; then
  spread=$(awk -v a="${lo[latch.ka.rps]}" -v b="${hi[latch.ka.rps]}" -v c="${med[latch.ka.rps]}" 'BEGIN { printf "%.1f", 100 * (b - a) / c }')
fi
say ""
say "== goals of issue 14 (Latch against the peers' medians in this run) =="
goal "HTTP/2 server CPU per request, Latch / h2o" "$(ratio h2o h2.cpu)" "<=" 1.5 × "h2o and latch"
goal "HTTP/2 req/s, Latch / h2o" "$(ratio h2o h2.rps)" ">=" 0.8 × "h2o and latch"
goal "keep-alive req/s, Latch / h2o" "$(ratio h2o ka.rps)" ">=" 1.0 × "h2o and latch"
goal "keep-alive CPU per request, Latch / h2o" "$(ratio h2o ka.cpu)" "<=" 1.0 × "h2o and latch"
goal "keep-alive req/s, Latch's rounds: (max - min) / median" "$spread" "<=" 10 " %" "latch and 2 rounds"
goal "full-handshake CPU per request, Latch / nginx" "$(ratio nginx nc.cpu)" "<=" 0.85 × "nginx and latch"
goal "full handshakes req/s, Latch / the fastest peer" "$(worst_peer nc.rps max)" ">=" 1.0 × "latch and a peer"
goal "full-handshake p99, Latch / the lowest peer" "$(worst_peer nc.p99 min)" "<=" 1.0 × "latch and a peer"
goal "RSS after the rounds, Latch" "$(has latch && echo "${med[latch.rss]}")" "<=" 96 " MiB" latch
goal "first ${cold} s after start, % of Latch's steady keep-alive" "$(has latch && echo "${med[latch.cold]}")" ">=" 80 " %" latch
say "  (the same keep-alive figure in every round is judged as a spread of at most 10 %; it needs 2 rounds or more)"
if [ ${#noisy[@]} -gt 0 ]; then
  say ""
  say "NOT RELIABLE: other processes took more than 10 % of the machine in ${#noisy[@]} of $measures measures (up to $worst_other %, $worst_what; see \"other\" above). Run again on an idle machine."
fi
cat "$tmp/raw.txt" >>"$results"
echo "(written to ${results#"$root"/}, with the raw outputs)"
