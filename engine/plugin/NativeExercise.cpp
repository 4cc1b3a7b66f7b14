#include "plugin/NativeExercise.h"

#include "core/Log.h"
#include "core/Text.h"
#include "model/RegionAtlas.h"
#include "model/Rules.h"
#include "model/Vocabulary.h"
#include "plugin/PluginCheck.h"
#include "plugin/PluginCheckCache.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <optional>
#include <set>

namespace soma {

namespace fs = std::filesystem;

namespace {

// The sizes of the structs as ABI 1.0 froze them: the smallest struct_size
// a 1.x plugin can hand over. They end at the last 1.0 field, so they stay
// right when a later minor appends fields (and sizeof grows).
constexpr size_t kEntrySize10 = offsetof(soma_plugin_entry, on_event) + sizeof(soma_plugin_entry::on_event);
constexpr size_t kHighlightSize10 = offsetof(soma_highlight, pulse_hz) + sizeof(soma_highlight::pulse_hz);
constexpr size_t kBreathSize10 = offsetof(soma_breath_pattern, hold_out_sec) + sizeof(soma_breath_pattern::hold_out_sec);
// The tension map as 1.0 and 1.1 have it, ending at ratings: what a plugin
// of those minors gets, even from a host that knows the 1.2 fields.
constexpr size_t kTensionMapSize11 = offsetof(soma_tension_map, ratings) + sizeof(soma_tension_map::ratings);


// Why a string from a plugin cannot be used, or nullopt when it can. Reads
// at most maxBytes + 1 bytes, so an unterminated buffer is refused rather
// than followed into the unknown.
std::optional<std::string> badString(const char* s, size_t maxBytes, bool multiline) {
    if (!s) return std::string("is NULL");
    size_t n = 0;
    while (n <= maxBytes && s[n]) ++n;
    if (n > maxBytes) return fmt::format("is longer than {} bytes (or not terminated)", maxBytes);
    const std::string_view text(s, n);
    for (size_t i = 0; i < n;) {
        const auto c = decodeUtf8At(text, i);
        if (!c) return fmt::format("is not valid UTF-8 (byte {})", i);
        const char32_t cp = c->codePoint;
        if ((cp < 0x20 && !(multiline && (cp == U'\n' || cp == U'\t'))) || cp == 0x7f)
            return fmt::format("holds control character 0x{:02x} at byte {}", std::uint32_t(cp), i);
        i += size_t(c->length);
    }
    return std::nullopt;
}

bool finite(double v) { return std::isfinite(v); }

// What the host functions work on during one build or on_event call.
struct HostContext {
    const fs::path* path = nullptr;
    std::string exerciseId;
    const DescribeOptions* options = nullptr;
    uint32_t pluginMinor = 0; // the entry's abi_minor: how large a map it may be handed
    bool inEvent = false;
    Samples clock = 0;
    std::set<std::string> takenIds; // step ids of the session so far

    std::vector<StepRequest> steps;
    std::optional<StepRequest> open;
    std::vector<std::string> removed;

    std::optional<Error> firstError;
    std::string reported; // the plugin's own report_error message

    soma_tension_map cmap{};
    std::vector<soma_tension_rating> cratings;
    std::string scratch; // region_name's answer lives here until the next call

