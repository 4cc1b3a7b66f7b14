// SPDX-License-Identifier: MIT (the plugin SDK; see LICENSE)
// soma/plugin_cpp.h: the C++ side of the plugin SDK, header-only, compiled
// into the plugin (never into the host).
//
// A throw through a C frame is undefined behaviour, so C++ plugin code runs
// inside soma::sdk::guard(), which turns every exception into a failure
// code plus a message (host->report_error) at the boundary. sdk::Host wraps
// the soma_host table: each host call that the host refuses throws
// sdk::HostRefused, which stops the plugin's code at the first problem;
// guard() returns the host's code without hiding the host's own message.
//
// Header-only, so it is compiled into each plugin with the plugin's own
// compiler and standard library: nothing C++ crosses the boundary, and its
// classes are not part of the frozen C ABI (they may grow with the SDK;
// a plugin built against one SDK keeps working with any 1.x host).
//
// Depends on soma/plugin.h and the C++17 standard library. Must never let an
// exception leave guard(), and never be used by the host itself.
//
//     static soma_result build(const soma_host* h) {
//         return soma::sdk::guard(h, [&](soma::sdk::Host& host) {
//             host.beginStep("arrive");
//             host.speak("Welcome. <mark name=\"belly\"/>Your belly.");
//             host.highlight(soma::sdk::Highlight("belly").onMark("belly"));
//             host.endStep();
//         });
//     }
//     SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER, "my-exercise", kTitles, kSummaries,
//                          kLanguages, kVariants, build, nullptr, nullptr};
#pragma once

#include <soma/plugin.h>

#include <cmath>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soma::sdk {

// Thrown by a failed host call; the host already knows why.
class HostRefused : public std::exception {
public:
    explicit HostRefused(soma_result code) : mCode(code) {}
    soma_result code() const { return mCode; }
    const char* what() const noexcept override { return "the host refused a call"; }

private:
    soma_result mCode;
};

// Thrown by plugin code to fail with a code of its own choosing.
class Failure : public std::runtime_error {
public:
    Failure(soma_result code, const std::string& message) : std::runtime_error(message), mCode(code) {}
    soma_result code() const { return mCode; }

private:
    soma_result mCode;
};

struct TensionRating {
    std::string region;
    int rating = 0;
    std::string note;
    std::int64_t timestamp = 0;
};

// The regions a therapist chose in the client's map (ABI 1.2), atlas ids;
// each empty when they chose none.
struct TensionChoice {
    std::string resource;
    std::string tension;
};

// A highlight with the header's defaults, built fluently.
class Highlight {
public:
    explicit Highlight(std::string region) : mRegion(std::move(region)) { soma_highlight_init(&mRaw); }
    Highlight& onMark(std::string mark) { mMark = std::move(mark); return *this; }
    Highlight& at(double sec) { mRaw.at_sec = sec; return *this; }
    Highlight& intensity(float v) { mRaw.intensity = v; return *this; }
    Highlight& color(float r, float g, float b) { mRaw.color[0] = r; mRaw.color[1] = g; mRaw.color[2] = b; return *this; }
    Highlight& fade(double inSec, double outSec) { mRaw.fade_in_sec = inSec; mRaw.fade_out_sec = outSec; return *this; }
    Highlight& hold(double sec) { mRaw.hold_sec = sec; return *this; }
    Highlight& pulse(double hz) { mRaw.pulse_hz = hz; return *this; }
    // Since 1.3: swell with the session's breath instead of a pulse.
    Highlight& withBreath() { mRaw.pulse_hz = SOMA_PULSE_BREATH; return *this; }

    // The C struct, pointing into this object: valid while it lives.
    const soma_highlight* raw() {
        mRaw.region = mRegion.c_str();
        mRaw.mark = mMark.c_str();
        return &mRaw;
    }

private:
    std::string mRegion;
    std::string mMark;
    soma_highlight mRaw{};
};

// One region of the host's atlas (extension "soma.regions/1").
struct RegionInfo {
    std::string id;
    std::string name; // in the session's language
    soma_side side = 0;
    soma_layer layer = 0;

