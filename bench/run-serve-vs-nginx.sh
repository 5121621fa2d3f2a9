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
# small LD_PRELOAD library for wrk (source below; needs gcc) that forgets the session before every
# handshake, and counts full and resumed handshakes on the client side, so the count is shown for
# both servers. It also times what wrk's own latency leaves out: wrk starts its clock after the
# handshake, so in this mode the p99 that counts is "connection": from connect() to the complete
# response, handshake included ("handshake" alone and wrk's "request" p99 are shown too). A short
# run with plain wrk's behaviour first shows how many handshakes each server would have resumed.
#
# Fairness: nginx runs worker_processes 2 (one per core), TLSv1.2 + TLSv1.3, access_log off,
# HTTP/1.1 only (no http2), keepalive_requests 100000, otherwise Debian's defaults; Latch runs with
# --access-log off and the JVM's default options (add some with LATCH_BENCH_JVM_OPTS). Both listen
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

# --- the certificate (ECDSA P-256, leaf + intermediate) and the 1 KiB file ----------------------
export LATCH_HOME=$tmp/home
cert=$tmp/cert
mkdir -p "$cert"
if latch ca init --home "$tmp/ca" >"$tmp/ca.log" 2>&1 &&
  latch ca issue --home "$tmp/ca" --out "$cert" localhost 127.0.0.1 >>"$tmp/ca.log" 2>&1; then
  chain=$cert/localhost-fullchain.pem key=$cert/localhost-key.pem ca_root=$tmp/ca/root.pem
  cert_how="latch ca (ECDSA P-256 root, intermediate and leaf)"
else
  # Fallback when `latch ca` fails: the same shape (P-256 root -> intermediate -> leaf) by openssl.
  echo "bench: 'latch ca' failed, making the certificate with openssl instead:" >&2
  cat "$tmp/ca.log" >&2
  (
    cd "$cert"
    ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
    ec root-key.pem && ec int-key.pem && ec localhost-key.pem
    openssl req -x509 -new -key root-key.pem -subj '/CN=bench root' -days 30 -out root.pem \
      -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
    openssl req -new -key int-key.pem -subj '/CN=bench intermediate' -out int.csr
    printf 'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' >int.ext
    openssl x509 -req -in int.csr -CA root.pem -CAkey root-key.pem -CAcreateserial -days 30 -extfile int.ext -out int.pem 2>/dev/null
    openssl req -new -key localhost-key.pem -subj '/CN=localhost' -out leaf.csr
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' >leaf.ext
    openssl x509 -req -in leaf.csr -CA int.pem -CAkey int-key.pem -CAcreateserial -days 30 -extfile leaf.ext -out leaf.pem 2>/dev/null
    cat leaf.pem int.pem >localhost-fullchain.pem
  )
  chain=$cert/localhost-fullchain.pem key=$cert/localhost-key.pem ca_root=$cert/root.pem
  cert_how="openssl (fallback; ECDSA P-256 root, intermediate and leaf)"
fi
openssl x509 -in "$chain" -noout -text | grep -q 'NIST CURVE: P-256' || die "$chain is not an ECDSA P-256 certificate"
www=$tmp/www
mkdir -p "$www"
head -c 1024 /dev/urandom >"$www/1k.bin"
# nginx's workers run as nobody when started by root: let them read the file
chmod 755 "$tmp" "$www"
chmod 644 "$www/1k.bin"

# --- wrk's helper: full handshakes on every connection, handshake and connection timing ----------
cat >"$tmp/fullhs.c" <<'EOF'
/* LD_PRELOAD library for wrk (bench/run-serve-vs-nginx.sh). wrk reuses one SSL object per
   connection slot: SSL_clear() keeps the last session, and the next SSL_connect() offers it, so
   the server resumes. Here SSL_connect() forgets it first (unless LATCH_WRK_KEEP_SESSIONS is set),
   counts full and resumed handshakes, and times the handshake (first SSL_connect() call to its
   success) and the connection (connect() to SSL_shutdown(), which wrk calls as soon as the response
   is complete). At exit it writes "name value" lines to $LATCH_WRK_SHIM_OUT. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

typedef struct ssl_st SSL;
#define MAXFD 65536
#define NBUCKET (1u << 21) /* 1 us buckets up to 2.1 s, then one overflow bucket */

