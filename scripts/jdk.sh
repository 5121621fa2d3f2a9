# Sourced by ./latch and ./test: finds a JDK >= 21 and exports JAVA_HOME and LATCH_JAVA.
# Order: $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* (newest first).

latch_java_major() {
  # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

latch_find_jdk() {
  local candidates=() c home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if c=$(command -v java 2>/dev/null); then
    c=$(readlink -f "$c")
    candidates+=("${c%/bin/java}")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidates+=("${c%/}")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(latch_java_major "$home/bin/java")
    major=${major#1.}
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$home"
      export LATCH_JAVA="$home/bin/java"
      export LATCH_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "latch: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm): install one and set JAVA_HOME to it (Debian 13, Ubuntu 24.04: apt-get install openjdk-21-jdk; Debian 12 has only 17: take Temurin 21 from adoptium.net)" >&2
  return 1
}

latch_maven_opts() {
  # Maven's own Guava warns about sun.misc.Unsafe on JDK 24+; the flag exists only there.
  if [ "${LATCH_JAVA_MAJOR:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
  fi
}
