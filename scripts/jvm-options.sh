# Sourced by ./latch: the JVM options a latch command runs with (besides the start-up archive's).

# Prints the options of command $1 on a JDK of major version $2, one a line, ending with those of
# $LATCH_JAVA_OPTS (split at blanks), which therefore win; a collector named there replaces the
# serial one.
latch_jvm_options() {
  local options=() user=() option collector=
  case "${1:-}" in
    # Servers run for long, so C2 compiles their hot paths, but they need little heap: about 16 MiB
    # after a full GC plus about 5 KiB per idle TLS keep-alive connection (README, "Footprint"). The
    # JVM's defaults let the heap grow to 1/4 of the memory, and G1 adds tens of MiB of its own
    # (430 MiB RSS after a load run; 38 MiB of G1's structures with a 64 MiB heap). The serial
    # collector has almost none and pauses for a few ms at these sizes; the heap starts at 16 MiB
    # and grows as far as the live data needs, up to 1/8 of the memory (the JVM reads a container's
    # limit). C2's freed working memory goes back to the system every 2 s.
    serve | proxy)
      options=(-XX:+UseSerialGC -Xms16m -XX:MaxRAMPercentage=12.5)
      if [ "${2:-0}" -ge 25 ]; then options+=(-XX:TrimNativeHeapInterval=2000); fi
      ;;
    # the file ciphers keep the JVM's defaults (the JDK's AES-GCM encrypts at a quarter of the speed
    # under C1 alone) and so does the brute force, whose loop runs for seconds to days (C1 alone
    # tried 0.5 M keys/s per thread here, C2 1.2-1.5 M)
    encrypt | decrypt | crack) ;;
    # a short command starts fastest with the serial collector and only the quick C1 compiler
    *) options=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1) ;;
  esac
  if [ -n "${LATCH_JAVA_OPTS:-}" ]; then read -r -a user <<<"$LATCH_JAVA_OPTS"; fi
  for option in "${user[@]}"; do
    if [[ "$option" =~ ^-XX:\+Use[A-Za-z0-9]*GC$ ]]; then collector=$option; fi
  done
  for option in "${options[@]}"; do
    if [ "$option" = -XX:+UseSerialGC ] && [ -n "$collector" ]; then continue; fi
    printf '%s\n' "$option"
  done
  if [ ${#user[@]} -gt 0 ]; then printf '%s\n' "${user[@]}"; fi
}