static uint64_t conn_start[MAXFD], hs_start[MAXFD];
static uint32_t hs_hist[NBUCKET + 1], conn_hist[NBUCKET + 1];
static uint64_t n_full, n_resumed, n_conn;
static int keep_sessions;

static int (*real_connect)(int, const void *, unsigned);
static int (*real_ssl_connect)(SSL *);
static int (*real_ssl_shutdown)(SSL *);
static int (*p_get_fd)(const SSL *);
static int (*p_in_before)(const SSL *);
static int (*p_init_finished)(const SSL *);
static int (*p_set_session)(SSL *, void *);
static int (*p_reused)(const SSL *);

__attribute__((constructor)) static void init(void) {
  real_connect = dlsym(RTLD_NEXT, "connect");
  real_ssl_connect = dlsym(RTLD_NEXT, "SSL_connect");
  real_ssl_shutdown = dlsym(RTLD_NEXT, "SSL_shutdown");
  p_get_fd = dlsym(RTLD_DEFAULT, "SSL_get_fd");
  p_in_before = dlsym(RTLD_DEFAULT, "SSL_in_before");
  p_init_finished = dlsym(RTLD_DEFAULT, "SSL_is_init_finished");
  p_set_session = dlsym(RTLD_DEFAULT, "SSL_set_session");
  p_reused = dlsym(RTLD_DEFAULT, "SSL_session_reused"); /* OpenSSL 3 */
  keep_sessions = getenv("LATCH_WRK_KEEP_SESSIONS") != NULL;
}

static uint64_t now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t) t.tv_sec * 1000000u + (uint64_t) t.tv_nsec / 1000u;
}

static void record(uint32_t *h, uint64_t us) {
  __atomic_fetch_add(&h[us > NBUCKET ? NBUCKET : us], 1, __ATOMIC_RELAXED);
}

int connect(int fd, const void *addr, unsigned len) {
  if (fd >= 0 && fd < MAXFD) conn_start[fd] = now_us();
  return real_connect(fd, addr, len);
}

int SSL_connect(SSL *s) {
  int fd = p_get_fd(s), ok_fd = fd >= 0 && fd < MAXFD;
  if (p_in_before(s)) { /* the first call of a handshake (wrk calls again on WANT_READ/WRITE) */
    if (!keep_sessions) p_set_session(s, NULL);
    if (ok_fd) hs_start[fd] = now_us();
  }
  int r = real_ssl_connect(s);
  if (r == 1 && ok_fd) {
    record(hs_hist, now_us() - hs_start[fd]);
    __atomic_fetch_add(p_reused(s) ? &n_resumed : &n_full, 1, __ATOMIC_RELAXED);
  }
  return r;
}

int SSL_shutdown(SSL *s) {
  int fd = p_get_fd(s);
  if (fd >= 0 && fd < MAXFD) {
    if (conn_start[fd] && p_init_finished(s)) {
      record(conn_hist, now_us() - conn_start[fd]);
      __atomic_fetch_add(&n_conn, 1, __ATOMIC_RELAXED);
    }
    conn_start[fd] = 0;
  }
  return real_ssl_shutdown(s);
}

static double pct(const uint32_t *h, uint64_t total, double p) { /* milliseconds */
  uint64_t want = (uint64_t) (p / 100.0 * (double) total + 0.999999), seen = 0;
  if (total == 0) return -1;
  if (want < 1) want = 1;
  for (uint32_t i = 0; i <= NBUCKET; i++)
    if ((seen += h[i]) >= want) return i / 1000.0;
  return NBUCKET / 1000.0;
}

