#include "core/Log.h"

#include <gtest/gtest.h>

namespace soma {

TEST(Log, CaptureSeesIdAndMessage) {
    log::setStderrLevel(log::Level::Error);
    log::Capture cap;
    log::warn("test.something", "value {} is odd", 7);
    ASSERT_EQ(cap.records().size(), 1u);
    EXPECT_EQ(cap.records()[0].id, "test.something");
    EXPECT_EQ(cap.records()[0].message, "value 7 is odd");
    EXPECT_EQ(cap.records()[0].level, log::Level::Warn);
    EXPECT_TRUE(cap.has("test.something"));
    EXPECT_FALSE(cap.has("test.other"));
}

TEST(Log, CaptureStopsWhenDestroyed) {
    log::setStderrLevel(log::Level::Error);
    log::Capture outer;
    {
        log::Capture inner;
        log::info("test.a", "a");
        EXPECT_EQ(inner.records().size(), 1u);
    }
    log::info("test.b", "b");
    EXPECT_EQ(outer.records().size(), 2u);
}

} // namespace soma