    soma_result fail(soma_result code, std::string id, std::string what) {
        if (!firstError) {
            std::string where = open ? fmt::format(" (step '{}')", open->id) : std::string();
            firstError = Error{std::move(id), fmt::format("{}: {}{}; fix the plugin", path->string(), what, where)};
        }
        return code;
    }
};

// The host of the build or on_event call this thread is in: a host
// function works only through it. A plugin that keeps the host and calls
// it later, or from a thread of its own, is refused without anything being
// touched (the context it points to may be gone, or in use on another
// thread), and the refusal counted for the plugin check to report.
thread_local const soma_host* tCallHost = nullptr;
std::atomic<unsigned> gStrayCalls{0};

HostContext* ctx(const soma_host* h) {
    if (!h || h != tCallHost) {
        if (gStrayCalls.fetch_add(1) == 0)
            log::warn("plugin.stray_call", "a native plugin called the host outside build or on_event, or from a thread of its own; "
                                           "the call was refused");
        return nullptr;
    }
    return static_cast<HostContext*>(h->host_data);
}

// While it lives, `host` is the one this thread's host functions accept.
class CallScope {
public:
    explicit CallScope(const soma_host* host) : mPrevious(tCallHost) { tCallHost = host; }
    ~CallScope() { tCallHost = mPrevious; }
    CallScope(const CallScope&) = delete;
    CallScope& operator=(const CallScope&) = delete;

private:
    const soma_host* mPrevious;
};

// A broken rule of model/Rules, under the id a plugin's error carries.
soma_result failRule(HostContext& c, const RuleBreak& rule) {
    const char* id = rule.kind == RuleBreak::Kind::Region      ? "plugin.unknown_region"
                     : rule.kind == RuleBreak::Kind::Mark      ? "plugin.unknown_mark"
                     : rule.kind == RuleBreak::Kind::Narration ? "plugin.bad_narration"
                                                               : "plugin.bad_value";
    return c.fail(SOMA_ERROR_INVALID_ARGUMENT, id, rule.message);
}

soma_result needOpenStep(HostContext& c, const char* fn) {
    if (c.open) return SOMA_OK;
    return c.fail(SOMA_ERROR_WRONG_STATE, "plugin.wrong_state", fmt::format("{}() called outside a step: call begin_step() first", fn));
}

soma_result checkedId(HostContext& c, const char* s, const char* what, std::string& out) {
    if (auto bad = badString(s, SOMA_MAX_ID_BYTES, false))
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_string", fmt::format("{} {}", what, *bad));
    out = s;
    return SOMA_OK;
}

const char* hostLanguage(const soma_host* h) {
    const HostContext* c = ctx(h);
    return c ? c->options->lang.c_str() : nullptr;
}
const char* hostVariant(const soma_host* h) {
    const HostContext* c = ctx(h);
    return c ? c->options->variant.c_str() : nullptr;
}
double hostBpm(const soma_host* h) {
    const HostContext* c = ctx(h);
    return c ? c->options->breathsPerMinute : 0.0;
}
const soma_tension_map* hostTension(const soma_host* h) {
    HostContext* cp = ctx(h);
    if (!cp) return nullptr;
    HostContext& c = *cp;
    return c.options->tension ? &c.cmap : nullptr;
}
int64_t hostClock(const soma_host* h) {
    const HostContext* c = ctx(h);
    return c ? c->clock : 0;
}

// A region's name in the session's language: Dutch for "nl" and its
// regional tags ("nl-BE"), English otherwise.
const std::string& regionNameIn(const HostContext& c, const Region& r) { return c.options->lang.rfind("nl", 0) == 0 ? r.nameNl : r.nameEn; }

const char* hostRegionName(const soma_host* h, const char* id) {
    HostContext* cp = ctx(h);
    if (!cp) return nullptr;
    HostContext& c = *cp;
    if (badString(id, SOMA_MAX_ID_BYTES, false)) return nullptr;
    auto idx = regionIndex(id);
    if (!idx) return nullptr;
    c.scratch = regionNameIn(c, regions()[static_cast<size_t>(*idx)]);
    return c.scratch.c_str();
}

soma_result hostBeginStep(const soma_host* h, const char* id) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (c.open)
        return c.fail(SOMA_ERROR_WRONG_STATE, "plugin.wrong_state", "begin_step() while a step is open: call end_step() first");
    std::string sid;
    if (soma_result r = checkedId(c, id, "step id", sid)) return r;
    if (auto rule = checkStepId(sid)) return failRule(c, *rule);
    if (c.takenIds.count(sid))
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value", fmt::format("step id '{}' is used twice", sid));
    if (auto rule = checkStepCount(c.steps.size() + 1)) return failRule(c, *rule);
    c.takenIds.insert(sid);
    StepRequest s;
    s.id = sid;
    s.where.file = c.path->string();
    c.open = std::move(s);
    return SOMA_OK;
}

soma_result hostSpeak(const soma_host* h, const char* text) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, "speak")) return r;
    if (auto bad = badString(text, SOMA_MAX_NARRATION_BYTES, true))
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_string", fmt::format("narration {}", *bad));
    std::string& n = c.open->narration;
    if (n.size() + std::strlen(text) + 1 > SOMA_MAX_NARRATION_BYTES)
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_string", fmt::format("narration of one step is longer than {} bytes", SOMA_MAX_NARRATION_BYTES));
    // Each piece is checked as it comes, so the error names the call that
    // brought the bad tag; end_step checks the whole (marks may not repeat
    // across pieces).
    NarrationMarkup piece;
    if (auto rule = checkNarration(text, piece)) return failRule(c, *rule);
    if (!n.empty()) n += ' ';
    n += text;
    return SOMA_OK;
}

// The ABI's rule for a struct a plugin hands over: fields its struct does
// not have keep their defaults, a newer plugin's larger struct is read up
// to the part this host knows, and one smaller than ABI 1.0's is refused.
template <typename T>
soma_result readVersioned(HostContext& c, const T* in, size_t size10, void (*init)(T*), const char* what, const char* initName, T& out) {
    init(&out);
    const size_t have = std::min<size_t>(in->struct_size, sizeof out);
    if (have < size10)
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value",
                      fmt::format("{} struct_size {} is smaller than ABI 1.0's {}: call {}() first", what, in->struct_size, size10,
                                  initName));
    std::memcpy(&out, in, have);
    return SOMA_OK;
}

