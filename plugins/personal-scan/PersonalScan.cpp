// personal-scan: a body scan made from the client's tension map. Attention
// goes from head to feet like the shipped body scan, meets the whole body
// briefly in groups, and stays longer with the places the therapist marked:
// each its own step, with more quiet for a higher rating; a place rated 7
// or more approached gently (an easier place nearby first, only the edge,
// a shorter stay, a way back to the floor and the breath); inner places
// (psoas, diaphragm, pelvic floor) as directions to sense towards. Without
// a map, or with nothing rated, it says so kindly and is a general scan.
//
// Which places and in what order: Walk.h, from the map, the therapist's own
// `tension` (ABI 1.2's map field) and the host's atlas ("soma.regions/1",
// "soma.region_neighbours/1"; without them, its own table and no easier
// place). The words: Narration.h, with each place said the way the host
// says it ("soma.region_phrase/1": "je linkerschouder", "the crown of your
// head"). The therapist's notes are never read, let alone spoken: only
// whether a note exists breaks a tie between equal ratings.
//
// Lying on the back (supine), like the body scan: every region the walk can
// light shows on that figure with these cameras, the back rests on the
// floor where the scan names it, and the arrival offers a cushion under the
// knees for a back that asks for it (constructive rest, knees up, would
// hide the fronts of the thighs and the feet from the pelvis_legs camera).
//
// A person's own recordings (extension "soma.recording/1", where the host
// offers it) are filed under the words a step says, not its id: which of
// the rotating sentences it is and the places it names ("stay1-jaw",
// "near_ground"), so the same words are recorded once and other words never
// take their file (RecordingSlot.h).
//
// Depends only on the SDK (soma/plugin_cpp.h), plugins/common/NarrationStep.h,
// plugins/common/RecordingSlot.h and this folder's Walk.h and Narration.h. Declares ABI 1.2
// (SOMA_PLUGIN_ENTRY_HEADER_NEEDS(2)): it reads the therapist's tension,
// which a host hands only to plugins of 1.2 or later; the 1.3 phrase
// extension it uses where offered and falls back to the name without it.
#include <soma/plugin_cpp.h>

#include "Narration.h"
#include "RecordingSlot.h"
#include "SpokenPlace.h"
#include "Walk.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace {

using soma::plugins::NarrationStep;
using soma::plugins::spokenPlace;
namespace ps = soma::plugins::personal_scan;

// Intensities: a place to stay with as clearly as the passages light theirs
// (Narration.h), a place rated 7 or more faintly (never brighter than the
// easier place beside it), a place met in passing a little less.
constexpr float kStayIntensity = 0.8f;
constexpr float kGentleIntensity = 0.35f;
constexpr float kNearIntensity = 0.6f;
constexpr float kBriefIntensity = 0.6f;

// Quiet after a place to stay with, seconds: 15 for a rating of 1 up to 23
// for a 6 (the rating, in whole seconds so a <break/> can hold it); a 0
// (only the therapist's chosen tension can be one) keeps 14.
int stayQuietSec(int rating) { return 14 + (3 * std::min(rating, 6)) / 2; }
constexpr int kWayOutFrom = 4;            // from this rating the way out is said after the quiet
constexpr double kAfterWayOutSec = 4.0;   // quiet after it
constexpr double kAfterGentleSec = 14.0;  // quiet after the way back from a gentle visit
constexpr double kAfterNearSec = 2.0;     // the near step's own quiet is inside its words

std::string replaceAll(std::string s, const std::string& what, const std::string& with) {
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
    return s;
}

// The host's atlas, or the walk's own table on a host without
// "soma.regions/1" (region_name, there since 1.0, says which ids it knows).
ps::Body bodyOf(soma::sdk::Host& host) {
    ps::Body body;
    if (auto regions = host.regions(); regions && !regions->empty()) {
        for (const auto& r : *regions) {
            body.ids.push_back(r.id);
            body.internal.push_back(r.internal());
        }
    } else {
        const soma_host* raw = host.raw();
        for (const ps::Section& s : ps::sections())
            for (const std::string& id : s.regions)
                if (raw->region_name(raw, id.c_str())) {
                    body.ids.push_back(id);
                    body.internal.push_back(ps::builtInInternal(id));
                }
    }
    if (!body.ids.empty() && host.adjacent(body.ids.front(), body.ids.back()).has_value())
        body.adjacent = [&host](const std::string& a, const std::string& b) { return host.adjacent(a, b).value_or(false); };
    return body;
}

