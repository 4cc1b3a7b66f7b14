#include "render/Image.h"
#include "support/ImageCheck.h"

#include <gtest/gtest.h>

namespace soma {

static Image solid(int w, int h, std::uint8_t v) {
    return Image{w, h, std::vector<std::uint8_t>(size_t(w) * h * 4, v)};
}

TEST(Image, CompareCountsPixelsOverTolerance) {
    Image a = solid(10, 10, 100), b = solid(10, 10, 100);
    b.pixel(3, 4)[1] = 120; // one pixel, one channel, off by 20
    auto d = compareImages(a, b, 8);
    EXPECT_TRUE(d.sizeMatches);
    EXPECT_EQ(d.maxChannelDelta, 20);
    EXPECT_DOUBLE_EQ(d.fractionOver, 0.01);
    EXPECT_DOUBLE_EQ(compareImages(a, b, 25).fractionOver, 0.0);
}

TEST(Image, SizeMismatchIsTotalDifference) {
    auto d = compareImages(solid(4, 4, 0), solid(4, 5, 0), 8);
    EXPECT_FALSE(d.sizeMatches);
    EXPECT_EQ(d.fractionOver, 1.0);
}

TEST(Image, PngRoundTripKeepsPixels) {
    Image a = solid(7, 5, 0);
    for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 7; ++x) {
            auto* p = a.pixel(x, y);
            p[0] = std::uint8_t(x * 30); p[1] = std::uint8_t(y * 50); p[2] = 77; p[3] = 255;
        }
    auto path = test::outputPath("roundtrip.png");
    ASSERT_TRUE(writePng(a, path).ok());
    auto b = readPng(path);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->rgba, a.rgba);
}

TEST(Image, UnreadablePngNamesTheFile) {
    auto r = readPng("/nonexistent/soma/nothing.png");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("/nonexistent/soma/nothing.png"), std::string::npos);
}

} // namespace soma