soma_result hostHighlight(const soma_host* h, const soma_highlight* in) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, "highlight")) return r;
    if (!in) return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value", "highlight() got NULL");
    soma_highlight v;
    if (soma_result r = readVersioned(c, in, kHighlightSize10, soma_highlight_init, "highlight", "soma_highlight_init", v)) return r;

    std::string region;
    if (soma_result r = checkedId(c, v.region, "highlight region", region)) return r;
    HighlightRequest hr;
    hr.region = region;
    if (v.mark && v.mark[0])
        if (soma_result r = checkedId(c, v.mark, "highlight mark", hr.mark)) return r;
    hr.atSec = hr.mark.empty() ? v.at_sec : 0.0;
    hr.intensity = v.intensity;
    hr.color = {v.color[0], v.color[1], v.color[2]};
    hr.fadeInSec = v.fade_in_sec;
    hr.holdSec = v.hold_sec;
    hr.fadeOutSec = v.fade_out_sec;
    hr.withBreath = v.pulse_hz < 0.0; // SOMA_PULSE_BREATH; NaN stays a pulse, which the rules refuse
    hr.pulseHz = hr.withBreath ? 0.0 : v.pulse_hz;
    if (auto rules = checkHighlight(hr); !rules.empty()) return failRule(c, rules.front());
    if (auto rule = checkHighlightCount(c.open->highlights.size() + 1)) return failRule(c, *rule);
    if (hr.holdSec < 0.0) hr.holdSec = -1.0; // until the step ends
    c.open->highlights.push_back(std::move(hr));
    return SOMA_OK;
}

soma_result hostBreath(const soma_host* h, const soma_breath_pattern* in) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, "breath")) return r;
    if (!in) return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value", "breath() got NULL");
    soma_breath_pattern v;
    if (soma_result r = readVersioned(c, in, kBreathSize10, soma_breath_pattern_init, "breath pattern", "soma_breath_pattern_init", v))
        return r;
    const BreathPattern breath{v.inhale_sec, v.hold_in_sec, v.exhale_sec, v.hold_out_sec, v.cycles};
    if (auto rules = checkBreath(breath); !rules.empty()) return failRule(c, rules.front());
    c.open->breath = breath;
    return SOMA_OK;
}

soma_result setChoice(const soma_host* h, const char* fn, const char* value, std::optional<std::string> StepRequest::*field) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, fn)) return r;
    std::string v;
    if (soma_result r = checkedId(c, value, fn, v)) return r;
    if (auto rule = checkChoice(fn, v)) return failRule(c, *rule);
    (*c.open).*field = v;
    return SOMA_OK;
}

soma_result hostPose(const soma_host* h, const char* v) { return setChoice(h, "pose", v, &StepRequest::pose); }
soma_result hostCamera(const soma_host* h, const char* v) { return setChoice(h, "camera", v, &StepRequest::camera); }
soma_result hostAmbience(const soma_host* h, const char* v) { return setChoice(h, "ambience", v, &StepRequest::ambience); }

soma_result hostPacer(const soma_host* h, int32_t on) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, "pacer")) return r;
    if (on != 0 && on != 1) return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value", fmt::format("pacer({}) must be 0 or 1", on));
    c.open->pacer = on == 1;
    return SOMA_OK;
}

soma_result hostPause(const soma_host* h, double sec) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, "pause")) return r;
    if (auto rule = checkStepSeconds("pause", sec)) return failRule(c, *rule);
    c.open->pauseAfterSec = sec;
    return SOMA_OK;
}

soma_result hostEndStep(const soma_host* h) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, "end_step")) return r;
    NarrationMarkup markup;
    if (auto rule = checkNarration(c.open->narration, markup)) return failRule(c, *rule);
    if (auto rules = checkMarks(c.open->highlights, markup.marks()); !rules.empty()) return failRule(c, rules.front());
    c.steps.push_back(std::move(*c.open));
    c.open.reset();
    return SOMA_OK;
}

soma_result hostRemoveStep(const soma_host* h, const char* id) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (!c.inEvent) return c.fail(SOMA_ERROR_WRONG_STATE, "plugin.wrong_state", "remove_step() is only for on_event: during build, just leave the step out");
    std::string sid;
    if (soma_result r = checkedId(c, id, "step id", sid)) return r;
    c.removed.push_back(sid);
    return SOMA_OK;
}

void hostReportError(const soma_host* h, const char* message) {
    HostContext* cp = ctx(h);
    if (!cp) return;
    HostContext& c = *cp;
    if (auto bad = badString(message, SOMA_MAX_TEXT_BYTES, true)) c.reported = "(an unreadable message: it " + *bad + ")";
    else c.reported = message;
}