ps::Plan planFor(soma::sdk::Host& host, const ps::Body& body) {
    std::vector<ps::Rating> map;
    for (const auto& t : host.tension()) map.push_back({t.region, t.rating, !t.note.empty(), t.timestamp});
    const bool mapped = host.raw()->tension_map(host.raw()) != nullptr;
    // Nothing of the map is logged: it is the client's health data.
    return ps::plan(map, host.tensionChoice().tension, mapped, host.variant(), body);
}

// The phrase with its mark right before the word that names the place:
// after the possessive ("je <mark/>linkerschouder"), or before the whole
// phrase when it is a label ("<mark/>de kruin van je hoofd").
std::string withMark(const std::string& phrase, const std::string& mark, bool dutch) {
    const std::string possessive = dutch ? "je " : "your ";
    const std::string tag = "<mark name=\"" + mark + "\"/>";
    if (phrase.rfind(possessive, 0) == 0) return possessive + tag + phrase.substr(possessive.size());
    return tag + phrase;
}

const char* pick(const ps::Words& w, bool dutch) { return dutch ? w.nl : w.en; }

std::string whereOf(const std::string& id, bool dutch) {
    for (const ps::Where& w : ps::kWhere)
        if (id == w.region) return dutch ? w.nl : w.en;
    return pick(ps::kWhereElse, dutch);
}

// A passage's highlights without the places the session stays with (they
// get their own light when it does).
std::string withoutLingered(const std::string& spec, const std::set<std::string>& lingered) {
    std::string out;
    size_t pos = 0;
    while (pos < spec.size()) {
        size_t end = spec.find(' ', pos);
        if (end == std::string::npos) end = spec.size();
        const std::string item = spec.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty() || lingered.count(item.substr(0, item.find('@')))) continue;
        out += (out.empty() ? "" : " ") + item;
    }
    return out;
}

std::set<std::string> regionsOf(const std::string& spec) {
    std::set<std::string> out;
    size_t pos = 0;
    while (pos < spec.size()) {
        size_t end = spec.find(' ', pos);
        if (end == std::string::npos) end = spec.size();
        const std::string item = spec.substr(pos, end - pos);
        pos = end + 1;
        if (!item.empty()) out.insert(item.substr(0, item.find('@')));
    }
    return out;
}

class Builder {
public:
    Builder(soma::sdk::Host& host, const ps::Body& body, const ps::Plan& plan)
        : mHost(host), mBody(body), mPlan(plan), mDutch(soma::plugins::isDutch(host.language())), mLong(host.variant() == "long") {
        for (const ps::Linger& l : plan.lingers) mLingered.insert(l.region);
    }

    void build() {
        arrive();
        if (mLong) table(ps::kSettle);
        const auto& sections = ps::sections();
        for (size_t i = 0; i < sections.size(); ++i) section(int(i), sections[i]);
        camera("whole_body");
        for (const NarrationStep& s : ps::kEnding)
            if (soma::plugins::inVariant(s, mHost.variant())) table(s);
    }

private:
    void arrive() {
        mHost.beginStep("arrive");
        mHost.pose("supine").camera("whole_body").ambience("brown-noise").pacer(false);
        mHost.breath({4.0, 0.0, 6.0, 0.0, 0});
        const NarrationStep& s = mPlan.anyRated() ? ps::kArriveMapped : mPlan.mapped ? ps::kArriveCalm : ps::kArriveNoMap;
        // Three welcomes under one step id: each its own recording.
        mHost.recordingSlot(mPlan.anyRated() ? "arrive_mapped" : mPlan.mapped ? "arrive_calm" : "arrive_no_map");
        mHost.speak(std::string(mDutch ? ps::kArriveCommonNl : ps::kArriveCommonEn) + soma::plugins::narrationFor(s, mHost.language()));
        mHost.pause(s.pauseAfterSec);
        mHost.endStep();
    }

    // A step of a table, as written, its highlights less the lingered places.
    void table(const NarrationStep& s, const std::string& spec) {
        begin(s.id);
        mHost.speak(soma::plugins::narrationFor(s, mHost.language()));
        soma::plugins::addHighlights(mHost, spec);
        mHost.pause(s.pauseAfterSec);
        mHost.endStep();
    }
    void table(const NarrationStep& s) { table(s, s.highlights ? s.highlights : ""); }

    void camera(const std::string& preset) {
        if (preset == mCamera) return;
        mCamera = preset;
        mPendingCamera = true;
    }
    // Opens a step and moves the camera there when the section asked for it.
    void begin(const std::string& id) {
        mHost.beginStep(id);
        if (mPendingCamera) mHost.camera(mCamera);
        mPendingCamera = false;
    }

    void section(int index, const ps::Section& sec) {
        std::vector<const ps::Linger*> here;
        for (const ps::Linger& l : mPlan.lingers)
            if (ps::walkRank(mBody, l.region).section == index) here.push_back(&l);
        std::set<std::string> passed;
        bool cameraSet = false;
        auto enter = [&] {
            if (!cameraSet) camera(sec.camera);
            cameraSet = true;
        };
        for (const ps::Passage& p : ps::kPassages) {
            if (std::string(p.section) != sec.id || !soma::plugins::inVariant(p.step, mHost.variant())) continue;
            const std::string spec = withoutLingered(p.step.highlights, mLingered);
            if (spec.empty()) continue; // every place it names gets its own step
            for (const std::string& r : regionsOf(spec)) passed.insert(r), mLit.insert(r);
            enter();
            begin(p.step.id);
            mHost.speak(soma::plugins::narrationFor(p.step, mHost.language()));
            soma::plugins::addHighlights(mHost, spec);
            mHost.pause(p.step.pauseAfterSec);
            mHost.endStep();
        }
        for (const ps::Linger* l : here) {
            enter();
            linger(*l);
        }
        if (!mLong) return;
        std::vector<std::string> brief;
        for (const std::string& id : mPlan.rest)
            if (ps::walkRank(mBody, id).section == index && !passed.count(id)) brief.push_back(id);
        if (brief.empty()) return;
        enter();
        briefly(sec.id, brief);
    }

    void linger(const ps::Linger& l) {
        mLit.insert(l.region);
        const std::string place = withMark(spokenPlace(mHost, l.region, mDutch), "place", mDutch);
        const std::string where = whereOf(l.region, mDutch);
        if (l.gentle) {
            begin("near_" + l.region);
            if (!l.nearby.empty()) {
                const bool again = mLit.count(l.nearby) > 0;
                const size_t turn = again ? 0 : mNearTurn++ % std::size(ps::kNear);
                const ps::Words& w = again ? ps::kNearAgain : ps::kNear[turn];
                mHost.recordingSlot(soma::plugins::slotName(again ? "near_again" : "near" + std::to_string(turn + 1), {l.nearby}));
                mHost.speak(replaceAll(pick(w, mDutch), "{near}", withMark(spokenPlace(mHost, l.nearby, mDutch), "near", mDutch)));
                mHost.highlight(soma::sdk::Highlight(l.nearby).onMark("near").intensity(kNearIntensity));
                mLit.insert(l.nearby);
            } else {
                mHost.recordingSlot("near_ground"); // the same words before every such visit
                mHost.speak(pick(ps::kNearGround, mDutch));
            }
            mHost.pause(kAfterNearSec);
            mHost.endStep();

            begin("linger_" + l.region);
            const size_t turn = l.internal ? 0 : mGentleTurn++ % std::size(ps::kGentle);
            const ps::Words& w = l.internal ? ps::kGentleInner : ps::kGentle[turn];
            mHost.recordingSlot(soma::plugins::slotName(l.internal ? "gentle_inner" : "gentle" + std::to_string(turn + 1), {l.region, l.nearby}));
            const std::string back =
                l.nearby.empty() ? std::string() : (mDutch ? "naar " : "to ") + spokenPlace(mHost, l.nearby, mDutch) + ", ";
            mHost.speak(replaceAll(replaceAll(replaceAll(pick(w, mDutch), "{place}", place), "{where}", where), "{back}", back));
            mHost.highlight(soma::sdk::Highlight(l.region).onMark("place").intensity(kGentleIntensity));
            mHost.pause(kAfterGentleSec);
            mHost.endStep();
            return;
        }
        begin("linger_" + l.region);
        const size_t turn = l.internal ? mInnerTurn++ % std::size(ps::kStayInner) : mStayTurn++ % std::size(ps::kStay);
        const ps::Words& w = l.internal ? ps::kStayInner[turn] : ps::kStay[turn];
        std::string text = replaceAll(replaceAll(pick(w, mDutch), "{place}", place), "{where}", where);
        const std::string stay = (l.internal ? "stay_inner" : "stay") + std::to_string(turn + 1);
        const int quiet = stayQuietSec(l.rating);
        if (l.rating >= kWayOutFrom) {
            // The quiet and the way out are in the words, so in the name.
            const size_t out = mWayOutTurn++ % std::size(ps::kWayOut);
            mHost.recordingSlot(soma::plugins::slotName(stay, {l.region, std::to_string(quiet) + "s", "out" + std::to_string(out + 1)}));
            text += " <break time=\"" + std::to_string(quiet) + "s\"/> " + pick(ps::kWayOut[out], mDutch);
            mHost.speak(text);
            mHost.pause(kAfterWayOutSec);
        } else {
            mHost.recordingSlot(soma::plugins::slotName(stay, {l.region}));
            mHost.speak(text);
            mHost.pause(double(quiet));
        }
        mHost.highlight(soma::sdk::Highlight(l.region).onMark("place").intensity(kStayIntensity));
        mHost.endStep();
    }

    // Rated places no passage lit, named in one breath ("A, B en C").
    void briefly(const std::string& sectionId, const std::vector<std::string>& ids) {
        std::string list;
        for (size_t i = 0; i < ids.size(); ++i) {
            if (i > 0) list += i + 1 == ids.size() ? (mDutch ? " en " : " and ") : ", ";
            list += withMark(spokenPlace(mHost, ids[i], mDutch), "p" + std::to_string(i), mDutch);
        }
        begin("brief_" + sectionId);
        const size_t turn = mBriefTurn++ % std::size(ps::kBrief);
        mHost.recordingSlot(soma::plugins::slotName("brief" + std::to_string(turn + 1), ids));
        mHost.speak(replaceAll(pick(ps::kBrief[turn], mDutch), "{list}", list));
        for (size_t i = 0; i < ids.size(); ++i) {
            mHost.highlight(soma::sdk::Highlight(ids[i]).onMark("p" + std::to_string(i)).intensity(kBriefIntensity));
            mLit.insert(ids[i]);
        }
        mHost.pause(2.0);
        mHost.endStep();
    }

    soma::sdk::Host& mHost;
    const ps::Body& mBody;
    const ps::Plan& mPlan;
    const bool mDutch;
    const bool mLong;
    std::set<std::string> mLingered;
    std::set<std::string> mLit; // every region lit so far
    std::string mCamera = "whole_body"; // the arrival's
    bool mPendingCamera = false;
    size_t mStayTurn = 0, mInnerTurn = 0, mWayOutTurn = 0, mNearTurn = 0, mGentleTurn = 0, mBriefTurn = 0;
};

soma_result build(const soma_host* raw) {
    return soma::sdk::guard(raw, [](soma::sdk::Host& host) {
        const ps::Body body = bodyOf(host);
        const ps::Plan plan = planFor(host, body);
        Builder(host, body, plan).build();
    });
}

const soma_text kTitles[] = {{"nl", "Persoonlijke bodyscan"}, {"en", "Personal body scan"}, {nullptr, nullptr}};
const soma_text kSummaries[] = {
    {"nl", "Een bodyscan van je hoofd naar je voeten, die langer stilstaat bij de plekken op je spanningskaart."},
    {"en", "A body scan from head to feet that stays longer with the places on your tension map."},
    {nullptr, nullptr}};
const char* const kLanguages[] = {"nl", "en", nullptr};
const soma_variant kVariants[] = {{"short", 7.0}, {"long", 12.0}, {nullptr, 0.0}};

} // namespace

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER_NEEDS(2), "personal-scan", kTitles, kSummaries, kLanguages, kVariants, build, nullptr, nullptr};
