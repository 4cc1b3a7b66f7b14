#include "core/Time.h"

#include <gtest/gtest.h>

namespace soma {

TEST(Time, SecondsRoundTripThroughSamples) {
    EXPECT_EQ(fromSeconds(1.0), 48000);
    EXPECT_EQ(fromSeconds(12.5), 600000);
    EXPECT_DOUBLE_EQ(toSeconds(600000), 12.5);
    EXPECT_EQ(fromMillis(20), 960);
}

TEST(Time, ThreeDaysOfSamplesStayExact) {
    // A kiosk runs for days; a float second count would have lost sample
    // precision long before this.
    const Samples threeDays = Samples(3) * 24 * 3600 * kMixRate;
    EXPECT_EQ(threeDays + 1 - threeDays, 1);
    // A float second count cannot even tell these two samples apart.
    EXPECT_EQ(float(toSeconds(threeDays)), float(toSeconds(threeDays + 1)));
    EXPECT_EQ(fromSeconds(toSeconds(threeDays + 1)), threeDays + 1);
}

} // namespace soma
