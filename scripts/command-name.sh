# Sourced by ./latch: how the user runs the launcher, for the commands latch prints (LATCH_COMMAND).

latch_command_name() {
  # prints `latch` when the latch on PATH is the launcher $1, else a path to $1 that works from here:
  # ./latch, ./sub/dir/latch, or the absolute path when $1 is not below the current directory
  local launcher=$1 on_path relative
  on_path=$(command -v latch 2>/dev/null || true)
  if [ -n "$on_path" ] && [ "$(readlink -f "$on_path")" = "$(readlink -f "$launcher")" ]; then
    echo latch
    return
  fi
  relative=$(realpath --relative-to="$PWD" "$launcher" 2>/dev/null || echo "$launcher")
  case "$relative" in
    ../* | /*) echo "$launcher" ;;
    *) echo "./$relative" ;;
  esac
}
