#include "support/ImageCheck.h"

#include <cstdlib>
#include <filesystem>

namespace soma::test {

std::string outputPath(const std::string& fileName) {
    std::filesystem::create_directories(SOMA_TEST_OUTPUT_DIR);
    return (std::filesystem::path(SOMA_TEST_OUTPUT_DIR) / fileName).string();
}

::testing::AssertionResult matchesGolden(const Image& actual, const std::string& name, GoldenTolerance tol) {
    const auto goldenPath = std::filesystem::path(SOMA_GOLDEN_DIR) / (name + ".png");
    const auto actualPath = outputPath(name + ".actual.png");
    if (std::getenv("SOMA_UPDATE_GOLDENS")) {
        writePng(actual, goldenPath);
        return ::testing::AssertionSuccess() << "golden updated";
    }
    auto golden = readPng(goldenPath);
    if (!golden) {
        writePng(actual, actualPath);
        return ::testing::AssertionFailure() << golden.error().message << "; the actual image is " << actualPath;
    }
    ImageDiff d = compareImages(actual, *golden, tol.channel);
    if (d.sizeMatches && d.fractionOver <= tol.maxFraction) return ::testing::AssertionSuccess();
    writePng(actual, actualPath);
    return ::testing::AssertionFailure() << name << ": " << d.fractionOver * 100 << "% of pixels differ by more than "
                                         << tol.channel << " (allowed " << tol.maxFraction * 100 << "%), largest delta "
                                         << d.maxChannelDelta << "; actual image written to " << actualPath;
}

} // namespace soma::test
