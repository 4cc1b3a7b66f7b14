#!/usr/bin/env bash
# Soma's two commands:
#   ./dev.sh run    install what is missing, build, start a guided body scan
#   ./dev.sh test   install what is missing, build, run every test
#                   (--sanitize: the same under ASan and UBSan, in build-sanitize/)
# Also: ./dev.sh build, ./dev.sh bench, ./dev.sh deps, ./dev.sh fuzz [SECONDS]
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

# Only for ./dev.sh fuzz: clang and its libFuzzer and sanitizer runtimes.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)

deps() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
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
    if [ "${1:-}" = "--sanitize" ]; then
      # The whole suite with AddressSanitizer and UndefinedBehaviorSanitizer,
      # in its own folder. A crash in a plugin's check must still kill the
      # child by its signal (handle_segv=0), as the quarantine expects; the
      # leaks of the libraries below Soma are suppressed, each explained in
      # tests/sanitize/lsan.supp.
      shift
      BUILD_DIR=${SOMA_SANITIZE_BUILD_DIR:-build-sanitize}
      deps
      [ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOMA_SANITIZE=ON \
        -DSOMA_BUILD_BENCHMARKS=OFF >/dev/null
      cmake --build "$BUILD_DIR" --parallel "$(nproc)"
      export ASAN_OPTIONS="handle_segv=0:handle_abort=0:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=0"
      export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
      export LSAN_OPTIONS="suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0"
      cd "$BUILD_DIR"
      ctest --output-on-failure --parallel "$(nproc)" --timeout 1800 "$@"
      exit
    fi
    build
    cd "$BUILD_DIR"
    ctest --output-on-failure --parallel "$(nproc)" --timeout 600 "$@"
    ;;
  bench)
    build
    exec "$BUILD_DIR/bin/soma" bench "$@"
    ;;
  fuzz)
    # ./dev.sh fuzz [SECONDS] [TARGET...]: every fuzz target (tests/fuzz)
    # under libFuzzer for SECONDS each (default 60), in build-fuzz/. The
    # seeds come from the tree; what a run learns stays in
    # build-fuzz/corpus/; an input that breaks a target is kept in
    # build-fuzz/crashes/TARGET/ and the run fails. Copy such an input into
    # tests/fuzz/found/TARGET/ with the fix, and the test suite replays it.
    deps "${FUZZ_PACKAGES[@]}"
    seconds=${1:-60}
    shift || true
    fuzz_dir=${SOMA_FUZZ_BUILD_DIR:-build-fuzz}
    if [ ! -f "$fuzz_dir/CMakeCache.txt" ]; then
      CC=clang CXX=clang++ cmake -S . -B "$fuzz_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOMA_FUZZ=ON >/dev/null
    fi
    cmake --build "$fuzz_dir" --target soma_fuzzers --parallel "$(nproc)"
    failed=()
    while read -r name seeds; do
      [ -z "$name" ] && continue
      if [ $# -gt 0 ] && [[ ! " $* " =~ " $name " ]]; then continue; fi
      corpus="$fuzz_dir/corpus/$name" crashes="$fuzz_dir/crashes/$name"
      mkdir -p "$corpus" "$crashes"
      echo "== $name: ${seconds}s"
      found="tests/fuzz/found/$name"
      [ -d "$found" ] || found=""
      # shellcheck disable=SC2086 # the seed folders are words
      if ! "$fuzz_dir/fuzz/soma_fuzz_$name" "$corpus" $seeds $found \
          -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
          -artifact_prefix="$crashes/" -print_final_stats=1 >"$fuzz_dir/$name.log" 2>&1; then
        failed+=("$name")
        tail -40 "$fuzz_dir/$name.log"
      fi
      grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$fuzz_dir/$name.log" | sed "s/^/   /" || true
    done < "$fuzz_dir/fuzz/targets.txt"
    if [ ${#failed[@]} -gt 0 ]; then
      echo "fuzzing found problems in: ${failed[*]} (inputs in $fuzz_dir/crashes/)" >&2
      exit 1
    fi
    echo "every fuzz target ran ${seconds}s clean"
    ;;
  *)
    echo "usage: ./dev.sh run | test | build | bench | deps | fuzz [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac
