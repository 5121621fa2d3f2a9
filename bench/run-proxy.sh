#!/usr/bin/env bash
# Load benchmark of `latch proxy` against Debian's Squid and tinyproxy on this machine, one proxy
# after the other in the same run, everything on loopback. Run by hand, not in CI; about 5 minutes
# plus a build.
#
#   bench/run-proxy.sh                       # latch, squid and tinyproxy, then the ratios
#   bench/run-proxy.sh squid tinyproxy       # some of them (the ratios need latch and squid)
#
# What is measured, for each proxy:
#   bulk        one CONNECT tunnel carrying a 2 GiB download (LATCH_BENCH_BYTES), by curl, from
#               nginx on loopback, against curl straight to nginx; best of LATCH_BENCH_REPEAT (3)
#               runs each, direct and proxied runs alternating so both see the same machine. Two
#               kinds: "tls" (curl https:// through the tunnel, as every real CONNECT carries; nginx
#               encrypts, curl decrypts, the proxy relays ciphertext) and "plain" (curl -p, an
#               http:// download tunnelled by CONNECT; nginx sends the file with sendfile, so nearly
#               all the CPU left is the proxy's: its worst case). The proxy's CPU time (utime+stime
#               of its process, /proc/PID/stat) per GiB relayed: median of the runs.
#               Goals: tls >= 0.9x direct; CPU per GiB below Squid's.
#   set-ups     CONNECT set-ups per second: the load client (ConnectLoad, plain Java NIO, one
#               selector thread, warmed up for LATCH_BENCH_WARMUP s) keeps LATCH_BENCH_CONCURRENCY
#               (32) connections busy, each CONNECT -> 200 -> close, for LATCH_BENCH_DURATION
#               (10) s; the proxy's CPU time per set-up. The upstream is nginx's plain port, which
#               just accepts. h2load cannot be used: it has no proxy option. Goal: >= 2x Squid's rate.
#               The client's connections come from 127.0.0.1 to 127.0.0.64 in turn, as from 64 clients
#               (no proxy then meets its limit of tunnels per client address; Latch's is 256).
#   idle        LATCH_BENCH_TUNNELS (5,000) tunnels open and idle at once. Latch: used Java heap
#               after a full GC (jcmd GC.run, GC.heap_info) with them, minus before, per tunnel;
#               also the growth of its resident memory (RSS, which also holds off-heap buffers).
#               Squid and tinyproxy (C): the growth of their RSS per tunnel.
#               Goal: <= 16 KiB of heap per idle tunnel.
#
# Configured equivalently: each proxy listens on 127.0.0.1, lets 127.0.0.0/8 in without
# authentication, allows CONNECT only to the two nginx ports, caches nothing and writes no line per
# request (latch: access log off; Squid: access_log none, cache deny all, cache_mem 0, no disk
# cache, pinger off; tinyproxy: LogLevel Critical, no Via); each runs with its own defaults
# otherwise (Squid -N: one process; tinyproxy: a thread per connection; latch: the JVM's defaults,
# LATCH_BENCH_JVM_OPTS adds options). nginx (the upstream) runs as one process, access log off.
# All of them, curl and the load client share this machine's cores: absolute figures are lower
# than on separate machines, and the script prints how much CPU other processes took during each
# measurement (warns above 15 %): repeat a run before trusting a close call.
#
# Latch is started as `latch proxy --listen 127.0.0.1:PORT --allow 127.0.0.1 --ports A,B
# --access-log off` when this build's CLI has the command, else from the bench jar's ProxyMain
# (the same engine, built from a ProxyConfig in code).
# Needs nginx, squid, tinyproxy, curl, openssl (apt-get install nginx squid tinyproxy curl openssl).
# Summary to bench/results/proxy.txt.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bytes=${LATCH_BENCH_BYTES:-$((2 * 1024 * 1024 * 1024))}
repeat=${LATCH_BENCH_REPEAT:-3}
concurrency=${LATCH_BENCH_CONCURRENCY:-32}
warmup=${LATCH_BENCH_WARMUP:-5}
duration=${LATCH_BENCH_DURATION:-10}
tunnels=${LATCH_BENCH_TUNNELS:-5000}
jvm_opts=${LATCH_BENCH_JVM_OPTS:-}
proxies=("$@")
[ ${#proxies[@]} -gt 0 ] || proxies=(latch squid tinyproxy)
for p in "${proxies[@]}"; do
  case $p in latch | squid | tinyproxy) ;; *) echo "usage: $0 [latch] [squid] [tinyproxy]" >&2; exit 2 ;; esac
