# Sourced by the HTTPS server benchmarks (run-serve-vs-nginx.sh, run-serve-vs-peers.sh), after
# processes.sh and bench_setup. The caller defines `latch` (runs the CLI), the array latch_serve
# (the command that `serve` and its options follow), threads and conns (wrk's -t and -c).
#
#   make_site              the ECDSA P-256 chain made by `latch ca` (openssl when that fails):
#                          $chain, $key, $ca_root, $cert_how; and the 1 KiB file $www/1k.bin
#   build_wrk_helper       $tmp/fullhs.so, wrk's LD_PRELOAD helper (full handshakes, timings)
#   start_nginx [h2]       start one server on a free loopback port (nginx offers HTTP/2 with "h2";
#   start_caddy            the others always do): each sets $port, $pid (the process to stop and
#   start_h2o              whose process tree is measured), $server_log and $banner
#   start_latch
#   stop_server            stops $pid and drops it from $pids
#   check_server NAME [h2] 200 and the file over verified TLS (and over HTTP/2 with "h2"), says the TLS
#   run_wrk SECS OUT ARGS  wrk against $port; the helper's figures in OUT.shim
#   measure_wrk KEY OUT ARGS   run_wrk for $duration s, the server's CPU and the machine measured
#                          around it: m[KEY_rps], _p50, _p99, _err, _requests, _cpu (us per request),
#                          _shares ("server% client% other%" of the machine), _other
#   server_cpu, server_rss CPU seconds, resident MiB of $pid's whole process tree
#   wait_until_quiet [S]   waits up to S (60) seconds for the machine to be idle, warns when it is not

# --- the certificate (ECDSA P-256, leaf + intermediate) and the 1 KiB file ----------------------
make_site() {
  cert=$tmp/cert
  mkdir -p "$cert"
  if latch ca init --home "$tmp/ca" >"$tmp/ca.log" 2>&1 </dev/null &&
    latch ca issue --home "$tmp/ca" --out "$cert" localhost 127.0.0.1 >>"$tmp/ca.log" 2>&1 </dev/null; then
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
  # nginx's workers and h2o run as nobody when started by root: let them read the file
  chmod 755 "$tmp" "$www"
  chmod 644 "$www/1k.bin"
}

