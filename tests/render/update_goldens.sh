#!/usr/bin/env bash
# Rewrites the golden PNGs from the current renderer. Run it only after a
# person has looked at the *.actual.png images in <build>/test-output and
# agreed that the new pictures are right; then look at the diff of
# tests/render/golden/ once more before committing.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${SOMA_BUILD_DIR:-build}
cmake --build "$BUILD_DIR"
for t in "$BUILD_DIR"/bin/soma_render_tests "$BUILD_DIR"/bin/soma_body_tests "$BUILD_DIR"/bin/soma_ui_tests; do
  [ -x "$t" ] && SOMA_UPDATE_GOLDENS=1 SDL_VIDEODRIVER=offscreen "$t" --gtest_brief=1 || true
done
git status --short tests/render/golden
