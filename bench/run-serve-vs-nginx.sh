#!/usr/bin/env bash
# Load benchmark of `latch serve` against Debian's nginx on this machine: the same 1 KiB file, the
# same ECDSA P-256 certificate (leaf + intermediate, made by `latch ca`), HTTPS/1.1, loaded by wrk
# in the same run, one server after the other. Run by hand, not in CI; about 2 minutes + a build.
#
#   bench/run-serve-vs-nginx.sh            # both servers, then the ratios latch/nginx
#   bench/run-serve-vs-nginx.sh nginx      # only nginx (or: latch)
#
# Two modes, each with a warm-up (not counted) before the measurement:
#   keep-alive      wrk -t2 -c64 over HTTPS with keep-alive: requests/s and wrk's p99 latency.
#                   Goals: latch/nginx requests/s >= 1.0x, p99 no worse than nginx.
#   new connection  wrk -H 'Connection: close': one TCP connection and one full TLS handshake per
#                   request. Goals: latch/nginx requests/s >= 0.8x, p99 no worse than nginx.
# Plain wrk is not enough for the second mode: it keeps the previous connection's TLS session
# (SSL_clear) and offers it again, so nearly every handshake is a resumption (measured against
# nginx's $ssl_session_reused: 3825 of 3831 connections resumed). The script therefore builds a
# small LD_PRELOAD library for wrk (source in https-servers.sh; needs gcc) that forgets the session before every
# handshake, and counts full and resumed handshakes on the client side, so the count is shown for
# both servers. It also times what wrk's own latency leaves out: wrk starts its clock after the
# handshake, so in this mode the p99 that counts is "connection": from connect() to the complete
# response, handshake included ("handshake" alone and wrk's "request" p99 are shown too). A short
# run with plain wrk's behaviour first shows how many handshakes each server would have resumed.
#
# Fairness: nginx runs worker_processes 2 (one per core), TLSv1.2 + TLSv1.3, access_log off,
# HTTP/1.1 only (no http2), keepalive_requests 100000, otherwise Debian's defaults; Latch runs with
# --access-log off and the JVM options ./latch serve has (scripts/jvm-options.sh; add some with
# LATCH_BENCH_JVM_OPTS). Both listen
# on loopback (nginx on ::1 too when localhost means ::1 here, as Latch does) and get the same
# warm-up; the TLS engine, protocol, cipher and key exchange are printed for each. wrk runs on
# the same 2 cores as the server: absolute figures are lower than on separate machines, and only
# the ratios are the point. With full handshakes wrk's own TLS work (an ECDSA verification and
# X25519 per connection, in OpenSSL 3.0) takes about 2/3 of the CPU, which pulls the requests/s
# ratio towards 1: "server CPU" (the server's own CPU time, per request,
# from /proc) says how much each server spends, independently of the client. "machine" splits the
# 2 cores' time during each measurement between the server, wrk and anything else; the script
# warns when anything else took more than 10 %. Repeat a run before trusting a close call.
#
# Settings (environment): LATCH_BENCH_DURATION (seconds measured per mode, default 15),
# LATCH_BENCH_WARMUP (seconds of warm-up per mode, default 10: the JVM needs it for its handshake
# path, which 5 s left at about half speed), LATCH_BENCH_CONNECTIONS (64),
# LATCH_BENCH_THREADS (wrk threads, 2), LATCH_BENCH_JVM_OPTS (extra JVM options for Latch).
# Needs nginx, wrk, curl, openssl and gcc (apt-get install nginx wrk curl openssl gcc).
# Summary and wrk's raw output go to bench/results/serve-vs-nginx.txt.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
duration=${LATCH_BENCH_DURATION:-15}
warmup=${LATCH_BENCH_WARMUP:-10}
conns=${LATCH_BENCH_CONNECTIONS:-64}
threads=${LATCH_BENCH_THREADS:-2}
jvm_opts=${LATCH_BENCH_JVM_OPTS:-}
case ${1:-both} in
  both) servers=(nginx latch) ;;
  nginx | latch) servers=("$1") ;;
  *) echo "usage: $0 [both|nginx|latch]" >&2; exit 2 ;;
esac
. "$root/bench/processes.sh"
. "$root/bench/https-servers.sh"
for tool in nginx wrk curl openssl gcc; do
  command -v "$tool" >/dev/null || die "$tool is needed: apt-get install -y nginx wrk curl openssl gcc"
done

bench_setup serve "$root/bench/results/serve-vs-nginx.txt"
raw() { { printf '\n----- %s\n' "$1"; cat "$2" 2>/dev/null; } >>"$tmp/raw.txt"; }