# --- wrk's helper: full handshakes on every connection, handshake and connection timing ----------
build_wrk_helper() {
cat >"$tmp/fullhs.c" <<'EOF'
/* LD_PRELOAD library for wrk (bench/https-servers.sh). wrk reuses one SSL object per
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
}

# --- the servers ---------------------------------------------------------------------------------
# Latch listens on 127.0.0.1 and ::1: where localhost also means ::1, the others listen there too,
# so that the clients (which take the first address of localhost that answers) reach each the same way
localhost_v6() { getent ahosts localhost | grep -q '^::1 '; }

wait_listening() { # $1 name: until $port accepts connections, or die with the server's output
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { cat "$server_log" >&2; die "$1 did not start"; }
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$server_log" >&2
  die "$1 does not listen on port $port after 10 s"
}

start_nginx() { # [h2]: also HTTP/2 (ALPN)
  port=$(free_port) || exit 1
  local d=$tmp/nginx listen6="" h2=""
  [ "${1:-}" = h2 ] && h2=" http2"
  mkdir -p "$d/logs"
  if localhost_v6; then listen6="listen [::1]:$port ssl$h2;"; fi
  # keepalive_requests also bounds the requests of an HTTP/2 connection (nginx >= 1.19.7)
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
    listen 127.0.0.1:$port ssl$h2; $listen6
    ssl_certificate $chain;
    ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $www;
  }
}
EOF
  server_log=$d/logs/error.log
  nginx -e "$server_log" -p "$d" -c "$d/nginx.conf" >"$d/out.txt" 2>&1 &
  pid=$!
  pids+=("$pid")
  banner="$(nginx -v 2>&1 | sed 's/^nginx version: //'), $(nginx -V 2>&1 | sed -n 's/^built with //p')"
  wait_listening nginx
}

start_caddy() { # Caddy's own HOME and XDG folders, no admin endpoint, no automatic HTTPS, no HTTP/3
  port=$(free_port) || exit 1
  local d=$tmp/caddy bind=127.0.0.1
  mkdir -p "$d"
  if localhost_v6; then bind="127.0.0.1 ::1"; fi
  # no `log` directive: no access log
  cat >"$d/Caddyfile" <<EOF
{
	admin off
	auto_https off
	storage file_system $d/data
	servers {
		protocols h1 h2
	}
}
https://localhost:$port {
	bind $bind
	tls $chain $key {
		protocols tls1.2 tls1.3
	}
	root * $www
	file_server
}
EOF
  server_log=$d/caddy.log
  env HOME="$d" XDG_DATA_HOME="$d/data" XDG_CONFIG_HOME="$d/config" \
    caddy run --config "$d/Caddyfile" --adapter caddyfile >"$server_log" 2>&1 &
  pid=$!
  pids+=("$pid")
  banner="Caddy $(caddy version 2>&1 | head -n 1) (Go crypto/tls)"
  wait_listening caddy
}

start_h2o() { # 2 threads as nginx's 2 workers; no access-log directive: no access log
  port=$(free_port) || exit 1
  local d=$tmp/h2o listen6=""
  mkdir -p "$d"
  if localhost_v6; then listen6="listen:
  host: ::1
  port: $port
  ssl: *tls"; fi
  # no pid-file: h2o started by root writes it after it becomes nobody; the OCSP updater is off (no
  # responder in the certificate)
  cat >"$d/h2o.conf" <<EOF
num-threads: 2
error-log: $d/error.log
listen:
  host: 127.0.0.1
  port: $port
  ssl: &tls
    certificate-file: $chain
    key-file: $key
    minimum-version: TLSv1.2
    ocsp-update-interval: 0
$listen6
hosts:
  "localhost:$port":
    paths:
      "/":
        file.dir: $www
EOF
  server_log=$d/error.log
  h2o -c "$d/h2o.conf" >"$d/out.txt" 2>&1 &
  pid=$!
  pids+=("$pid")
  banner="h2o $(h2o --version 2>&1 | sed -n 's/^h2o version //p'), $(h2o --version 2>&1 | sed -n 's/^OpenSSL: //p')"
  wait_listening h2o
}

start_latch() {
  port=$(free_port) || exit 1
  server_log=$tmp/latch-serve.log
  "${latch_serve[@]}" serve "$www" --port "$port" --http-port off --cert "$chain" --key "$key" --access-log off \
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

check_server() { # $1 name [h2]: 200 and the exact 1 KiB, over a verified TLS connection; prints the TLS parameters
  local url=https://localhost:$port/1k.bin code version how
  for how in --http1.1 ${2:+--http2}; do
    code=$(curl -sS --max-time 10 "$how" --cacert "$ca_root" -o "$tmp/got.bin" -w '%{http_code} %{http_version}' "$url") ||
      die "$1: curl $how --cacert root.pem $url failed"
    version=${code#* } code=${code%% *}
    [ "$code" = 200 ] || die "$1: $url answered $code, not 200 (curl $how)"
    cmp -s "$tmp/got.bin" "$www/1k.bin" || die "$1: $url did not return the 1 KiB file (curl $how)"
    [ "$how" = --http1.1 ] || [ "$version" = 2 ] || die "$1: curl --http2 got HTTP/$version, not HTTP/2 (no h2 in ALPN?)"
  done
  local headers
  headers=$(curl -sS --max-time 10 --http1.1 --cacert "$ca_root" -H 'Connection: close' -D - -o /dev/null "$url" || true)
  if ! grep -qi '^connection: *close' <<<"$headers"; then
    say "  WARNING: $1 does not answer 'Connection: close' to a request that asks for it (wrk then reuses the connection)"
  fi
  local tls
  tls=$(timeout 10 openssl s_client -brief -connect "127.0.0.1:$port" -servername localhost -CAfile "$ca_root" </dev/null 2>&1 || true)
  say "  $1 on port $port: 200, 1024 bytes${2:+ over HTTP/1.1 and HTTP/2}, certificate verified; TLS: $(printf '%s\n' "$tls" |
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
server_tree() { # $pid and all its descendants (nginx's workers, h2o's key process)
  local todo=("$pid") p
  while [ ${#todo[@]} -gt 0 ]; do
    p=${todo[0]}
    todo=("${todo[@]:1}")
    echo "$p"
    # shellcheck disable=SC2207 # pids: no spaces
    todo+=($(ps -o pid= --ppid "$p" 2>/dev/null || true))
  done
}
server_cpu() { # CPU seconds used so far by the server's processes (each one's line sums its threads)
  local p t=0 v
  for p in $(server_tree); do
    v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true)
    t=$((t + ${v:-0}))
  done
  awk -v t="$t" -v hz="$clk_tck" 'BEGIN { printf "%.3f\n", t / hz }'
}
server_rss() { # MiB resident, summed over the server's processes
  local p kib=0 v
  for p in $(server_tree); do
    v=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$p/status" 2>/dev/null || true)
    kib=$((kib + ${v:-0}))
  done
  awk -v k="$kib" 'BEGIN { printf "%.1f\n", k / 1024 }'
}
cpu_per_request() { # $1 $2 CPU seconds before/after, $3 requests: microseconds per request
  awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f\n", (n > 0) ? (b - a) * 1e6 / n : 0 }'
}
machine_cpu() { # "total busy" CPU seconds of the whole machine so far (busy: all but idle and iowait)
  awk -v hz="$clk_tck" '/^cpu / { printf "%.2f %.2f\n", ($2+$3+$4+$5+$6+$7+$8+$9) / hz, ($2+$3+$4+$7+$8+$9) / hz }' /proc/stat
}
shares() { # $1 $2 machine_cpu before/after, $3 $4 server CPU before/after, $5 the client's CPU seconds:
  # "server% client% other%" of the machine's capacity during the measurement
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
wait_until_quiet() { # [seconds, default 60]: gives a build or test run that long to finish
  local busy i wait=${1:-60}
  busy=$(busy_percent)
  for ((i = 0; i < wait / 2 && busy > 15; i++)); do
    [ "$i" = 0 ] && echo "bench: something else is using $busy % of the CPU; waiting up to $wait s for it to finish" >&2
    sleep 1
    busy=$(busy_percent)
  done
  if [ "$busy" -gt 15 ]; then
    say "  WARNING: something else is using $busy % of the CPU right now: the figures will be noisy"
  fi
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
measure_wrk() { # $1 key, $2 output file, then extra wrk arguments: one measurement of $duration s
  local k=$1 out=$2 cpu0 cpu1 mach0 mach1
  shift 2
  cpu0=$(server_cpu) mach0=$(machine_cpu)
  run_wrk "$duration" "$out" "$@"
  cpu1=$(server_cpu) mach1=$(machine_cpu)
  m[${k}_rps]=$(wrk_rps "$out")
  [ -n "${m[${k}_rps]}" ] || { cat "$out" >&2; die "no result from wrk ($k)"; }
  m[${k}_p50]=$(wrk_pct "$out" 50)
  m[${k}_p99]=$(wrk_pct "$out" 99)
  m[${k}_err]=$(wrk_errors "$out")
  m[${k}_requests]=$(awk '/requests in/ { print $1 }' "$out")
  m[${k}_cpu]=$(cpu_per_request "$cpu0" "$cpu1" "${m[${k}_requests]:-0}")
  m[${k}_shares]=$(shares "$mach0" "$mach1" "$cpu0" "$cpu1" "$(shim "$out" cpu_seconds)")
  m[${k}_other]=${m[${k}_shares]##* }
}
