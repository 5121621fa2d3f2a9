#!/usr/bin/env bash
# Checks the launcher's start-up archive (see ./latch) on a built tree; .ci/run calls it after the
# launcher's smoke test. ./latch makes the archive (here the short commands' one) after a build,
# uses it, makes it again when a jar is newer than it, and runs without it, saying nothing, when the
# JVM refuses it.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
latch=$root/latch
fail() { echo "check-startup-archive: $*" >&2; exit 1; }
tmp=$(mktemp -d)
archive=
restore() { [ -n "$archive" ] && [ -f "$tmp/archive" ] && mv "$tmp/archive" "$archive"; rm -rf "$tmp"; }
trap restore EXIT
export LATCH_HOME=$tmp/home

# the JVM says where each class came from: the archive is "shared objects file"
main_class_source() {
  JDK_JAVA_OPTIONS=-Xlog:class+load "$latch" --version 2>/dev/null | sed -n 's/.* dev\.latch\.cli\.Main source: //p'
}
version_lines() { # ./latch --version prints its two lines and nothing else
  local out
  out=$("$latch" --version 2>&1) || fail "./latch --version failed: $out"
  [ "$(printf '%s\n' "$out" | wc -l)" = 2 ] || fail "./latch --version printed more than its version: $out"
  case "$out" in "latch "*) ;; *) fail "./latch --version printed: $out" ;; esac
}

"$latch" --version >/dev/null 2>&1 || fail "./latch --version failed"
archive=$(ls "$root"/cli/target/startup/latch-*-short.jsa 2>/dev/null | head -n 1) # --version: the short commands' archive
[ -n "$archive" ] || fail "./latch made no start-up archive: $(cat "$root"/cli/target/startup/*.failed 2>/dev/null | tail -n 5)"
[ "$(main_class_source)" = "shared objects file" ] || fail "./latch does not use its start-up archive $archive"

# a jar newer than the archive: ./latch makes the archive again, then uses it
touch "$root/cli/target/latch.jar"
"$latch" --version 2>"$tmp/err" >/dev/null || fail "./latch --version failed after a new jar: $(cat "$tmp/err")"
grep -q "preparing the start-up archive" "$tmp/err" || fail "./latch did not make the archive again for a newer jar: $(cat "$tmp/err")"
[ "$archive" -nt "$root/cli/target/latch.jar" ] || fail "the new archive is not newer than the jar"
[ "$(main_class_source)" = "shared objects file" ] || fail "./latch does not use its new start-up archive"

# an archive the JVM refuses (here a broken one): latch runs without it and prints only its own lines
cp -p "$archive" "$tmp/archive"
head -c 65536 "$tmp/archive" >"$archive"
version_lines
[ "$(main_class_source)" != "shared objects file" ] || fail "the JVM used a broken archive?"
mv "$tmp/archive" "$archive"

# no archive (making it failed earlier): latch runs without it, and does not try again for the same jars
mv "$archive" "$tmp/archive"
touch "$archive.failed"
version_lines
[ ! -f "$archive" ] || fail "./latch made the archive again although it failed for these jars"
rm -f "$archive.failed"
mv "$tmp/archive" "$archive"
touch "$archive"
echo "check-startup-archive: ./latch makes, uses, renews and passes over its start-up archive as it should"