# --- Latch: a private copy of the CLI, so that a build running meanwhile cannot pull it away ----
. "$root/scripts/jdk.sh"
latch_find_jdk || exit 1
(cd "$root" && ./latch --version >/dev/null) || die "./latch does not build or run"
mkdir -p "$tmp/latch"
cp "$root/cli/target/latch.jar" "$tmp/latch/"
cp -r "$root/cli/target/lib" "$tmp/latch/"
latch() { "$LATCH_JAVA" --enable-native-access=ALL-UNNAMED -jar "$tmp/latch/latch.jar" "$@"; }
latch --version >/dev/null 2>&1 || die "the copy of cli/target/latch.jar does not run (copied during a build? run again)"
if [[ " ${servers[*]} " == *" latch "* ]] && ! latch serve --help 2>&1 | grep -q 'Usage: latch serve'; then
  die "this build has no 'latch serve' yet (run '$0 nginx' to measure nginx alone)"
fi

make_site
build_wrk_helper
# the JVM options ./latch serve runs with (scripts/jvm-options.sh), then LATCH_BENCH_JVM_OPTS
. "$root/scripts/jvm-options.sh"
mapfile -t serve_options < <(LATCH_JAVA_OPTS=$jvm_opts latch_jvm_options serve "$LATCH_JAVA_MAJOR")
latch_serve=("$LATCH_JAVA" --enable-native-access=ALL-UNNAMED "${serve_options[@]}" -jar "$tmp/latch/latch.jar")

noisy=()
measure() { # $1 name
  local s=$1 f=$tmp/$1
  say ""
  say "== $s =="
  say "  $banner"
  if [ "$s" = latch ]; then # what Latch reported on its standard error (engine fallback, events)
    grep '^latch: ' "$server_log" | head -n 5 | sed 's/^/  /' | tee -a "$results" || true
  fi
  check_server "$s"

  say "  keep-alive: warm-up ${warmup}s, then wrk -t$threads -c$conns -d${duration}s"
  run_wrk "$warmup" "$f.ka-warmup"
  measure_wrk "$s.ka" "$f.ka"
  raw "$s keep-alive" "$f.ka"

  # plain wrk's behaviour first (sessions kept): how many handshakes would this server resume?
  LATCH_WRK_KEEP_SESSIONS=1 run_wrk 2 "$f.plain" -H 'Connection: close'
  m[$s.plain]="$(shim "$f.plain" resumed) of $(shim "$f.plain" handshakes)"
  say "  new connection: plain wrk -H 'Connection: close' (2 s) resumed ${m[$s.plain]} TLS handshakes: forcing full handshakes"
  say "  new connection: warm-up ${warmup}s, then wrk -t$threads -c$conns -d${duration}s -H 'Connection: close', full handshakes"
  run_wrk "$warmup" "$f.nc-warmup" -H 'Connection: close'
  measure_wrk "$s.nc" "$f.nc" -H 'Connection: close'
  raw "$s new connection (full handshakes)" "$f.nc"
  raw "$s new connection: helper's counts" "$f.nc.shim"
  m[$s.nc_full]=$(shim "$f.nc" full)
  m[$s.nc_resumed]=$(shim "$f.nc" resumed)
  m[$s.nc_conns]=$(shim "$f.nc" connections)
  m[$s.nc_hs_p99]=$(shim "$f.nc" handshake_p99)
  m[$s.nc_conn_p50]=$(shim "$f.nc" connection_p50)
  m[$s.nc_conn_p99]=$(shim "$f.nc" connection_p99)
  local mode other
  for mode in ka nc; do
    other=${m[$s.${mode}_other]}
    if [ "$other" -gt 10 ]; then
      say "  WARNING: other processes used $other % of the machine during the $([ $mode = ka ] && echo keep-alive || echo new-connection) measurement: noisy figures"
      noisy+=("$s $([ $mode = ka ] && echo keep-alive || echo new-connection) ($other %)")
    fi
  done
  [ -n "${m[$s.nc_full]}" ] || { cat "$f.nc" >&2; die "$s: no result from the wrk helper (new connection)"; }
  if [ "${m[$s.nc_resumed]}" != 0 ]; then
    say "  WARNING: ${m[$s.nc_resumed]} handshakes were resumed despite the helper"
  fi

  stop_server
  local errors
  errors=$(grep -ciE 'exception|error|severe|warn' "$server_log" || true)
  m[$s.log]="$errors"
  if [ "$errors" != 0 ]; then
    say "  $s's log has $errors line(s) with exception/error/warn; the first ones:"
    grep -iE -m 5 'exception|error|severe|warn' "$server_log" | sed 's/^/    /' | tee -a "$results"
  fi
  raw "$s log" "$server_log"
}

