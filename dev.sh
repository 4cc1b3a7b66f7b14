#!/usr/bin/env bash
# Soma's two commands:
#   ./dev.sh run    install what is missing, build, start a guided body scan
#   ./dev.sh test   install what is missing, build, run every test
# Also: ./dev.sh build, ./dev.sh bench, ./dev.sh deps
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${SOMA_BUILD_DIR:-build}

# Debian packages the build and the program need. Kept in one list so a new
# machine gets everything from here and nothing by hand.
PACKAGES=(
  build-essential cmake ninja-build pkgconf
  libsdl2-dev libgl1-mesa-dri libegl-dev libegl-mesa0 libgles-dev
  libopenal-dev libopenal-data
  python3-glad
  libglm-dev libstb-dev libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev
  libsndfile1-dev libespeak-ng-dev espeak-ng-data
  libebur128-dev libkissfft-dev
  libmeshoptimizer-dev
  libsodium-dev
  libsystemd-dev
  libcairo2-dev
  libpoppler-cpp-dev
  libgtest-dev libbenchmark-dev
  fonts-dejavu-core
  ffmpeg
  appstream
  minisign
  libopenxr-dev libopenxr-loader1 libx11-dev libglx-dev
)

deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  deps
  local gen=()
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    gen=(-G Ninja)
  fi
  cmake -S . -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

cmd=${1:-}
shift || true
case "$cmd" in
  deps) deps ;;
  build) build ;;
  run)
    build
    # The home screen where there is a display; without one (soma home
    # exits 3) the body scan is exported, with a picture of one moment.
    if [ $# -eq 0 ]; then
      rc=0
      "$BUILD_DIR/bin/soma" home || rc=$?
      [ "$rc" -ne 3 ] && exit "$rc"
    fi
    exec "$BUILD_DIR/bin/soma" run --out "$BUILD_DIR/soma-scene.png" "$@"
    ;;
  test)
    build
    cd "$BUILD_DIR"
    ctest --output-on-failure --parallel "$(nproc)" --timeout 600 "$@"
    ;;
  bench)
    build
    exec "$BUILD_DIR/bin/soma" bench "$@"
    ;;
  *)
    echo "usage: ./dev.sh run | test | build | bench | deps" >&2
    exit 2
    ;;
esac