    bool internal() const { return layer == SOMA_LAYER_INTERNAL; }
};

struct Breath {
    double inhaleSec = 4.0;
    double holdInSec = 0.0;
    double exhaleSec = 6.0;
    double holdOutSec = 0.0;
    int cycles = 0;
};

class Host {
public:
    explicit Host(const soma_host* host) : mHost(host) {}

    const soma_host* raw() const { return mHost; }

    std::string language() const { return str(mHost->language(mHost)); }
    std::string variant() const { return str(mHost->variant(mHost)); }
    double breathsPerMinute() const { return mHost->breaths_per_minute(mHost); }
    std::int64_t clock() const { return mHost->clock(mHost); }

    // Empty when the client has no tension map.
    std::vector<TensionRating> tension() const {
        std::vector<TensionRating> out;
        const soma_tension_map* map = mHost->tension_map(mHost);
        if (!map) return out;
        for (std::uint32_t i = 0; i < map->count; ++i) {
            const soma_tension_rating* r = soma_tension_map_at(map, i);
            out.push_back({str(r->region), r->rating, str(r->note), r->timestamp});
        }
        return out;
    }

    // The therapist's own resource and tension from the client's map. Both
    // empty without a map, when the therapist chose none, and when the map
    // predates 1.2: a host hands the 1.2 map only to a plugin whose entry
    // says abi_minor 2 or more (SOMA_PLUGIN_ENTRY_HEADER does).
    TensionChoice tensionChoice() const {
        const soma_tension_map* map = mHost->tension_map(mHost);
        if (!map || !SOMA_STRUCT_HAS(map, soma_tension_map, tension)) return {};
        return {str(map->resource), str(map->tension)};
    }

    // The region's name in the session's language; throws Failure for an
    // unknown id.
    std::string regionName(const std::string& id) const {
        const char* name = mHost->region_name(mHost, id.c_str());
        if (!name) throw Failure(SOMA_ERROR_INVALID_ARGUMENT, "unknown region '" + id + "'");
        return name;
    }

    // The host's table for an extension id (see EXTENSIONS in
    // soma/plugin.h), or nullptr when the host does not offer it; a 1.0
    // host offers none. Cast it to the id's type.
    const void* extension(const char* id) const {
        if (!SOMA_STRUCT_HAS(mHost, soma_host, get_extension)) return nullptr;
        return mHost->get_extension(mHost, id);
    }

    // Every region of the host's atlas, in its order; nullopt when the host
    // does not offer "soma.regions/1".
    std::optional<std::vector<RegionInfo>> regions() const {
        const auto* table = static_cast<const soma_host_regions*>(extension(SOMA_EXT_REGIONS));
        if (!table) return std::nullopt;
        std::vector<RegionInfo> out;
        const std::uint32_t n = table->count(mHost);
        for (std::uint32_t i = 0; i < n; ++i) {
            soma_region_info info;
            soma_region_info_init(&info);
            if (soma_result r = table->get(mHost, i, &info)) throw HostRefused(r);
            out.push_back({str(info.id), str(info.name), info.side, info.layer});
        }
        return out;
    }

    // Whether two regions border on each other in the body (extension
    // "soma.region_neighbours/1"): false for the same region or an unknown
    // id; nullopt when the host does not offer the extension, so the plugin
    // can fall back to a notion of its own.
    std::optional<bool> adjacent(const std::string& a, const std::string& b) const {
        const auto* table = static_cast<const soma_host_region_neighbours*>(extension(SOMA_EXT_REGION_NEIGHBOURS));
        if (!table) return std::nullopt;
        return table->adjacent(mHost, a.c_str(), b.c_str()) != 0;
    }