say "Latch serve vs nginx: 1 KiB over HTTPS/1.1, $(date -u '+%Y-%m-%d %H:%M UTC')"
say "  machine: $(nproc) cores, $(uname -sr); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); Java $LATCH_JAVA_MAJOR ($LATCH_JAVA)"
say "  certificate: $cert_how; wrk and the server share the cores"
wait_until_quiet
for s in "${servers[@]}"; do
  "start_$s"
  measure "$s"
done

# --- summary -------------------------------------------------------------------------------------
row() { # name: one line per mode
  local s=$1
  local ka nc
  read -r -a ka <<<"${m[$s.ka_shares]}"
  read -r -a nc <<<"${m[$s.nc_shares]}"
  printf '  %-6s keep-alive      %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  server CPU %6.1f us/req  machine: server %s %%, wrk %s %%, other %s %%  errors: %s\n' \
    "$s" "${m[$s.ka_rps]}" "${m[$s.ka_p50]}" "${m[$s.ka_p99]}" "${m[$s.ka_cpu]}" "${ka[0]}" "${ka[1]}" "${ka[2]}" "${m[$s.ka_err]}" | tee -a "$results"
  printf '  %-6s new connection  %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  server CPU %6.1f us/req  machine: server %s %%, wrk %s %%, other %s %%  errors: %s\n' \
    "$s" "${m[$s.nc_rps]}" "${m[$s.nc_conn_p50]}" "${m[$s.nc_conn_p99]}" "${m[$s.nc_cpu]}" "${nc[0]}" "${nc[1]}" "${nc[2]}" "${m[$s.nc_err]}" | tee -a "$results"
  printf '  %-6s                 (%s full + %s resumed handshakes for %s responses; p99 of the handshake %.2f ms, of the request after it %.2f ms)\n' \
    "" "${m[$s.nc_full]}" "${m[$s.nc_resumed]}" "${m[$s.nc_requests]}" "${m[$s.nc_hs_p99]}" "${m[$s.nc_p99]}" | tee -a "$results"
}
say ""
say "== results (new connection: latency from connect() to the complete response, handshake included) =="
for s in "${servers[@]}"; do row "$s"; done
if [ ${#servers[@]} = 2 ]; then
  verdict() { # label, latch, nginx, "ge" GOAL (latch/nginx >= goal) or "le" (latch/nginx <= 1)
    awk -v label="$1" -v a="$2" -v b="$3" -v how="$4" -v goal="$5" 'BEGIN {
      r = a / b
      ok = (how == "ge") ? (r >= goal) : (r <= goal)
      printf "  %-36s %5.2fx  (goal %s %.1fx): %s\n", label, r, (how == "ge" ? ">=" : "<="), goal, (ok ? "goal MET" : "goal NOT met")
    }' | tee -a "$results"
  }
  say ""
  say "== latch / nginx =="
  verdict "keep-alive requests/s" "${m[latch.ka_rps]}" "${m[nginx.ka_rps]}" ge 1.0
  verdict "keep-alive p99 latency" "${m[latch.ka_p99]}" "${m[nginx.ka_p99]}" le 1.0
  verdict "full handshakes requests/s" "${m[latch.nc_rps]}" "${m[nginx.nc_rps]}" ge 0.8
  verdict "full handshakes p99 latency" "${m[latch.nc_conn_p99]}" "${m[nginx.nc_conn_p99]}" le 1.0
  awk -v a="${m[latch.ka_cpu]}" -v b="${m[nginx.ka_cpu]}" -v c="${m[latch.nc_cpu]}" -v d="${m[nginx.nc_cpu]}" 'BEGIN {
    printf "  %-36s %5.2fx keep-alive, %.2fx full handshakes (no goal; lower is better)\n", "server CPU per request", (b > 0 ? a / b : 0), (d > 0 ? c / d : 0) }' | tee -a "$results"
fi
if [ ${#noisy[@]} -gt 0 ]; then
  say ""
  say "NOT RELIABLE: other processes took CPU during: $(printf '%s; ' "${noisy[@]}" | sed 's/; $//'). Run again on an idle machine."
fi
say ""
say "Plain wrk in 'Connection: close' mode resumes TLS sessions (nginx: ${m[nginx.plain]:-not measured}, latch: ${m[latch.plain]:-not measured}"
say "handshakes in 2 s); the new-connection figures above are full handshakes, forced by the helper library."
cat "$tmp/raw.txt" >>"$results"
echo "(written to ${results#"$root"/}, with wrk's raw output)"