done
. "$root/bench/processes.sh"
for tool in nginx curl openssl; do
  command -v "$tool" >/dev/null || die "$tool is needed: apt-get install -y nginx squid tinyproxy curl openssl"
done
for p in "${proxies[@]}"; do
  [ "$p" = latch ] || command -v "$p" >/dev/null || die "$p is needed: apt-get install -y $p"
done

bench_setup proxy "$root/bench/results/proxy.txt"

await_port() { # $1 pid, $2 port, $3 name, $4 log
  local i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$1" 2>/dev/null || { cat "$4" >&2 || true; die "$3 exited before it listened"; }
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$4" >&2 || true
  die "$3 does not listen on port $2 after 30 s"
}

clk_tck=$(getconf CLK_TCK)
ncpu=$(nproc)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }               # a process's utime+stime
machine() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9 }' /proc/stat; }  # busy ticks of all cores
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# The machine's busy ticks not spent by the processes measured, as a share of all cores' time.
others_percent() { # busy_ticks ours_ticks seconds
  awk -v b="$1" -v o="$2" -v s="$3" -v hz="$clk_tck" -v n="$ncpu" 'BEGIN {
    x = (b - o) / hz / s / n * 100; if (x < 0) x = 0; printf "%.0f\n", x }'
}
noisy=()
note_noise() { # phase, percent
  [ "$2" -le 15 ] || noisy+=("$1: $2 %")
}

# --- the load client and, without the CLI command, Latch's proxy ---------------------------------
. "$root/scripts/jdk.sh"
latch_find_jdk || exit 1
latch_maven_opts
echo "bench: using JDK $LATCH_JAVA_MAJOR at $JAVA_HOME" >&2
(cd "$root" && mvn -q -B -DskipTests -pl bench -am package) || die "the bench jar does not build"
jar=$tmp/benchmarks.jar
cp "$root/bench/target/benchmarks.jar" "$jar" # a private copy: a build meanwhile cannot pull it away
load() { "$LATCH_JAVA" -cp "$jar" dev.latch.bench.proxy.ConnectLoad "$@"; }
latch_how=""
if [[ " ${proxies[*]} " == *" latch "* ]]; then
  # (the output is captured first: with pipefail, grep -q ending the pipe early would fail it)
  help=$(cd "$root" && ./latch proxy --help 2>/dev/null || true)
  if grep -q -- '--listen' <<<"$help"; then
    mkdir -p "$tmp/latch"
    cp "$root/cli/target/latch.jar" "$tmp/latch/" && cp -r "$root/cli/target/lib" "$tmp/latch/"
    latch_how=cli
  elif "$LATCH_JAVA" -cp "$jar" dev.latch.bench.proxy.ProxyMain --check 2>/dev/null; then
    latch_how=main
  else
    die "this build has neither 'latch proxy' nor the bench's ProxyMain (run '$0 squid tinyproxy' for those alone)"
  fi
fi