    // A region as narration names it, with the person's own possessive
    // (extension "soma.region_phrase/1"): "je linkerschouder", "the crown
    // of your head"; empty for an unknown id; nullopt when the host does
    // not offer the extension (then "your " + regionName() is the fallback).
    std::optional<std::string> regionPhrase(const std::string& id) const {
        const auto* table = static_cast<const soma_host_region_phrase*>(extension(SOMA_EXT_REGION_PHRASE));
        if (!table) return std::nullopt;
        return str(table->phrase(mHost, id.c_str()));
    }

    // The name the person's own recording of the open step is filed under
    // (extension "soma.recording/1"); false, and nothing done, when the host
    // does not offer the extension (the step id names it then).
    bool recordingSlot(const std::string& name) {
        const auto* table = static_cast<const soma_host_recording*>(extension(SOMA_EXT_RECORDING));
        if (!table) return false;
        check(table->slot(mHost, name.c_str()));
        return true;
    }

    // The open step is spoken by a recording the plugin ships, in the
    // session's language (extension "soma.recording/1"): paths relative to
    // the plugin's folder; marks may be empty. false, and nothing done,
    // when the host does not offer the extension (the built-in voice
    // speaks the narration then).
    bool recordingFile(const std::string& audio, const std::string& marks = std::string()) {
        const auto* table = static_cast<const soma_host_recording*>(extension(SOMA_EXT_RECORDING));
        if (!table) return false;
        check(table->file(mHost, audio.c_str(), marks.empty() ? nullptr : marks.c_str()));
        return true;
    }

    Host& beginStep(const std::string& id) { return check(mHost->begin_step(mHost, id.c_str())); }
    Host& speak(const std::string& ssml) { return check(mHost->speak(mHost, ssml.c_str())); }
    Host& highlight(Highlight h) { return check(mHost->highlight(mHost, h.raw())); }
    Host& breath(const Breath& b) {
        soma_breath_pattern p;
        soma_breath_pattern_init(&p);
        p.cycles = b.cycles;
        p.inhale_sec = b.inhaleSec;
        p.hold_in_sec = b.holdInSec;
        p.exhale_sec = b.exhaleSec;
        p.hold_out_sec = b.holdOutSec;
        return check(mHost->breath(mHost, &p));
    }
    Host& pose(const std::string& id) { return check(mHost->pose(mHost, id.c_str())); }
    Host& camera(const std::string& id) { return check(mHost->camera(mHost, id.c_str())); }
    Host& ambience(const std::string& id) { return check(mHost->ambience(mHost, id.c_str())); }
    Host& pacer(bool on) { return check(mHost->pacer(mHost, on ? 1 : 0)); }
    Host& pause(double sec) { return check(mHost->pause(mHost, sec)); }
    Host& endStep() { return check(mHost->end_step(mHost)); }
    Host& removeStep(const std::string& id) { return check(mHost->remove_step(mHost, id.c_str())); }

    void log(soma_log_level level, const std::string& message) const { mHost->log(mHost, level, message.c_str()); }

private:
    static std::string str(const char* s) { return s ? std::string(s) : std::string(); }
    Host& check(soma_result r) {
        if (r != SOMA_OK) throw HostRefused(r);
        return *this;
    }

    const soma_host* mHost;
};

// Runs fn(Host&) and converts whatever it throws into a failure code at the
// C boundary. Use it as the whole body of build and on_event.
template <class Fn>
soma_result guard(const soma_host* host, Fn&& fn) noexcept {
    try {
        Host h(host);
        fn(h);
        return SOMA_OK;
    } catch (const HostRefused& e) {
        return e.code(); // the host has its own message already
    } catch (const Failure& e) {
        host->report_error(host, e.what());
        return e.code() == SOMA_OK ? SOMA_ERROR_FAILED : e.code();
    } catch (const std::exception& e) {
        // Reporting can itself throw (a std::string copy); a second failure
        // must still not cross the boundary.
        try {
            host->report_error(host, (std::string("C++ exception: ") + e.what()).c_str());
        } catch (...) {
        }
        return SOMA_ERROR_EXCEPTION;
    } catch (...) {
        host->report_error(host, "C++ exception of an unknown type");
        return SOMA_ERROR_EXCEPTION;
    }
}

} // namespace soma::sdk