__attribute__((destructor)) static void report(void) {
  uint64_t hs = n_full + n_resumed;
  const char *path = getenv("LATCH_WRK_SHIM_OUT");
  if ((hs == 0 && n_conn == 0) || !path) return;
  FILE *f = fopen(path, "w");
  if (!f) return;
  fprintf(f, "handshakes %llu\nfull %llu\nresumed %llu\nconnections %llu\n", (unsigned long long) hs,
          (unsigned long long) n_full, (unsigned long long) n_resumed, (unsigned long long) n_conn);
  fprintf(f, "handshake_p50 %.3f\nhandshake_p99 %.3f\n", pct(hs_hist, hs, 50), pct(hs_hist, hs, 99));
  fprintf(f, "connection_p50 %.3f\nconnection_p99 %.3f\n", pct(conn_hist, n_conn, 50), pct(conn_hist, n_conn, 99));
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) == 0) /* wrk's own CPU time, to tell what else used the machine */
    fprintf(f, "cpu_seconds %.3f\n", ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
  fclose(f);
}
EOF
gcc -shared -fPIC -O2 -Wall -o "$tmp/fullhs.so" "$tmp/fullhs.c" -ldl || die "could not build the wrk helper (gcc)"

# --- the servers ---------------------------------------------------------------------------------
start_nginx() { # sets port, pid
  port=$(free_port) || exit 1
  local d=$tmp/nginx listen6=""
  mkdir -p "$d/logs"
  # Latch listens on 127.0.0.1 and ::1: where localhost also means ::1, nginx listens there too,
  # so that wrk (which takes the first address of localhost that answers) uses the same one for both
  if getent ahosts localhost | grep -q '^::1 '; then listen6="listen [::1]:$port ssl;"; fi
  cat >"$d/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $d/nginx.pid;
error_log $d/logs/error.log warn;
events { worker_connections 4096; }
http {
  default_type application/octet-stream;
  access_log off;
  keepalive_requests 100000;
  client_body_temp_path $d/body; proxy_temp_path $d/proxy; fastcgi_temp_path $d/fastcgi;
  uwsgi_temp_path $d/uwsgi; scgi_temp_path $d/scgi;
  server {
    listen 127.0.0.1:$port ssl; $listen6
    ssl_certificate $chain;
    ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $www;
  }
}
EOF
  nginx -e "$d/logs/error.log" -p "$d" -c "$d/nginx.conf" >"$tmp/nginx.out" 2>&1 &
  pid=$!
  pids+=("$pid")
  server_log=$d/logs/error.log
  banner="$(nginx -v 2>&1 | sed 's/^nginx version: //'), $(nginx -V 2>&1 | sed -n 's/^built with //p')"
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/nginx.out" "$server_log" >&2; die "nginx did not start"; }
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  die "nginx does not listen on port $port after 10 s"
}

start_latch() { # sets port, pid
  port=$(free_port) || exit 1
  server_log=$tmp/latch-serve.log
  # shellcheck disable=SC2086 # $jvm_opts is a list of options
  "$LATCH_JAVA" --enable-native-access=ALL-UNNAMED $jvm_opts -jar "$tmp/latch/latch.jar" \
    serve "$www" --port "$port" --http-port off --cert "$chain" --key "$key" --access-log off \
    >"$server_log" 2>&1 &
  pid=$!
  pids+=("$pid")
  local i printed
  for ((i = 0; i < 600; i++)); do
    kill -0 "$pid" 2>/dev/null || { cat "$server_log" >&2; die "latch serve exited"; }
    printed=$(grep -o 'https://localhost:[0-9]*/' "$server_log" | head -n 1 || true)
    if [ -n "$printed" ]; then
      port=${printed#https://localhost:}
      port=${port%/}
      banner=$(sed -n 's/^latch serve: //p' "$server_log" | head -n 1)
      banner="$(latch --version 2>/dev/null | head -n 1), ${banner:-TLS engine not printed}"
      return 0
    fi
    sleep 0.1
  done
  cat "$server_log" >&2
  die "latch serve printed no https://localhost:PORT/ line after 60 s"
}

stop_server() {
  stop_pid "$pid"
  local kept=() p
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}

check_server() { # $1 name: 200 and the exact 1 KiB, over a verified TLS connection; prints the TLS parameters
  local url=https://localhost:$port/1k.bin code
  code=$(curl -sS --max-time 10 --http1.1 --cacert "$ca_root" -o "$tmp/got.bin" -w '%{http_code}' "$url") ||
    die "$1: curl --cacert root.pem $url failed"
  [ "$code" = 200 ] || die "$1: $url answered $code, not 200"
  cmp -s "$tmp/got.bin" "$www/1k.bin" || die "$1: $url did not return the 1 KiB file"
  local headers
  headers=$(curl -sS --max-time 10 --http1.1 --cacert "$ca_root" -H 'Connection: close' -D - -o /dev/null "$url" || true)
  if ! grep -qi '^connection: *close' <<<"$headers"; then
    say "  WARNING: $1 does not answer 'Connection: close' to a request that asks for it (wrk then reuses the connection)"
  fi
  local tls
  tls=$(timeout 10 openssl s_client -brief -connect "127.0.0.1:$port" -servername localhost -CAfile "$ca_root" </dev/null 2>&1 || true)
  say "  $1 on port $port: 200, 1024 bytes, certificate verified; TLS: $(printf '%s\n' "$tls" |
    sed -n 's/^Protocol version: //p; s/^Ciphersuite: //p; s/^Server Temp Key: //p; s/^Signature type: //p' | paste -sd ' ' -)"
}

