#!/usr/bin/env bash
# scripts/run, scripts/test and scripts/setup answer --help with what they do, and exit 0.
set -euo pipefail
root=$1
expect() {  # expect <script> <phrase>
  local out
  out=$("$root/scripts/$1" --help) || { echo "scripts/$1 --help failed"; exit 1; }
  grep -qi -- "$2" <<<"$out" || { echo "scripts/$1 --help does not mention '$2':"; echo "$out"; exit 1; }
}
expect run "Usage: scripts/run"
expect run "Release"
expect run "starts the device"
expect test "Usage: scripts/test"
expect test "runs the whole"
expect test "DRISHTI_DATA"
expect setup "Usage: scripts/setup"
expect setup "installs the Debian 12 packages"
echo "help texts ok"
