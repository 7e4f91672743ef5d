# Shared by scripts/run, scripts/test and scripts/bench. Source it; do not run it.
# shellcheck shell=bash

DRISHTI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DRISHTI_JOBS=$(nproc 2>/dev/null || echo 2)

say() { printf 'drishti: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# Installs missing packages of the given groups via scripts/setup, but only
# when something is missing (so a set-up machine needs no root).
ensure_setup() {
  if ! "$DRISHTI_ROOT/scripts/setup" --check "$@" >/dev/null 2>&1; then
    say "some packages are missing; running scripts/setup $*"
    "$DRISHTI_ROOT/scripts/setup" "$@" || die "set-up failed (see above); nothing was built"
  fi
}

# configure_and_build <build dir> <build type> [extra cmake args...]
configure_and_build() {
  local dir=$1 type=$2
  shift 2
  local generator=()
  if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
  cmake -S "$DRISHTI_ROOT" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null \
    || die "cmake could not configure $dir (see the messages above)"
  cmake --build "$dir" --parallel "$DRISHTI_JOBS" || die "the build in $dir failed (see above)"
}
