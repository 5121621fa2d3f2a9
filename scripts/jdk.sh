# Sourced by ./latch and ./test: finds a JDK >= 21 and exports JAVA_HOME, LATCH_JAVA, LATCH_JAVA_MAJOR
# and LATCH_JAVA_BUILD (vendor and exact version; empty when the JDK does not say).
# Order: $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* (newest first).

latch_java_major() {
  # prints the major version of the java binary $1, or nothing: from the JDK's release file when it
  # has one (read without a fork; starting a JVM to ask costs more than a short latch command)
  local release=${1%/bin/java}/release line version
  if [ -r "$release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*)
          version=${line#JAVA_VERSION=}
          version=${version//\"/}
          version=${version#1.}
          echo "${version%%[!0-9]*}"
          return
          ;;
      esac
    done <"$release"
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

latch_java_build() {
  # prints what identifies the JDK at $1 exactly (vendor and full version, from its release file),
  # or nothing when it has no release file
  local line implementor='' runtime=''
  [ -r "$1/release" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      IMPLEMENTOR=*) implementor=${line#IMPLEMENTOR=} ;;
      JAVA_RUNTIME_VERSION=*) runtime=${line#JAVA_RUNTIME_VERSION=} ;;
    esac
  done <"$1/release"
  [ -n "$runtime" ] || return 0
  implementor=${implementor//\"/}
  runtime=${runtime//\"/}
  echo "${implementor// /_}-$runtime"
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
      LATCH_JAVA_BUILD=$(latch_java_build "$home")
      export LATCH_JAVA_BUILD
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
