#!/usr/bin/env bash
# Starts the machine's PostgreSQL (Debian's cluster tools) on loopback and makes a throwaway
# database for the registry tests; prints the JDBC URL to use. Used by .ci/run.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1) || true
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
fi
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start >&2  # stdout carries only the URL
fi
runuser -u postgres -- psql -p "$port" -qtAc "SELECT 1 FROM pg_roles WHERE rolname='latch_test'" | grep -q 1 \
  || runuser -u postgres -- psql -p "$port" -qc "CREATE ROLE latch_test LOGIN PASSWORD 'latch_test'" >/dev/null
PGOPTIONS="-c client_min_messages=warning" runuser -u postgres -- psql -p "$port" -qc "DROP DATABASE IF EXISTS latch_test" >/dev/null
runuser -u postgres -- psql -p "$port" -qc "CREATE DATABASE latch_test OWNER latch_test" >/dev/null
echo "jdbc:postgresql://127.0.0.1:$port/latch_test?user=latch_test&password=latch_test"
