#!/usr/bin/env bash
# scripts/setup with no route to the package mirror fails and names the packages
# it could not install. Uses a throw-away package list of packages that are not
# installed, in a network namespace with no network. Needs root and unshare:
# skipped (77) with a message otherwise.
set -uo pipefail
root=$1
if [ "$(id -u)" -ne 0 ] || ! unshare -n true 2>/dev/null; then
  echo "skipped: needs root and 'unshare -n' to cut the network"
  exit 77
fi
list=$(mktemp)
trap 'rm -f "$list"' EXIT
pkgs=""
for p in sl cowsay fortune-mod bsdgames; do
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || pkgs="$pkgs $p"
done
[ -n "$pkgs" ] || { echo "skipped: every candidate package is installed here"; exit 77; }
echo "offline:$pkgs" >"$list"

out=$(DRISHTI_PACKAGES="$list" unshare -n "$root/scripts/setup" offline 2>&1)
status=$?
echo "$out"
[ $status -ne 0 ] || { echo "FAIL: setup succeeded without a network"; exit 1; }
for p in $pkgs; do
  grep -q "could not install:.*\b$p\b" <<<"$out" || { echo "FAIL: '$p' not named as missing"; exit 1; }
done
echo "ok: setup failed offline and named:$pkgs"