# --- wrk ------------------------------------------------------------------------------------------
run_wrk() { # $1 seconds, $2 output file, then extra wrk arguments; the helper's figures in $2.shim
  local secs=$1 out=$2
  shift 2
  timeout $((secs + 30)) env LD_PRELOAD="$tmp/fullhs.so" LATCH_WRK_SHIM_OUT="$out.shim" \
    wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$@" "https://localhost:$port/1k.bin" >"$out" 2>&1 || true
}

clk_tck=$(getconf CLK_TCK)
server_cpu() { # CPU seconds used so far by the server: $pid and its children (nginx's workers)
  local p t=0 v
  for p in "$pid" $(ps -o pid= --ppid "$pid" 2>/dev/null || true); do
    v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true)
    t=$((t + ${v:-0}))
  done
  awk -v t="$t" -v hz="$clk_tck" 'BEGIN { printf "%.3f\n", t / hz }'
}
cpu_per_request() { # $1 $2 CPU seconds before/after, $3 requests: microseconds per request
  awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f\n", (n > 0) ? (b - a) * 1e6 / n : 0 }'
}
machine_cpu() { # "total busy" CPU seconds of the whole machine so far (busy: all but idle and iowait)
  awk -v hz="$clk_tck" '/^cpu / { printf "%.2f %.2f\n", ($2+$3+$4+$5+$6+$7+$8+$9) / hz, ($2+$3+$4+$7+$8+$9) / hz }' /proc/stat
}
shares() { # $1 $2 machine_cpu before/after, $3 $4 server CPU before/after, $5 wrk's CPU seconds:
  # "server% wrk% other%" of the machine's capacity during the measurement
  awk -v a="$1" -v b="$2" -v s0="$3" -v s1="$4" -v w="${5:-0}" 'BEGIN {
    split(a, x, " "); split(b, y, " "); total = y[1] - x[1]; busy = y[2] - x[2]
    if (total <= 0) { print "0 0 0"; exit }
    other = busy - (s1 - s0) - w; if (other < 0) other = 0
    printf "%.0f %.0f %.0f\n", 100 * (s1 - s0) / total, 100 * w / total, 100 * other / total }'
}
busy_percent() { # CPU use of the whole machine over one second (everything but idle and iowait)
  local a b
  a=$(awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat)
  sleep 1
  b=$(awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; i = y[2] - x[2]
    printf "%.0f\n", (t > 0) ? 100 * (t - i) / t : 0 }'
}

wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
wrk_pct() { # $1 file, $2 percentile (50, 99): milliseconds
  awk -v p="$2%" '$1 == p {
    v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1
    printf "%.3f\n", v * f }' "$1"
}
wrk_errors() { # "none" or what wrk counted: socket errors, non-2xx/3xx responses
  local e
  e=$(sed -n 's/^ *Socket errors: //p; s/^ *Non-2xx or 3xx responses: \(.*\)/non-2xx\/3xx \1/p' "$1" | paste -sd ',' - | sed 's/,/, /g')
  echo "${e:-none}"
}
shim() { awk -v k="$2" '$1 == k { print $2 }' "$1.shim" 2>/dev/null; }

