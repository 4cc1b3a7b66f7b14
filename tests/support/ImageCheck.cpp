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
        if (auto written = writePng(actual, goldenPath); !written) return ::testing::AssertionFailure() << written.error().message;
        return ::testing::AssertionSuccess() << "golden updated";
    }
    auto golden = readPng(goldenPath);
    if (!golden) {
        const auto written = writePng(actual, actualPath);
        return ::testing::AssertionFailure() << golden.error().message << "; the actual image "
                                             << (written ? "is " + actualPath : "could not be written: " + written.error().message);
    }
    ImageDiff d = compareImages(actual, *golden, tol.channel);
    if (d.sizeMatches && d.fractionOver <= tol.maxFraction) return ::testing::AssertionSuccess();
    const auto written = writePng(actual, actualPath);
    return ::testing::AssertionFailure() << (written ? "" : written.error().message + "; ") << name << ": " << d.fractionOver * 100 << "% of pixels differ by more than "
                                         << tol.channel << " (allowed " << tol.maxFraction * 100 << "%), largest delta "
                                         << d.maxChannelDelta << "; actual image written to " << actualPath;
}

} // namespace soma::test
