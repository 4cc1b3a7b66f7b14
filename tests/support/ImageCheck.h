// Golden-image comparison for render tests. On a mismatch the actual image
// is written to <build>/test-output/<name>.actual.png for a person to look
// at; tests/render/update_goldens.sh copies actual images over the goldens
// after that person has approved them.
#pragma once

#include "render/Image.h"

#include <gtest/gtest.h>

#include <string>

namespace soma::test {

struct GoldenTolerance {
    int channel = 8;          // a pixel counts as different above this |delta|
    double maxFraction = 0.005; // share of pixels allowed to differ
};

::testing::AssertionResult matchesGolden(const Image& actual, const std::string& name, GoldenTolerance tol = {});

std::string outputPath(const std::string& fileName);

} // namespace soma::test