void hostLog(const soma_host* h, soma_log_level level, const char* message) {
    HostContext* cp = ctx(h);
    if (!cp) return;
    HostContext& c = *cp;
    std::string m = badString(message, SOMA_MAX_TEXT_BYTES, true) ? std::string("(unreadable message)") : std::string(message);
    auto lv = level <= SOMA_LOG_DEBUG ? log::Level::Debug : level == SOMA_LOG_INFO ? log::Level::Info : level == SOMA_LOG_WARN ? log::Level::Warn : log::Level::Error;
    log::write(lv, "plugin.message", fmt::format("{}: {}", c.exerciseId, m));
}

// Extension "soma.regions/1": the atlas as it is. Its strings live in the
// atlas itself (static), which outlives the call that the ABI promises.
uint32_t regionsCount(const soma_host*) { return static_cast<uint32_t>(regions().size()); }

soma_result regionsGet(const soma_host* h, uint32_t index, soma_region_info* out) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    const std::vector<Region>& atlas = regions();
    if (!out) return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value", fmt::format("{} get() got NULL", SOMA_EXT_REGIONS));
    // The struct is frozen with the id, so anything smaller is not it.
    if (out->struct_size < sizeof(soma_region_info))
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value",
                      fmt::format("{} get(): struct_size {} is smaller than soma_region_info's {}: call soma_region_info_init() first", SOMA_EXT_REGIONS,
                                  out->struct_size, sizeof(soma_region_info)));
    if (index >= atlas.size())
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value",
                      fmt::format("{} get({}): there are {} regions, so the index must be below {}", SOMA_EXT_REGIONS, index, atlas.size(), atlas.size()));
    const Region& r = atlas[index];
    // Exactly the fields soma_region_info has; a larger struct's tail is
    // left as the plugin had it.
    out->struct_size = sizeof(soma_region_info);
    out->reserved = 0;
    out->id = r.id.c_str();
    out->name = regionNameIn(c, r).c_str();
    out->side = r.side == Side::Left ? SOMA_SIDE_LEFT : r.side == Side::Right ? SOMA_SIDE_RIGHT : SOMA_SIDE_CENTER;
    out->layer = r.layer == Layer::Internal ? SOMA_LAYER_INTERNAL : SOMA_LAYER_SURFACE;
    return SOMA_OK;
}

const soma_host_regions kRegionsExtension = {sizeof(soma_host_regions), 0, regionsCount, regionsGet};

// Extension "soma.region_neighbours/1": the atlas's neighbour table. An
// unreadable or unknown id borders on nothing, as the header promises:
// asking is never an error.
int32_t neighboursAdjacent(const soma_host*, const char* a, const char* b) {
    if (badString(a, SOMA_MAX_ID_BYTES, false) || badString(b, SOMA_MAX_ID_BYTES, false)) return 0;
    return adjacent(a, b) ? 1 : 0;
}

const soma_host_region_neighbours kNeighboursExtension = {sizeof(soma_host_region_neighbours), 0, neighboursAdjacent};

// Extension "soma.region_phrase/1": the atlas's spoken phrase, in the
// session's language, in the same scratch as region_name's answer.
const char* phraseOf(const soma_host* h, const char* id) {
    HostContext* cp = ctx(h);
    if (!cp) return nullptr;
    HostContext& c = *cp;
    if (badString(id, SOMA_MAX_ID_BYTES, false)) return nullptr;
    auto idx = regionIndex(id);
    if (!idx) return nullptr;
    c.scratch = regionPhrase(regions()[static_cast<size_t>(*idx)], c.options->lang);
    return c.scratch.c_str();
}

const soma_host_region_phrase kPhraseExtension = {sizeof(soma_host_region_phrase), 0, phraseOf};

// Extension "soma.recording/1": what a script step's [step.recording]
// does, and the name the person's own recording is filed under. The files
// are not opened here: the session builder opens them, and a file it cannot
// use gives the built-in voice and one error naming it (a plugin's
// recording is a convenience, never a reason for no session).
soma_result recordingSlot(const soma_host* h, const char* name) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, SOMA_EXT_RECORDING " slot")) return r;
    std::string slot;
    if (soma_result r = checkedId(c, name, SOMA_EXT_RECORDING " slot", slot)) return r;
    if (auto rule = checkRecordingSlot(slot)) return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value", fmt::format("{} {}", SOMA_EXT_RECORDING, rule->message));
    c.open->recordingSlot = slot;
    return SOMA_OK;
}

// A path the plugin names: relative to its library's folder, or absolute.
soma_result recordingPath(HostContext& c, const char* in, const char* what, fs::path& out) {
    if (auto bad = badString(in, SOMA_MAX_TEXT_BYTES, false))
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_string", fmt::format("{} file(): {} path {}", SOMA_EXT_RECORDING, what, *bad));
    if (!in[0])
        return c.fail(SOMA_ERROR_INVALID_ARGUMENT, "plugin.bad_value",
                      fmt::format("{} file(): the {} path is empty: name a file, relative to the plugin's folder", SOMA_EXT_RECORDING, what));
    const fs::path p(in);
    out = p.is_absolute() ? p : c.path->parent_path() / p;
    return SOMA_OK;
}

