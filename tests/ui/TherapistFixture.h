// The therapist-mode tests' fixture: the shell opened, therapist mode
// unlocked, the figure searched for a region the way an eye would.
#pragma once

#include "live/Shell.h"
#include "live/Therapist.h"
#include "model/RegionAtlas.h"
#include "support/ShellFixture.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>

namespace soma {

inline const char* kPassphrase = "zacht ademen 2026";

class TherapistTest : public ShellTest {
protected:
    Therapist& therapist() { return *shell->therapist(); }

    // Opens therapist mode from the home screen and unlocks the records
    // (choosing the passphrase the first time).
    void unlock(const std::string& passphrase = kPassphrase) {
        tap("therapist");
        ASSERT_EQ(shell->where(), Shell::Where::Therapist);
        ASSERT_EQ(therapist().page(), Therapist::Page::Unlock);
        const bool first = shell->screen().find("repeat") != nullptr;
        tap("passphrase");
        typeText(passphrase);
        if (first) {
            tap("repeat");
            typeText(passphrase);
        }
        tap("open");
    }

    // A point of the figure where a tap picks `region` now: the figure is
    // searched on a grid the way a therapist's eye would find it.
    std::optional<std::pair<float, float>> find(const std::string& region) {
        const ui::Widget& fig = widget("figure");
        for (int j = 1; j < 60; ++j)
            for (int i = 1; i < 40; ++i) {
                const float x = fig.rect.x + fig.rect.w * float(i) / 40.0f, y = fig.rect.y + fig.rect.h * float(j) / 60.0f;
                if (therapist().regionAt(x, y, shell->screen()) == region) return std::pair{x, y};
            }
        return std::nullopt;
    }

    // Taps the figure where `region` is, and rates it.
    void mark(const std::string& region, int rating) {
        SCOPED_TRACE(region);
        const auto at = find(region);
        if (!at) {
            std::set<std::string> seen;
            const ui::Widget& fig = widget("figure");
            for (int j = 1; j < 60; ++j)
                for (int i = 1; i < 40; ++i)
                    if (auto r = therapist().regionAt(fig.rect.x + fig.rect.w * float(i) / 40.0f, fig.rect.y + fig.rect.h * float(j) / 60.0f,
                                                      shell->screen()))
                        seen.insert(*r);
            FAIL() << region << " is nowhere on the figure; there are " << ::testing::PrintToString(seen);
        }
        tapPoint(at->first, at->second);
        ASSERT_EQ(therapist().chosenRegion(), region);
        tap("rate:" + std::to_string(rating));
    }

    int ratingOf(const TensionMap& map, const std::string& region) {
        for (const auto& r : map.ratings)
            if (r.region == region) return r.rating;
        return -1;
    }
};

} // namespace soma
