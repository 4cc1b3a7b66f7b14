#!/usr/bin/env bash
# The soma package installed into a clean Debian 12 root, as a centre's
# machine would get it, and run there: `soma --version`, `soma doctor` and a
# headless export of the short body scan. Not a ctest entry: it fetches a
# minimal Debian and Soma's dependencies from the network and takes minutes.
# Needs root (mmdebstrap's root mode); installs mmdebstrap when missing.
# Usage: tests/package/install-in-clean-root.sh [BUILD_DIR]
set -euo pipefail
build=$(realpath "${1:-build}")
work=$(mktemp -d /tmp/soma-clean-root.XXXXXX)
trap 'rm -rf "$work"' EXIT

if ! command -v mmdebstrap > /dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap > /dev/null
fi
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/debs" > "$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/debs/soma_*.deb)
echo "== $(basename "$deb") into a clean Debian 12 (bookworm) root"

# In the root: the package with what it depends on (apt resolves them), then
# the three commands, as a user of that machine would type them.
mmdebstrap --mode=root --variant=apt --quiet \
  --customize-hook="copy-in $deb /tmp" \
  --customize-hook='chroot "$1" sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/soma_*.deb > /tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }"' \
  --customize-hook='chroot "$1" sh -c "echo \"== installed\"; dpkg -s soma | grep -E \"^(Package|Version|Installed-Size|Depends):\"; echo \"== soma --version\"; soma --version"' \
  --customize-hook='chroot "$1" sh -c "echo \"== soma doctor\"; HOME=/tmp soma doctor; echo \"(exit \$?)\""' \
  --customize-hook='chroot "$1" sh -c "echo \"== soma export body-scan --lang nl --variant short --out /tmp/out\"; cd /tmp && HOME=/tmp soma export body-scan --lang nl --variant short --out /tmp/out && ls -l /tmp/out"' \
  bookworm "$work/debian" http://deb.debian.org/debian
echo "== done"