soma_result recordingFile(const soma_host* h, const char* audio, const char* marks) {
    HostContext* cp = ctx(h);
    if (!cp) return SOMA_ERROR_WRONG_STATE;
    HostContext& c = *cp;
    if (soma_result r = needOpenStep(c, SOMA_EXT_RECORDING " file")) return r;
    RecordingRequest rec;
    if (soma_result r = recordingPath(c, audio, "audio", rec.audio)) return r;
    if (marks)
        if (soma_result r = recordingPath(c, marks, "marks", rec.marks)) return r;
    // Where the error about an unusable file points: the plugin and the step.
    rec.where.file = fmt::format("{} (step '{}', {} file())", c.path->string(), c.open->id, SOMA_EXT_RECORDING);
    c.open->recordings[c.options->lang] = std::move(rec);
    return SOMA_OK;
}

const soma_host_recording kRecordingExtension = {sizeof(soma_host_recording), 0, recordingSlot, recordingFile};

} // namespace

unsigned strayHostCalls() { return gStrayCalls.load(); }

namespace {

// Unknown and malformed ids are not errors: a plugin asks to learn what
// this host offers.
const void* hostGetExtension(const soma_host*, const char* id) {
    if (badString(id, SOMA_MAX_ID_BYTES, false)) return nullptr;
    if (std::strcmp(id, SOMA_EXT_REGIONS) == 0) return &kRegionsExtension;
    if (std::strcmp(id, SOMA_EXT_REGION_NEIGHBOURS) == 0) return &kNeighboursExtension;
    if (std::strcmp(id, SOMA_EXT_REGION_PHRASE) == 0) return &kPhraseExtension;
    if (std::strcmp(id, SOMA_EXT_RECORDING) == 0) return &kRecordingExtension;
    return nullptr;
}

soma_host makeHost(HostContext& c) {
    soma_host h{};
    h.struct_size = sizeof h;
    h.abi_minor = SOMA_PLUGIN_ABI_MINOR;
    h.host_data = &c;
    h.language = hostLanguage;
    h.variant = hostVariant;
    h.breaths_per_minute = hostBpm;
    h.tension_map = hostTension;
    h.region_name = hostRegionName;
    h.clock = hostClock;
    h.begin_step = hostBeginStep;
    h.speak = hostSpeak;
    h.highlight = hostHighlight;
    h.breath = hostBreath;
    h.pose = hostPose;
    h.camera = hostCamera;
    h.ambience = hostAmbience;
    h.pacer = hostPacer;
    h.pause = hostPause;
    h.end_step = hostEndStep;
    h.remove_step = hostRemoveStep;
    h.report_error = hostReportError;
    h.log = hostLog;
    h.get_extension = hostGetExtension;
    return h;
}

void fillTension(HostContext& c) {
    if (!c.options->tension) return;
    const TensionMap& map = *c.options->tension;
    for (const auto& r : map.ratings)
        c.cratings.push_back({r.region.c_str(), r.rating, 0, r.note.c_str(), r.timestamp});
    // A plugin of an older minor gets the map its header describes, size
    // and all (plugin.h, VERSIONS): one that checked struct_size against
    // its own sizeof, or copied sizeof bytes, keeps working. The fields
    // past its size stay NULL, so nothing of the therapist's choice leaks
    // to a plugin that was never promised it.
    c.cmap.struct_size = static_cast<uint32_t>(c.pluginMinor >= 2 ? sizeof c.cmap : kTensionMapSize11);
    c.cmap.count = static_cast<uint32_t>(c.cratings.size());
    c.cmap.rating_size = sizeof(soma_tension_rating);
    c.cmap.ratings = c.cratings.data();
    if (c.pluginMinor >= 2) {
        c.cmap.resource = map.resource.c_str();
        c.cmap.tension = map.tension.c_str();
    }
}

// The outcome of one plugin call: the host's own first complaint wins (it
// is the most precise), then the plugin's code with its message.
std::optional<Error> outcome(HostContext& c, soma_result rc, const char* fn) {
    if (rc == SOMA_OK && !c.firstError && c.open)
        c.fail(SOMA_ERROR_WRONG_STATE, "plugin.wrong_state", fmt::format("{} returned with step '{}' still open: call end_step()", fn, c.open->id));
    if (c.firstError) {
        Error e = *c.firstError;
        if (!c.reported.empty()) e.message += fmt::format(" (the plugin says: {})", c.reported);
        return e;
    }
    if (rc == SOMA_OK) return std::nullopt;
    const std::string said = c.reported.empty() ? std::string("it gave no message") : c.reported;
    if (rc == SOMA_ERROR_EXCEPTION)
        return Error{"plugin.exception", fmt::format("{}: {} failed: {}; fix the plugin", c.path->string(), fn, said)};
    if (rc == SOMA_ERROR_UNSUPPORTED) return Error{"plugin.unsupported", fmt::format("{}: {}", c.path->string(), said)};
    return Error{"plugin.build_failed", fmt::format("{}: {} failed with code {}: {}", c.path->string(), fn, rc, said)};
}

} // namespace

