# Sourced by bench/run-*.sh: finds the JDK, builds bench/target/benchmarks.jar and runs JMH.
#
#   latch_jmh CSV FILTER "FORK_ARGS" "DEFAULTS" [caller's arguments...]
#
# A first caller argument that is not an option replaces FILTER (a regular expression). Other
# arguments go to JMH and override the matching DEFAULTS (JMH refuses an option given twice); a
# caller's -jvmArgsAppend is added to FORK_ARGS. Results go to CSV unless the caller chose -rf/-rff.
# Sets LATCH_JMH_SUMMARY=1 when CSV holds fresh results to summarise.

latch_jmh() {
  local csv=$1 filter=$2 fork_args=$3 defaults_text=$4
  shift 4
  local root
  root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
  . "$root/scripts/jdk.sh"
  latch_find_jdk || exit 1
  latch_maven_opts
  echo "bench: using JDK $LATCH_JAVA_MAJOR at $JAVA_HOME" >&2
  (cd "$root" && mvn -q -B -DskipTests -pl bench -am package)
  mkdir -p "$(dirname "$csv")"

  if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    filter=$1
    shift
  fi
  # JMH itself uses sun.misc.Unsafe, which JDK 24+ warns about unless allowed; forks inherit it.
  local jvm_args=""
  if [ "${LATCH_JAVA_MAJOR:-0}" -ge 24 ]; then
    jvm_args="--sun-misc-unsafe-memory-access=allow"
  fi
  local jmh_args=()
  declare -A given=()
  while [ $# -gt 0 ]; do
    case $1 in
      -jvmArgsAppend) fork_args="$fork_args ${2:-}"; shift 2 || shift; continue ;;
      -*) given[$1]=1 ;;
    esac
    jmh_args+=("$1")
    shift
  done
  local defaults k
  read -r -a defaults <<<"$defaults_text -rf csv -rff $csv"
  for ((k = 0; k < ${#defaults[@]}; k += 2)); do
    if [ -z "${given[${defaults[k]}]:-}" ]; then
      jmh_args+=("${defaults[k]}" "${defaults[k + 1]}")
    fi
  done

  # The forks load classes from the jar for minutes: run a private copy, so that a build running
  # meanwhile in this tree (which rewrites bench/target) cannot pull it away from under them.
  local jar
  jar=$(mktemp "${TMPDIR:-/tmp}/latch-benchmarks.XXXXXX.jar")
  cp "$root/bench/target/benchmarks.jar" "$jar"
  rm -f "$csv"
  # shellcheck disable=SC2086 # $jvm_args is a list of options
  "$LATCH_JAVA" $jvm_args -jar "$jar" "$filter" -jvmArgsAppend "$fork_args" "${jmh_args[@]}" || { rm -f "$jar"; return 1; }
  rm -f "$jar"
  LATCH_JMH_SUMMARY=0
  if [ -z "${given[-rf]:-}${given[-rff]:-}" ] && [ -s "$csv" ]; then
    LATCH_JMH_SUMMARY=1
  fi
}