# --- the upstream: nginx, one process, a plain port and a TLS port, a sparse 2 GiB file -----------
www=$tmp/www
mkdir -p "$www" "$tmp/nginx"
truncate -s "$bytes" "$www/big.bin"
truncate -s $((256 * 1024 * 1024)) "$www/warm.bin"
(
  cd "$tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
) || die "openssl could not make the upstream's certificate"
chmod 755 "$tmp" "$www"
chmod 644 "$www"/*.bin "$tmp/cert.pem" "$tmp/key.pem"
plain_port=$(free_port)
tls_port=$(free_port)
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_rlimit_nofile 20000;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_header_timeout 300s;
  client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy; fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;
  sendfile on;
  root $www;
  server { listen 127.0.0.1:$plain_port; }
  server {
    listen 127.0.0.1:$tls_port ssl;
    ssl_certificate $tmp/cert.pem;
    ssl_certificate_key $tmp/key.pem;
    ssl_protocols TLSv1.3;
  }
}
EOF
nginx -e "$tmp/nginx/error.log" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" >"$tmp/nginx.out" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
await_port "$nginx_pid" "$tls_port" nginx "$tmp/nginx/error.log"
await_port "$nginx_pid" "$plain_port" nginx "$tmp/nginx/error.log"

# --- the proxies -----------------------------------------------------------------------------------
start_latch() { # sets port, pid, banner
  port=$(free_port)
  local log=$tmp/latch.log
  # shellcheck disable=SC2086 # $jvm_opts is a list of options
  if [ "$latch_how" = cli ]; then
    "$LATCH_JAVA" --enable-native-access=ALL-UNNAMED $jvm_opts -jar "$tmp/latch/latch.jar" proxy \
      --listen "127.0.0.1:$port" --allow 127.0.0.1 --ports "$plain_port,$tls_port" --access-log off >"$log" 2>&1 &
  else
    "$LATCH_JAVA" --enable-native-access=ALL-UNNAMED $jvm_opts -cp "$jar" dev.latch.bench.proxy.ProxyMain \
      "$port" "$plain_port,$tls_port" >"$log" 2>&1 &
  fi
  pid=$!
  pids+=("$pid")
  await_port "$pid" "$port" "latch proxy" "$log"
  banner="latch proxy ($latch_how), JDK $LATCH_JAVA_MAJOR"
}
start_squid() {
  port=$(free_port)
  local d=$tmp/squid
  mkdir -p "$d"
  chmod 777 "$d" # Squid drops to its own user (proxy)
  cat >"$d/squid.conf" <<EOF
http_port 127.0.0.1:$port
acl bench_clients src 127.0.0.0/8
acl bench_ports port $plain_port $tls_port
acl CONNECT method CONNECT
http_access deny CONNECT !bench_ports
http_access allow bench_clients
http_access deny all
cache deny all
cache_mem 0 MB
access_log none
cache_store_log none
cache_log $d/cache.log
pid_filename $d/squid.pid
coredump_dir $d
visible_hostname latch-bench
max_filedescriptors 20000
pinger_enable off
shutdown_lifetime 1 seconds
EOF
  squid -N -f "$d/squid.conf" >"$d/out.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  await_port "$pid" "$port" squid "$d/cache.log"
  banner=$(squid -v | head -n 1)
}
start_tinyproxy() {
  port=$(free_port)
  local d=$tmp/tinyproxy
  mkdir -p "$d"
  cat >"$d/tinyproxy.conf" <<EOF
User nobody
Group nogroup
Port $port
Listen 127.0.0.1
Timeout 600
MaxClients 20000
Allow 127.0.0.0/8
ConnectPort $plain_port
ConnectPort $tls_port
LogLevel Critical
PidFile "$d/tinyproxy.pid"
DisableViaHeader Yes
EOF
  tinyproxy -d -c "$d/tinyproxy.conf" >"$d/out.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  await_port "$pid" "$port" tinyproxy "$d/out.log"
  banner=$(tinyproxy -v 2>&1 | head -n 1)
}

# --- the measurements ------------------------------------------------------------------------------
declare -A m=()

# One curl download: prints "bytes_per_second client_ticks". $1 tls|plain, $2 file, $3 proxy port or "".
download() {
  local kind=$1 file=$2 via=() url out
  if [ "$kind" = tls ]; then url=https://127.0.0.1:$tls_port/$file; else url=http://127.0.0.1:$plain_port/$file; fi
  if [ -n "$3" ]; then via=(-x "http://127.0.0.1:$3"); [ "$kind" = plain ] && via+=(-p); fi
  # a subshell, so that its children's CPU (curl's) is in its own /proc/PID/stat (cutime+cstime)
  (
    out=$(curl -sS "${via[@]}" --cacert "$tmp/cert.pem" -o /dev/null -w '%{speed_download} %{size_download}' "$url") ||
      { echo "curl failed: $url via ${via[*]:-direct}" >&2; exit 1; }
    read -r speed size <<<"$out"
    [ "$size" -gt 0 ] || { echo "curl got nothing: $url via ${via[*]:-direct}" >&2; exit 1; }
    echo "$speed $(awk '{ print $16 + $17 }' "/proc/$BASHPID/stat")"
  )
}

bulk() { # $1 name (proxy pid in $pid, port in $port)
  local s=$1 kind r d p before after b0 b1 n0 n1 t0 t1 direct_best proxy_best cpus=() others=0
  for kind in tls plain; do
    download "$kind" warm.bin "$port" >/dev/null # the proxy's first bytes: JIT and buffers warm up
    download "$kind" warm.bin "" >/dev/null
    direct_best=0 proxy_best=0 cpus=() others=0
    for ((r = 0; r < repeat; r++)); do
      read -r d _ <<<"$(download "$kind" big.bin "")"
      before=$(ticks "$pid") n0=$(ticks "$nginx_pid") b0=$(machine) t0=$(date +%s.%N)
      read -r p client <<<"$(download "$kind" big.bin "$port")"
      after=$(ticks "$pid") n1=$(ticks "$nginx_pid") b1=$(machine) t1=$(date +%s.%N)
      [ -n "$d" ] && [ -n "$p" ] || die "a $kind download failed (see above)"
      direct_best=$(awk -v a="$direct_best" -v b="$d" 'BEGIN { print (b > a) ? b : a }')
      proxy_best=$(awk -v a="$proxy_best" -v b="$p" 'BEGIN { print (b > a) ? b : a }')
      # proxy CPU seconds per GiB relayed (both directions counted once: the download's bytes)
      cpus+=("$(awk -v t=$((after - before)) -v hz="$clk_tck" -v n="$bytes" 'BEGIN { printf "%.3f", t / hz / (n / 1073741824) }')")
      local o
      o=$(others_percent $((b1 - b0)) $((after - before + n1 - n0 + client)) "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
      [ "$o" -gt "$others" ] && others=$o
    done
    m[$s.${kind}_direct]=$direct_best
    m[$s.${kind}_proxy]=$proxy_best
    m[$s.${kind}_cpu]=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    note_noise "$s bulk $kind" "$others"
    m[$s.${kind}_others]=$others
  done
}

setups() { # $1 name
  local s=$1 out n0 n1 b0 b1 rate cpu client errors
  b0=$(machine) n0=$(ticks "$nginx_pid")
  out=$(load rate "127.0.0.1:$port" "127.0.0.1:$plain_port" "$concurrency" "$warmup" "$duration" "$pid")
  b1=$(machine) n1=$(ticks "$nginx_pid")
  echo "$out" >>"$tmp/raw.txt"
  read -r _ setups _ secs _ rate _ errors _ cpu _ client <<<"$(head -n 1 <<<"$out")"
  m[$s.rate]=$rate
  m[$s.rate_errors]=$errors
  m[$s.setup_cpu]=$(awk -v t="$cpu" -v n="$setups" -v hz="$clk_tck" 'BEGIN { printf "%.1f", (n > 0) ? t / hz / n * 1e6 : 0 }')
  # warm-up included in the machine's ticks: compare over the whole run of the client
  local o
  o=$(awk -v b=$((b1 - b0)) -v c="$cpu" -v cl="$client" -v ng=$((n1 - n0)) -v w="$warmup" -v d="$duration" -v hz="$clk_tck" -v n="$ncpu" 'BEGIN {
    ours = (c + cl) * (w + d) / d + ng; x = (b - ours) / hz / (w + d) / n * 100; if (x < 0) x = 0; printf "%.0f\n", x }')
  m[$s.rate_others]=$o
  note_noise "$s set-ups" "$o"
  if [ "$errors" != 0 ]; then sed -n 2p <<<"$out" >&2; fi
}

heap_used_kib() { # used Java heap after a full GC, KiB
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  sleep 0.5
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -n 1 | tr -dc 0-9
}

idle() { # $1 name
  local s=$1 heap0=0 heap1=0 rss0 rss1 out held i
  [ "$s" = latch ] && heap0=$(heap_used_kib "$pid")
  rss0=$(rss_kib "$pid")
  rm -f "$tmp/release"
  load hold "127.0.0.1:$port" "127.0.0.1:$plain_port" "$tunnels" "$tmp/release" 120 >"$tmp/hold.out" 2>&1 &
  local client=$!
  pids+=("$client")
  for ((i = 0; i < 1200; i++)); do
    grep -q '^holding' "$tmp/hold.out" && break
    kill -0 "$client" 2>/dev/null || break
    sleep 0.1
  done
  held=$(awk '/^holding/ { print $2 }' "$tmp/hold.out")
  [ -n "$held" ] || { cat "$tmp/hold.out" >&2; die "the load client could not open the idle tunnels through $s"; }
  [ "$s" = latch ] && heap1=$(heap_used_kib "$pid")
  rss1=$(rss_kib "$pid")
  touch "$tmp/release"
  wait "$client" || true
  cat "$tmp/hold.out" >>"$tmp/raw.txt"
  m[$s.held]=$held
  m[$s.heap_per_tunnel]=$(awk -v a="$heap0" -v b="$heap1" -v n="$held" 'BEGIN { printf "%.1f", (n > 0) ? (b - a) / n : 0 }')
  m[$s.rss_per_tunnel]=$(awk -v a="$rss0" -v b="$rss1" -v n="$held" 'BEGIN { printf "%.1f", (n > 0) ? (b - a) / n : 0 }')
}

say "== latch proxy vs Squid vs tinyproxy, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -r) =="
say "   bulk: $((bytes / 1048576)) MiB, best of $repeat; set-ups: $concurrency connections, ${warmup}s warm-up + ${duration}s; idle: $tunnels tunnels"
cipher=$(curl -sS -v --cacert "$tmp/cert.pem" -o /dev/null "https://127.0.0.1:$tls_port/warm.bin" 2>&1 | sed -n 's/.*SSL connection using //p')
say "   upstream: $(nginx -v 2>&1 | sed 's/^nginx version: //') ($cipher); client: $(curl -V | head -n 1 | cut -d' ' -f1-2)"
for s in "${proxies[@]}"; do
  "start_$s"
  say "-- $s: $banner"
  echo "bench: $s: bulk" >&2
  bulk "$s"
  echo "bench: $s: set-ups" >&2
  setups "$s"
  echo "bench: $s: idle tunnels" >&2
  idle "$s"
  stop_pid "$pid"
done

# --- summary -------------------------------------------------------------------------------------
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
say ""
say "== results (MiB/s: best run; CPU: the proxy process's utime+stime) =="
say "$(printf '  %-9s %-22s %-22s %-9s %-9s %-10s %-11s %-12s %-11s' proxy 'tls MiB/s (direct)' 'plain MiB/s (direct)' 'CPU s/GiB' 'CPU s/GiB' 'set-ups/s' 'CPU us/set' 'heap KiB/idle' 'RSS KiB/idle')"
say "$(printf '  %-9s %-22s %-22s %-9s %-9s %-10s %-11s %-12s %-11s' '' '' '' tls plain '' 'up' 'tunnel' 'tunnel')"
for s in "${proxies[@]}"; do
  heap=${m[$s.heap_per_tunnel]}
  [ "$s" = latch ] || heap=-
  say "$(printf '  %-9s %-22s %-22s %-9s %-9s %-10s %-11s %-12s %-11s' "$s" \
    "$(mib "${m[$s.tls_proxy]}") ($(mib "${m[$s.tls_direct]}"))" "$(mib "${m[$s.plain_proxy]}") ($(mib "${m[$s.plain_direct]}"))" \
    "${m[$s.tls_cpu]}" "${m[$s.plain_cpu]}" "${m[$s.rate]}" "${m[$s.setup_cpu]}" "$heap" "${m[$s.rss_per_tunnel]}")"
  say "$(printf '  %-9s others took at most %s %% (tls), %s %% (plain), %s %% (set-ups) of the CPU; %s set-up errors; %s tunnels held' \
    '' "${m[$s.tls_others]}" "${m[$s.plain_others]}" "${m[$s.rate_others]}" "${m[$s.rate_errors]}" "${m[$s.held]}")"
done
verdict() { # label, value, goal, how (ge|le|lt), unit
  awk -v label="$1" -v v="$2" -v goal="$3" -v how="$4" -v unit="$5" 'BEGIN {
    ok = (how == "ge") ? (v >= goal) : (how == "le") ? (v <= goal) : (v < goal)
    sign = (how == "ge") ? ">=" : (how == "le") ? "<=" : "<"
    printf "  %-44s %8.2f%s (goal %s %s%s): %s\n", label, v, unit, sign, goal, unit, (ok ? "goal MET" : "goal NOT met") }' | tee -a "$results"
}
if [[ " ${proxies[*]} " == *" latch "* ]]; then
  say ""
  say "== latch against the goals =="
  # against the direct runs that alternated with latch's: the same moments of a machine whose load drifts
  tls_direct=${m[latch.tls_direct]}
  plain_direct=${m[latch.plain_direct]}
  verdict "tls throughput / direct (best runs)" "$(awk -v a="${m[latch.tls_proxy]}" -v b="$tls_direct" 'BEGIN { print a / b }')" 0.9 ge x
  say "$(awk -v a="${m[latch.plain_proxy]}" -v b="$plain_direct" 'BEGIN { printf "  %-44s %8.2fx (no goal: the proxy'"'"'s worst case)\n", "plain throughput / direct (best runs)", a / b }')"
  say "$(awk -v h="${m[latch.heap_per_tunnel]}" 'BEGIN { printf "  %-44s %8.1f KiB (goal <= 16 KiB): %s\n", "heap per idle tunnel", h, (h <= 16 ? "goal MET" : "goal NOT met") }')"
  if [[ " ${proxies[*]} " == *" squid "* ]]; then
    verdict "set-ups/s / Squid's" "$(awk -v a="${m[latch.rate]}" -v b="${m[squid.rate]}" 'BEGIN { print a / b }')" 2 ge x
    verdict "CPU per GiB (tls) / Squid's" "$(awk -v a="${m[latch.tls_cpu]}" -v b="${m[squid.tls_cpu]}" 'BEGIN { print (b > 0) ? a / b : 99 }')" 1 lt x
    verdict "CPU per GiB (plain) / Squid's" "$(awk -v a="${m[latch.plain_cpu]}" -v b="${m[squid.plain_cpu]}" 'BEGIN { print (b > 0) ? a / b : 99 }')" 1 lt x
  fi
fi
if [ ${#noisy[@]} -gt 0 ]; then
  say ""
  say "NOT RELIABLE: other processes took more than 15 % of the CPU during: $(printf '%s; ' "${noisy[@]}" | sed 's/; $//'). Run again on an idle machine."
fi
{ printf '\n----- raw output of the load client\n'; cat "$tmp/raw.txt" 2>/dev/null; } >>"$results"
echo "(written to ${results#"$root"/})"
