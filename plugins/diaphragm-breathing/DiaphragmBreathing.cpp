// diaphragm-breathing: slow breathing into the belly with a soft pacer.
//
// The spoken parts come from Narration.h (written as content, not code);
// this file lays them out as steps, adds the paced breath cycles between
// them and lights the diaphragm and the belly while they move with the
// breath: brightest as an in-breath fills, softer as it goes out (ABI 1.3's
// SOMA_PULSE_BREATH, so it follows whatever rhythm the person chose). The rhythm is 5.5 breaths a minute unless the person chose
// another, from 4.5 to 7; outside that range the plugin refuses with a
// message rather than guessing. Depends only on the SDK (soma/plugin_cpp.h)
// and plugins/common/NarrationStep.h, which lays out the spoken steps.
#include <soma/plugin_cpp.h>

#include "Narration.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <utility>
#include <sstream>
#include <string>

namespace {

using soma::plugins::NarrationStep;

constexpr double kDefaultBpm = 5.5;
constexpr double kMinBpm = 4.5;
constexpr double kMaxBpm = 7.0;
constexpr double kWordsPerMinute = 130.0; // a relaxed espeak voice
constexpr double kStepOverheadSec = 2.0;   // the session's own quiet around each step
constexpr double kGlowFadeSec = 3.0;       // the breath glow's fade in and out
constexpr double kGlowOverlapSec = 4.0;    // ... and how long it outlasts the pacer before fading

bool isPaced(const NarrationStep& s) { return std::strncmp(s.id, "pace_", 5) == 0; }

// Seconds a text takes: its words at a relaxed pace plus its breaks.
double estimateSec(const char* text) {
    double sec = 0.0;
    int words = 0;
    bool inWord = false, inTag = false;
    for (const char* p = text; *p; ++p) {
        if (*p == '<') {
            inTag = true;
            if (std::strncmp(p, "<break time=\"", 13) == 0) {
                double v = std::atof(p + 13);
                const char* unit = p + 13;
                while (*unit && (std::isdigit(static_cast<unsigned char>(*unit)) || *unit == '.')) ++unit;
                sec += std::strncmp(unit, "ms", 2) == 0 ? v / 1000.0 : v;
            }
        }
        if (!inTag) {
            const bool letter = !std::isspace(static_cast<unsigned char>(*p));
            if (letter && !inWord) ++words;
            inWord = letter;
        }
        if (*p == '>') inTag = false;
    }
    return sec + words * 60.0 / kWordsPerMinute;
}

soma_result build(const soma_host* raw) {
    return soma::sdk::guard(raw, [](soma::sdk::Host& host) {
        double bpm = host.breathsPerMinute();
        if (bpm == 0.0) bpm = kDefaultBpm;
        if (!(bpm >= kMinBpm && bpm <= kMaxBpm)) {
            std::ostringstream m;
            m << "breaths per minute " << bpm << " is outside what this exercise offers (" << kMinBpm << " to " << kMaxBpm
              << "); choose a value from " << kMinBpm << " to " << kMaxBpm << ", or none for " << kDefaultBpm;
            throw soma::sdk::Failure(SOMA_ERROR_UNSUPPORTED, m.str());
        }
        const std::string lang = host.language();
        const std::string variant = host.variant();
        const double cycleSec = 60.0 / bpm;

        // A step lasts as long as the longer of its speech and its breath
        // cycles, so a paced step gets enough cycles to cover its speech
        // plus the extra ones that fill the variant's intended length with
        // quiet breathing (at least one after each spoken cue).
        // The short one aims a little past its 5 minutes: its speech keeps
        // to the pacing rule (issue 13) only with that much quiet breathing.
        const double targetSec = (variant == "long" ? 15.0 : 5.5) * 60.0;
        double fixedSec = 0.0;
        int paced = 0;
        for (const auto& s : kNarration) {
            if (!soma::plugins::inVariant(s, variant)) continue;
            const double speech = estimateSec(soma::plugins::narrationFor(s, lang));
            fixedSec += (isPaced(s) ? std::ceil(speech / cycleSec) * cycleSec : speech) + s.pauseAfterSec + kStepOverheadSec;
            paced += isPaced(s);
        }
        const int extraCycles = paced ? std::max(1, static_cast<int>(std::lround((targetSec - fixedSec) / (paced * cycleSec)))) : 0;

        auto cyclesOf = [&](const NarrationStep& s) {
            return static_cast<int>(std::ceil(estimateSec(soma::plugins::narrationFor(s, lang)) / cycleSec)) + extraCycles;
        };
        // How long the paced steps from s on last, up to the pacer's end: a
        // paced step lasts its whole breath cycles, then its pause (its
        // speech fits inside its cycles, with one to spare at least).
        auto pacedRunSec = [&](const NarrationStep* s) {
            double sec = 0.0;
            for (; s != std::end(kNarration); ++s) {
                if (!soma::plugins::inVariant(*s, variant)) continue;
                if (!isPaced(*s)) break;
                sec += cyclesOf(*s) * cycleSec + s->pauseAfterSec;
            }
            return sec;
        };

        bool pacing = false, longExhale = false;
        double glowLeftSec = 0.0; // how long the breath glow holds on from this step's start
        soma::plugins::StepHooks hooks;
        hooks.first = [](soma::sdk::Host& h) { h.pose("supine").camera("torso").ambience("brown-noise").pacer(false); };
        hooks.extra = [&](soma::sdk::Host& h, const NarrationStep& s) {
            if (isPaced(s)) {
                if (!pacing) h.pacer(true);
                const double stepSec = cyclesOf(s) * cycleSec + s.pauseAfterSec;
                if (!pacing || glowLeftSec < stepSec + kGlowOverlapSec) {
                    // The diaphragm and the belly glow with the breath for
                    // as long as the pacer runs: one highlight each (a new
                    // one, overlapping, only where a hold would pass the
                    // host's limit), so the figure never fades between steps
                    // and no place is named anew with every step. The host
                    // times the swell on the session's own breath cycles
                    // (SOMA_PULSE_BREATH), which a plugin cannot see from
                    // inside a step. It holds a little past the last paced
                    // step, so it fades in the quiet after the tone stops.
                    const double holdSec = std::min(pacedRunSec(&s) + kGlowOverlapSec - kGlowFadeSec, SOMA_MAX_HOLD_SEC);
                    for (const auto& [region, level] : {std::pair{"diaphragm", 0.5f}, std::pair{"belly", 0.4f}})
                        h.highlight(soma::sdk::Highlight(region).at(0.0).intensity(level).withBreath().fade(kGlowFadeSec, kGlowFadeSec).hold(holdSec));
                    glowLeftSec = kGlowFadeSec + holdSec;
                }
                glowLeftSec -= stepSec;
                pacing = true;
                // From the longer-exhale step on, the exhale takes more of
                // the same cycle: the rhythm stays the one the person chose.
                if (std::strcmp(s.id, "pace_long_exhale") == 0) longExhale = true;
                const double inhale = cycleSec * (longExhale ? 0.35 : 0.4);
                h.breath({inhale, 0.0, cycleSec - inhale, 0.0, cyclesOf(s)});
            } else if (pacing) {
                // Back to the person's own rhythm: no tone, an easy pattern.
                h.pacer(false);
                h.breath({3.5, 0.0, 5.0, 0.0, 0});
                pacing = false;
            }
            // The closing rest names the feet and the whole body: the camera
            // eases back to show all of it.
            if (std::strcmp(s.id, "rest") == 0) h.camera("whole_body");
        };
        soma::plugins::buildSteps(host, kNarration, hooks);
    });
}

const soma_text kTitles[] = {{"nl", "Ademen naar je buik"}, {"en", "Diaphragm breathing"}, {nullptr, nullptr}};
const soma_text kSummaries[] = {{"nl", "Langzaam ademen naar je buik, met een zachte toon als gids."},
                                {"en", "Slow breathing into your belly, with a soft tone as a guide."},
                                {nullptr, nullptr}};
const char* const kLanguages[] = {"nl", "en", nullptr};
const soma_variant kVariants[] = {{"short", 5.0}, {"long", 15.0}, {nullptr, 0.0}};

} // namespace

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER, "diaphragm-breathing", kTitles, kSummaries, kLanguages, kVariants, build, nullptr, nullptr};