declare -A m
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
  local cpu0 cpu1 mach0 mach1
  cpu0=$(server_cpu) mach0=$(machine_cpu)
  run_wrk "$duration" "$f.ka"
  cpu1=$(server_cpu) mach1=$(machine_cpu)
  raw "$s keep-alive" "$f.ka"
  m[$s.ka_rps]=$(wrk_rps "$f.ka")
  m[$s.ka_p50]=$(wrk_pct "$f.ka" 50)
  m[$s.ka_p99]=$(wrk_pct "$f.ka" 99)
  m[$s.ka_err]=$(wrk_errors "$f.ka")
  m[$s.ka_requests]=$(awk '/requests in/ { print $1 }' "$f.ka")
  m[$s.ka_cpu]=$(cpu_per_request "$cpu0" "$cpu1" "${m[$s.ka_requests]:-0}")
  m[$s.ka_shares]=$(shares "$mach0" "$mach1" "$cpu0" "$cpu1" "$(shim "$f.ka" cpu_seconds)")
  [ -n "${m[$s.ka_rps]}" ] || { cat "$f.ka" >&2; die "$s: no result from wrk (keep-alive)"; }

  # plain wrk's behaviour first (sessions kept): how many handshakes would this server resume?
  LATCH_WRK_KEEP_SESSIONS=1 run_wrk 2 "$f.plain" -H 'Connection: close'
  m[$s.plain]="$(shim "$f.plain" resumed) of $(shim "$f.plain" handshakes)"
  say "  new connection: plain wrk -H 'Connection: close' (2 s) resumed ${m[$s.plain]} TLS handshakes: forcing full handshakes"
  say "  new connection: warm-up ${warmup}s, then wrk -t$threads -c$conns -d${duration}s -H 'Connection: close', full handshakes"
  run_wrk "$warmup" "$f.nc-warmup" -H 'Connection: close'
  cpu0=$(server_cpu) mach0=$(machine_cpu)
  run_wrk "$duration" "$f.nc" -H 'Connection: close'
  cpu1=$(server_cpu) mach1=$(machine_cpu)
  raw "$s new connection (full handshakes)" "$f.nc"
  raw "$s new connection: helper's counts" "$f.nc.shim"
  m[$s.nc_rps]=$(wrk_rps "$f.nc")
  m[$s.nc_p99]=$(wrk_pct "$f.nc" 99)
  m[$s.nc_err]=$(wrk_errors "$f.nc")
  m[$s.nc_full]=$(shim "$f.nc" full)
  m[$s.nc_resumed]=$(shim "$f.nc" resumed)
  m[$s.nc_conns]=$(shim "$f.nc" connections)
  m[$s.nc_hs_p99]=$(shim "$f.nc" handshake_p99)
  m[$s.nc_conn_p50]=$(shim "$f.nc" connection_p50)
  m[$s.nc_conn_p99]=$(shim "$f.nc" connection_p99)
  m[$s.nc_requests]=$(awk '/requests in/ { print $1 }' "$f.nc")
  m[$s.nc_cpu]=$(cpu_per_request "$cpu0" "$cpu1" "${m[$s.nc_requests]:-0}")
  m[$s.nc_shares]=$(shares "$mach0" "$mach1" "$cpu0" "$cpu1" "$(shim "$f.nc" cpu_seconds)")
  local mode other
  for mode in ka nc; do
    other=${m[$s.${mode}_shares]##* }
    if [ "$other" -gt 10 ]; then
      say "  WARNING: other processes used $other % of the machine during the $([ $mode = ka ] && echo keep-alive || echo new-connection) measurement: noisy figures"
      noisy+=("$s $([ $mode = ka ] && echo keep-alive || echo new-connection) ($other %)")
    fi
  done
  [ -n "${m[$s.nc_rps]}" ] && [ -n "${m[$s.nc_full]}" ] || { cat "$f.nc" >&2; die "$s: no result from wrk (new connection)"; }
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
busy=$(busy_percent)
for ((i = 0; i < 30 && busy > 15; i++)); do # give a build or test run up to a minute to finish
  [ "$i" = 0 ] && echo "bench: something else is using $busy % of the CPU; waiting up to 60 s for it to finish" >&2
  sleep 1
  busy=$(busy_percent)
done
if [ "$busy" -gt 15 ]; then
  say "  WARNING: something else is using $busy % of the CPU right now: the figures will be noisy"
fi
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
