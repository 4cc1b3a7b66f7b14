#include "session/Grounding.h"

#include "catalog/Catalog.h"

#include <algorithm>
#include <iterator>

namespace soma {
SessionRequest groundingRequest(const std::string& lang) {
    // Its words come from the catalogue (catalog/, assets/catalog/*.po);
    // a language without them is spoken in English, by the English voice.
    const char* ids[] = {"look-around", "feet-and-weight", "here-and-now"};
    const char* keys[] = {"grounding.look_around", "grounding.feet_and_weight", "grounding.here_and_now"};
    const Catalog& words = uiCatalog();
    const std::string primary = lang.substr(0, lang.find('-'));
    const bool own = std::all_of(std::begin(keys), std::end(keys), [&](const char* k) { return words.has(lang, k) || words.has(primary, k); });
    SessionRequest rq;
    rq.exercise = "grounding-way-out";
    rq.lang = own ? primary : "en";
    rq.variant = "short";
    rq.pose = "seated";
    rq.camera = "whole_body";
    rq.ambience = "none";
    rq.pacer = false;
    for (int i = 0; i < 3; ++i) {
        StepRequest st;
        st.id = ids[i];
        st.narration = words.text(own ? lang : "en", keys[i]);
        st.pauseAfterSec = i == 2 ? 6.0 : 2.0;
        st.breath = BreathPattern{4.0, 0.0, 6.0, 0.0, 0};
        if (i == 1) {
            for (const char* region : {"foot_left", "foot_right"}) {
                HighlightRequest h;
                h.region = region;
                h.mark = "feet";
                h.intensity = 0.5f; // soft: a hint of warmth, not a demand on attention
                h.fadeInSec = 3.0;
                h.holdSec = 6.0;
                h.fadeOutSec = 4.0;
                st.highlights.push_back(h);
            }
        }
        rq.steps.push_back(std::move(st));
    }
    return rq;
}

Result<Session> buildGroundingSession(const std::string& lang, SessionBuildOptions options) {
    options.note = false;
    return buildSession(groundingRequest(lang), options);
}

namespace {

// The preset change that starts at `at` from what the list shows then: it
// waits for a change still under way, since a blend is never cut short.
void easeTo(std::vector<PresetChange>& list, const std::string& initial, Samples at, Samples length, const std::string& to,
            const std::string& step) {
    const std::string current = list.empty() ? initial : list.back().to;
    if (current == to) return;
    const Samples start = list.empty() ? at : std::max(at, list.back().at + list.back().length);
    list.push_back({start, length, current, to, step});
}

} // namespace

Session spliceGrounding(const Session& ex, Samples at, const Session& g) {
    at = std::clamp<Samples>(at, 0, ex.duration);
    const Samples shift = at + fromSeconds(kGroundingQuietSec);
    Session out;
    out.exercise = ex.exercise;
    out.lang = ex.lang;
    out.variant = ex.variant;
    out.note = ex.note;
    out.initialPose = ex.initialPose;
    out.initialCamera = ex.initialCamera;
    out.request = ex.request;
    out.reactions = ex.reactions;

    // The exercise's clips that had begun; the one speaking fades.
    std::vector<int> clipIndex(ex.clips.size(), -1);
    for (std::size_t i = 0; i < ex.clips.size(); ++i) {
        if (ex.clips[i].at >= at) continue;
        clipIndex[i] = int(out.clips.size());
        NarrationClip c = ex.clips[i];
        if (c.fadeOutAt < 0 || c.fadeOutAt > at) {
            c.fadeOutAt = at;
            c.fadeOutLength = fromSeconds(kGroundingVoiceFadeSec);
        }
        out.clips.push_back(std::move(c));
    }
    const int playing = ex.stepAt(at);
    for (int i = 0; i <= playing && i < int(ex.steps.size()); ++i) {
        SessionStep st = ex.steps[std::size_t(i)];
        st.clip = st.clip >= 0 ? clipIndex[std::size_t(st.clip)] : -1;
        st.end = std::min(st.end, at);
        st.speechStart = std::min(st.speechStart, at);
        st.speechEnd = std::min(st.speechEnd, at);
        out.steps.push_back(std::move(st));
    }
    const int clipOffset = int(out.clips.size());
    for (const SessionStep& gs : g.steps) {
        SessionStep st = gs;
        st.start += shift;
        st.speechStart += shift;
        st.speechEnd += shift;
        st.end += shift;
        if (st.clip >= 0) st.clip += clipOffset;
        st.note = false;
        out.steps.push_back(std::move(st));
    }
    // The grounding's first step covers the quiet after the exercise, so the
    // steps stay contiguous.
    if (out.steps.size() > std::size_t(playing + 1)) out.steps[std::size_t(playing + 1)].start = at;
    for (const NarrationClip& gc : g.clips) {
        NarrationClip c = gc;
        c.at += shift;
        out.clips.push_back(std::move(c));
    }

    for (const WordTiming& w : ex.words)
        if (w.start < at) out.words.push_back(w);
    for (const WordTiming& w : g.words) out.words.push_back({w.start + shift, w.end + shift, w.text});
    for (const SessionMark& m : ex.marks)
        if (m.at < at) out.marks.push_back(m);
    for (const SessionMark& m : g.marks) out.marks.push_back({m.name, m.step, m.at + shift});

    for (const TimedHighlight& h : ex.highlights) {
        if (h.start >= at) continue;
        TimedHighlight k = h;
        // One already fading out goes on at its own pace.
        if (at < h.holdEnd && (k.releaseAt < 0 || k.releaseAt > at)) {
            k.releaseAt = at;
            k.releaseLength = fromSeconds(kGroundingLightFadeSec);
        }
        out.highlights.push_back(k);
    }
    for (const TimedHighlight& h : g.highlights) {
        TimedHighlight k = h;
        k.start += shift;
        k.holdEnd += shift;
        if (k.releaseAt >= 0) k.releaseAt += shift;
        out.highlights.push_back(k);
    }

    for (const CaptionCue& c : ex.captions)
        if (c.start < at) out.captions.push_back({c.start, std::min(c.end, at + fromSeconds(kGroundingVoiceFadeSec)), c.lines});
    for (const CaptionCue& c : g.captions) out.captions.push_back({c.start + shift, c.end + shift, c.lines});

    // The breath finishes the out-breath it is in (or on its way to), so the
    // chest never drops at once; then quiet until the grounding's first
    // in-breath from there on.
    Samples resume = at;
    for (std::size_t i = 0; i < ex.breath.size(); ++i) {
        const BreathPhase& p = ex.breath[i];
        if (p.start + p.length <= at) {
            out.breath.push_back(p);
            continue;
        }
        if (p.start >= at && (out.breath.empty() || out.breath.back().kind != BreathKind::Inhale) &&
            (out.breath.empty() || out.breath.back().kind != BreathKind::HoldIn))
            break; // empty lungs: nothing to finish
        if (p.kind == BreathKind::HoldOut) {
            BreathPhase cut = p;
            cut.length = std::max<Samples>(0, at - p.start);
            if (cut.length > 0) out.breath.push_back(cut);
            resume = std::max(at, p.start);
            break;
        }
        if (p.kind == BreathKind::HoldIn) {
            // Nobody is asked to go on holding their breath after leaving:
            // the hold ends now and the out-breath follows at its own pace.
            BreathPhase cut = p;
            cut.length = std::max<Samples>(0, at - p.start);
            if (cut.length > 0) out.breath.push_back(cut);
            Samples exhale = fromSeconds(6.0);
            for (std::size_t j = i + 1; j < ex.breath.size(); ++j)
                if (ex.breath[j].kind == BreathKind::Exhale) {
                    exhale = ex.breath[j].length;
                    break;
                }
            out.breath.push_back({BreathKind::Exhale, std::max(at, p.start), exhale});
            break;
        }
        out.breath.push_back(p);
        resume = p.start + p.length;
        if (p.kind == BreathKind::Exhale) break;
    }
    if (!out.breath.empty()) resume = out.breath.back().start + out.breath.back().length;
    std::size_t first = 0;
    while (first < g.breath.size() &&
           (g.breath[first].start + shift < resume || g.breath[first].kind != BreathKind::Inhale))
        ++first;
    const Samples next = first < g.breath.size() ? g.breath[first].start + shift : std::max(resume, shift);
    if (next > resume) out.breath.push_back({BreathKind::HoldOut, resume, next - resume});
    for (std::size_t i = first; i < g.breath.size(); ++i) {
        BreathPhase p = g.breath[i];
        p.start += shift;
        out.breath.push_back(p);
    }

    // The figure keeps the pose the person is in; the camera eases back to
    // the whole body, at the pace of any camera move.
    for (const PresetChange& c : ex.poses)
        if (c.at < at) out.poses.push_back(c);
    for (const PresetChange& c : ex.cameras)
        if (c.at < at) out.cameras.push_back(c);
    const std::string firstStep = g.steps.empty() ? std::string() : g.steps.front().id;
    const Samples cameraMove =
        g.cameras.empty() ? fromSeconds(SessionBuildOptions{}.cameraMoveSec) : std::max<Samples>(g.cameras.front().length, 1);
    easeTo(out.cameras, ex.initialCamera, at, cameraMove, g.initialCamera, firstStep);
    for (const PresetChange& c : g.cameras) easeTo(out.cameras, ex.initialCamera, c.at + shift, c.length, c.to, c.step);

    for (const AmbienceChange& a : ex.ambience)
        if (a.at < at) out.ambience.push_back(a);
    for (const AmbienceChange& a : g.ambience) {
        AmbienceChange k = a;
        k.at = a.at == 0 ? at : a.at + shift;
        out.ambience.push_back(k);
    }
    for (const PacerChange& p : ex.pacer)
        if (p.at < at) out.pacer.push_back(p);
    for (const PacerChange& p : g.pacer) out.pacer.push_back({p.at == 0 ? at : p.at + shift, p.on});

    out.duration = std::max(shift + g.duration, resume);
    if (!out.steps.empty()) out.steps.back().end = out.duration;
    return out;
}

} // namespace soma
