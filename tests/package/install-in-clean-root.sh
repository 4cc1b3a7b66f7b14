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
  --customize-hook='chroot "$1" sh -c "echo \"== the kiosk: its unit, its user, a wrong config refused, a right one running (offscreen, 8 s)\"; ls /usr/lib/systemd/system/soma-kiosk.service /usr/lib/sysusers.d/soma-kiosk.conf; printf \"languages = [\\\"nl\\\"]\\nidle_seconds = 1\\n\" > /tmp/bad.toml; HOME=/tmp soma kiosk --config /tmp/bad.toml; echo \"(exit \$?)\"; printf \"[[exercise]]\\nid = \\\"body-scan\\\"\\n\" > /tmp/kiosk.toml; HOME=/tmp soma validate /tmp/kiosk.toml; HOME=/tmp timeout 8 soma kiosk --offscreen --config /tmp/kiosk.toml > /tmp/kiosk.log 2>&1; echo \"(exit \$?; 124: still running when stopped)\"; grep -E \"kiosk|error\" /tmp/kiosk.log"' \
  bookworm "$work/debian" http://deb.debian.org/debian
echo "== done"