Result<std::unique_ptr<NativeExercise>> NativeExercise::open(const fs::path& library) {
    auto lib = SharedLibrary::open(library);
    if (!lib) return lib.error();
    const auto* entry = static_cast<const soma_plugin_entry*>(lib->symbol(SOMA_PLUGIN_ENTRY_NAME));
    const std::string p = library.string();
    if (!entry)
        return Error{"plugin.no_entry", fmt::format("{}: exports no '{}' symbol; define it with SOMA_PLUGIN_ENTRY from soma/plugin.h", p, SOMA_PLUGIN_ENTRY_NAME)};

    // The version comes first and is read before anything else of the
    // plugin's; nothing of the plugin has been called yet.
    if (entry->abi_major != SOMA_PLUGIN_ABI_MAJOR)
        return Error{"plugin.abi_major",
                     fmt::format("{}: built for plugin ABI {}.{}, this Soma speaks {}.{}; rebuild the plugin against this Soma's SDK", p,
                                 entry->abi_major, entry->abi_minor, SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR)};
    if (entry->abi_minor > SOMA_PLUGIN_ABI_MINOR)
        return Error{"plugin.abi_minor",
                     fmt::format("{}: needs plugin ABI {}.{}, newer than this Soma's {}.{}; update Soma or rebuild the plugin against this SDK", p,
                                 entry->abi_major, entry->abi_minor, SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR)};
    if (entry->struct_size < kEntrySize10)
        return Error{"plugin.bad_entry", fmt::format("{}: entry struct_size {} is smaller than ABI {}.0's {}; define it with SOMA_PLUGIN_ENTRY",
                                                     p, entry->struct_size, SOMA_PLUGIN_ABI_MAJOR, kEntrySize10)};

    auto bad = [&](const std::string& what) { return Error{"plugin.bad_entry", fmt::format("{}: entry {}; fix the plugin", p, what)}; };
    if (auto b = badString(entry->id, SOMA_MAX_ID_BYTES, false)) return bad("id " + *b);
    if (auto rule = checkExerciseId(entry->id)) return bad(rule->message);
    if (!entry->build) return bad("has no build function");

    std::unique_ptr<NativeExercise> ex(new NativeExercise());
    ExerciseInfo& info = ex->mInfo;
    info.id = entry->id;
    info.kind = PluginKind::Native;
    info.path = library;
    auto texts = [&](const soma_text* list, std::map<std::string, std::string>& out, const char* what) -> std::optional<Error> {
        for (int i = 0; list && list[i].lang; ++i) {
            if (i >= SOMA_MAX_ENTRY_LIST)
                return bad(fmt::format("{} list has more than {} entries, or is not terminated by {{NULL, NULL}}", what, SOMA_MAX_ENTRY_LIST));
            if (auto b = badString(list[i].lang, SOMA_MAX_ID_BYTES, false)) return bad(fmt::format("{} language {}", what, *b));
            if (auto b = badString(list[i].text, SOMA_MAX_TEXT_BYTES, false)) return bad(fmt::format("{} '{}' {}", what, list[i].lang, *b));
            out[list[i].lang] = list[i].text;
        }
        return std::nullopt;
    };
    if (auto e = texts(entry->titles, info.title, "title")) return *e;
    if (info.title.empty()) return bad("has no titles");
    if (auto e = texts(entry->summaries, info.summary, "summary")) return *e;
    for (int i = 0; entry->languages && entry->languages[i]; ++i) {
        if (i >= SOMA_MAX_ENTRY_LIST)
            return bad(fmt::format("languages list has more than {} entries, or is not terminated by NULL", SOMA_MAX_ENTRY_LIST));
        if (auto b = badString(entry->languages[i], SOMA_MAX_ID_BYTES, false)) return bad("language " + *b);
        if (auto rule = checkLanguageTag(entry->languages[i])) return bad(rule->message);
        info.languages.push_back(entry->languages[i]);
    }
    if (info.languages.empty()) return bad("has no languages");
    for (int i = 0; entry->variants && entry->variants[i].id; ++i) {
        if (i >= SOMA_MAX_ENTRY_LIST)
            return bad(fmt::format("variants list has more than {} entries, or is not terminated by {{NULL, 0}}", SOMA_MAX_ENTRY_LIST));
        if (auto b = badString(entry->variants[i].id, SOMA_MAX_ID_BYTES, false)) return bad("variant id " + *b);
        const double m = entry->variants[i].minutes;
        if (auto rules = checkVariant(entry->variants[i].id, m); !rules.empty()) return bad(rules.front().message);
        info.variants.push_back({entry->variants[i].id, m});
    }
    if (info.variants.empty()) return bad("has no variants");

    ex->mLibrary = std::move(*lib);
    ex->mEntry = entry;
    ex->mStamp = PluginCheckCache::stamp(library);
    return ex;
}

