# Sourced by the bench scripts that start servers and clients (run-serve-vs-nginx.sh, run-proxy.sh):
#
#   bench_setup NAME RESULTS   makes the temporary directory $tmp, stops every PID the script adds
#                              to $pids when it exits (and removes $tmp), empties RESULTS
#   say TEXT                   prints TEXT and appends it to RESULTS
#   stop_pid PID               TERM, then KILL after 10 s
#   free_port                  a loopback port nothing listens on, outside the ephemeral range
#   die TEXT                   "bench: TEXT" on stderr, exit 1

die() { echo "bench: $*" >&2; exit 1; }

stop_pid() { # stop one process this script started: TERM, then KILL after 10 s
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$tmp"
}

bench_setup() { # NAME RESULTS
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/latch-$1-bench.XXXXXX")
  pids=()
  results=$2
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mkdir -p "$(dirname "$results")"
  : >"$results"
}

say() { printf '%s\n' "$*" | tee -a "$results"; }

free_port() { # a port nothing listens on (127.0.0.1)
  # below the kernel's range of ephemeral ports: a port there may be any connection's own local
  # port, and a server then cannot bind it even though nothing listens on it
  local p i low
  low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 12000 ] || low=32768
  for ((i = 0; i < 100; i++)); do
    p=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}