namespace {

constexpr size_t kMaxCheckedMaps = 64; // a kiosk's regular clients; more only costs a child each

// The file's stamp and the map's contents, exactly what the plugin sees
// through tension_map; strings carry their length, so no note can make two
// maps look alike.
std::string mapKey(const std::pair<std::int64_t, std::int64_t>& stamp, const TensionMap& map) {
    std::string k = fmt::format("{}:{}", stamp.first, stamp.second);
    for (const auto& r : map.ratings)
        k += fmt::format("|{}:{} {} {} {}:{}", r.region.size(), r.region, r.rating, r.timestamp, r.note.size(), r.note);
    k += fmt::format("|resource {}:{} tension {}:{}", map.resource.size(), map.resource, map.tension.size(), map.tension);
    return k;
}

} // namespace

std::optional<Error> NativeExercise::checkMap(const TensionMap& map) {
    if (mQuarantine) return mQuarantine;
    if (!mMapChecks) return std::nullopt;
    const std::string p = path().string();
    const std::string notStarted = "the session was not started with that map";
    const auto now = PluginCheckCache::stamp(path());
    if (!now || now != mStamp)
        return Error{"plugin.changed", fmt::format("{}: '{}' changed on disk since it was loaded, so it cannot be checked with this client's tension map; "
                                                   "{}; start Soma again", p, mInfo.id, notStarted)};
    const std::string key = mapKey(*now, map);
    if (std::find(mCheckedMaps.begin(), mCheckedMaps.end(), key) != mCheckedMaps.end()) return std::nullopt;

    ++mMapChecksRun;
    PluginCheckOutcome o = checkTensionMapInChild(mMapChecks->validator, path(), map, mMapChecks->timeoutSec);
    const bool unchanged = PluginCheckCache::stamp(path()) == now;
    if (o.kind == PluginCheckOutcome::Kind::Ok && o.exerciseId == mInfo.id) {
        mCheckedMaps.push_back(key);
        if (mCheckedMaps.size() > kMaxCheckedMaps) mCheckedMaps.pop_front();
        return std::nullopt;
    }
    if (o.quarantined() && unchanged) {
        // What the child said, without its path prefix (we add our own).
        std::string why = o.error.message;
        if (why.rfind(p + ": ", 0) == 0) why = why.substr(p.size() + 2);
        why = fmt::format("with a client's tension map ({} rating(s)): {}", map.ratings.size(), why);
        // Quarantined like a plugin that crashed its first check: not run
        // again in this process, and not loaded on the next start until its
        // file changes.
        PluginCheckOutcome remembered = o;
        remembered.exerciseId = mInfo.id;
        remembered.error.message = fmt::format("{}: {}", p, why);
        PluginCheckCache cache(mMapChecks->checksFile);
        cache.remember(path(), remembered);
        cache.save();
        mQuarantine = Error{"plugin.quarantined", fmt::format("{}: '{}' is quarantined: it {}", p, mInfo.id, why)};
        Error e{o.error.id, fmt::format("{}: '{}' {} when it was checked with this client's tension map; {}, and '{}' is quarantined until its file "
                                        "changes; fix the plugin, or start the session without a map",
                                        p, mInfo.id, o.kind == PluginCheckOutcome::Kind::TimedOut ? "hung" : "crashed", notStarted, mInfo.id)};
        log::error(e.id, "{}", e.message);
        return e;
    }
    Error e;
    if (o.quarantined())
        e = {"plugin.changed", fmt::format("{}: '{}' changed on disk while it was being checked with this client's tension map; {}; start Soma again", p,
                                           mInfo.id, notStarted)};
    else if (o.kind == PluginCheckOutcome::Kind::Ok)
        e = {"plugin.changed", fmt::format("{}: the file now holds '{}', not '{}'; {}; start Soma again", p, o.exerciseId, mInfo.id, notStarted)};
    else
        e = {o.error.id.empty() ? "plugin.map_handover" : o.error.id,
             fmt::format("{}: '{}' could not be checked with this client's tension map ({}); {}", p, mInfo.id, o.error.message, notStarted)};
    log::warn(e.id, "{}", e.message);
    return e;
}

const void* NativeExercise::extension(std::string_view id) const {
    // Only an entry whose struct_size covers the field has it: a 1.0 entry
    // ends at on_event, and what lies after it in the plugin's memory is
    // not the entry's.
    if (mQuarantine || !SOMA_STRUCT_HAS(mEntry, soma_plugin_entry, get_extension) || !mEntry->get_extension) return nullptr;
    const std::string key(id);
    return mEntry->get_extension(key.c_str());
}

Result<SessionRequest> NativeExercise::describe(const DescribeOptions& options) {
    const std::string p = path().string();
    if (std::find(mInfo.languages.begin(), mInfo.languages.end(), options.lang) == mInfo.languages.end()) {
        std::string have;
        for (auto& l : mInfo.languages) have += (have.empty() ? "" : ", ") + l;
        return Error{"plugin.unsupported", fmt::format("{}: '{}' has no narration in '{}' (it has {})", p, mInfo.id, options.lang, have)};
    }
    if (std::none_of(mInfo.variants.begin(), mInfo.variants.end(), [&](auto& v) { return v.id == options.variant; })) {
        std::string have;
        for (auto& v : mInfo.variants) have += (have.empty() ? "" : ", ") + v.id;
        return Error{"plugin.unsupported", fmt::format("{}: '{}' has no variant '{}' (it has {})", p, mInfo.id, options.variant, have)};
    }
    if (!finite(options.breathsPerMinute) || options.breathsPerMinute < 0.0)
        return Error{"plugin.bad_option", fmt::format("breaths per minute {} must be a positive number", options.breathsPerMinute)};
    if (mQuarantine) return *mQuarantine;
    if (options.tension)
        if (auto e = checkMap(*options.tension)) return *e;

    HostContext c;
    c.path = &path();
    c.exerciseId = mInfo.id;
    c.options = &options;
    c.pluginMinor = mEntry->abi_minor;
    fillTension(c);
    // In the exercise, not on the stack: a plugin that kept the pointer
    // reaches functions that refuse it, never freed memory.
    *mHost = makeHost(c);
    soma_result rc;
    {
        const CallScope scope(mHost.get());
        rc = mEntry->build(mHost.get());
    }
    mHost->host_data = nullptr;
    if (auto e = outcome(c, rc, "build")) return *e;
    if (c.steps.empty())
        return Error{"plugin.empty_session", fmt::format("{}: build made no steps for {} / {}; fix the plugin", p, options.lang, options.variant)};

    SessionRequest req;
    req.exercise = mInfo.id;
    req.lang = options.lang;
    req.variant = options.variant;
    req.steps = std::move(c.steps);
    // The session starts in the first step's state, so nothing moves in
    // the first seconds unless the plugin asks for it.
    const StepRequest& first = req.steps.front();
    if (first.pose) req.pose = *first.pose;
    if (first.camera) req.camera = *first.camera;
    if (first.ambience) req.ambience = *first.ambience;
    if (first.pacer) req.pacer = *first.pacer;
    mLastStepIds.clear();
    for (auto& s : req.steps) mLastStepIds.push_back(s.id);
    return req;
}

Result<SessionChange> NativeExercise::onEvent(const ExerciseEvent& event, const DescribeOptions& options) {
    // open() refused entries smaller than 1.0's, which has on_event. (When
    // a later minor adds event types, send a plugin only those of its own
    // abi_minor: plugin.h promises that.)
    if (!mEntry->on_event) return SessionChange{};
    if (mQuarantine) return *mQuarantine;
    if (options.tension)
        if (auto e = checkMap(*options.tension)) return *e;
    HostContext c;
    c.path = &path();
    c.exerciseId = mInfo.id;
    c.options = &options;
    c.pluginMinor = mEntry->abi_minor;
    c.inEvent = true;
    c.clock = event.at;
    c.takenIds.insert(mLastStepIds.begin(), mLastStepIds.end());
    fillTension(c);
    *mHost = makeHost(c);
    soma_event ev{};
    ev.struct_size = sizeof ev;
    ev.type = static_cast<soma_event_type>(event.type);
    ev.time_samples = event.at;
    ev.sample_rate = kMixRate;
    ev.step_index = event.stepIndex;
    ev.step_id = event.stepId.c_str();
    soma_result rc;
    {
        const CallScope scope(mHost.get());
        rc = mEntry->on_event(mHost.get(), &ev);
    }
    mHost->host_data = nullptr;
    if (auto e = outcome(c, rc, "on_event")) return *e;
    SessionChange change;
    change.insertAfter = event.stepId;
    change.insertSteps = std::move(c.steps);
    change.removeSteps = std::move(c.removed);
    for (auto& s : change.insertSteps) mLastStepIds.push_back(s.id);
    // The sequencer logs what it applies; this says what the plugin asked.
    if (!change.empty())
        log::debug("plugin.reaction", "{} at sample {} ({}, step '{}'): {} step(s) inserted, {} removed", mInfo.id, event.at, toString(event.type),
                   event.stepId, change.insertSteps.size(), change.removeSteps.size());
    return change;
}

} // namespace soma
