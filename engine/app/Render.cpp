// soma render: one frame of the figure, headless, to a PNG. The same
// arguments always give the same image.
#include "app/CliChecks.h"
#include "app/CommandRegistry.h"
#include "app/SessionCommands.h"
#include "core/Text.h"
#include "model/Vocabulary.h"

#include "body/Figure.h"
#include "core/Log.h"
#include "model/RegionAtlas.h"
#include "platform/Window.h"
#include "plugin/script/TensionMapFile.h"
#include "render/Camera.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "render/Stereo.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

namespace soma::app {
namespace {

// Everything `soma render` can be asked; unset optionals keep what the
// exercise (or the default state) says.
struct FrameRequest {
    std::string exercise;
    std::string lang, variant;
    double atSec = 0.0;
    std::string tension; // a tension map file, with an exercise
    std::string out = "soma-frame.png";
    int width = 1280, height = 720;
    std::optional<std::string> pose, highlight, build, camera;
    std::optional<float> breath, heightM;
    int lod = 0;
    int samples = 4;
    bool stereo = false;  // both eyes side by side
    double ipdMm = 63.0;  // between them
};

Status parseHighlights(const std::string& spec, std::vector<RegionHighlight>& out) {
    // "psoas_left=1,diaphragm=0.6"; a bare id means full intensity; an
    // optional "@rrggbb" sets the colour (sRGB hex, as people write colours).
    size_t start = 0;
    while (start <= spec.size()) {
        size_t comma = spec.find(',', start);
        std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
        if (item.empty()) continue;
        RegionHighlight h;
        if (auto at = item.find('@'); at != std::string::npos) {
            const std::string hex = item.substr(at + 1);
            item.resize(at);
            char* end = nullptr;
            const unsigned long v = std::strtoul(hex.c_str(), &end, 16);
            if (hex.size() != 6 || *end)
                return Error{"render.bad_highlight", fmt::format("--highlight: '{}' is not a colour; write it as @rrggbb, e.g. @ffb070", hex)};
            auto lin = [](unsigned long c) { return std::pow(float(c) / 255.0f, 2.2f); };
            h.color = {lin((v >> 16) & 0xFF), lin((v >> 8) & 0xFF), lin(v & 0xFF)};
        }
        std::string id = item;
        if (auto eq = item.find('='); eq != std::string::npos) {
            id = item.substr(0, eq);
            const std::string num = item.substr(eq + 1);
            char* end = nullptr;
            h.intensity = std::strtof(num.c_str(), &end);
            if (num.empty() || *end || !(h.intensity >= 0.0f && h.intensity <= 1.0f))
                return Error{"render.bad_highlight",
                             fmt::format("--highlight: '{}' needs an intensity from 0 to 1, e.g. {}=0.8", item, id)};
        }
        if (!regionIndex(id))
            return Error{"render.unknown_region", fmt::format("--highlight: unknown region '{}'; did you mean {}? (`soma regions` lists all)",
                                                              id, join(nearestRegions(id)))};
        h.region = id;
        out.push_back(h);
    }
    return Ok{};
}

Result<BodyState> stateFor(const FrameRequest& r) {
    BodyState s;
    if (!r.tension.empty() && r.exercise.empty()) {
        // The therapist's view of the client's map: each rated region lit as
        // strongly as its rating (0 stays unlit), in the one warm colour.
        auto map = readTensionMap(r.tension);
        if (!map) return map.error();
        for (const TensionRating& t : map->ratings)
            if (t.rating > 0) s.highlights.push_back({t.region, float(t.rating) / 10.0f});
    }
    if (!r.exercise.empty()) {
        auto st = exerciseStateAt({r.exercise, r.lang, r.variant, r.atSec, r.tension});
        if (!st) return st.error();
        s = *st;
    }
    if (r.pose) {
        if (!isPose(*r.pose))
            return Error{"render.unknown_pose", fmt::format("--pose: unknown pose '{}'; valid poses: {}", *r.pose, join(poseIds()))};
        s.pose = *r.pose;
        s.fromPose.clear();
        s.poseBlend = 1.0f;
    }
    if (r.camera) {
        if (!isCameraPreset(*r.camera))
            return Error{"render.unknown_camera", fmt::format("--camera: unknown camera '{}'; valid cameras: {}", *r.camera, join(cameraPresetIds()))};
        s.camera = *r.camera;
        s.fromCamera.clear();
        s.cameraBlend = 1.0f;
    }
    if (r.build) {
        if (*r.build == "slim") s.build = BodyBuild::Slim;
        else if (*r.build == "average") s.build = BodyBuild::Average;
        else if (*r.build == "broad") s.build = BodyBuild::Broad;
        else return Error{"render.unknown_build", fmt::format("--build: unknown build '{}'; valid builds: slim, average, broad", *r.build)};
    }
    if (r.heightM) s.heightM = *r.heightM;
    if (r.breath) s.breath = *r.breath;
    if (r.highlight) {
        s.highlights.clear();
        if (auto st = parseHighlights(*r.highlight, s.highlights); !st) return st.error();
    }
    return s;
}

int renderFrame(const FrameRequest& req) {
    auto state = stateFor(req);
    if (!state) {
        log::error(state.error().id, "{}", state.error().message);
        return 1;
    }
    WindowDesc wd;
    wd.width = req.width;
    wd.height = req.height;
    wd.headless = true;
    auto window = Window::create(wd);
    if (!window) {
        log::error(window.error().id, "{}", window.error().message);
        return 1;
    }
    RendererDesc rd;
    rd.lod = req.lod;
    auto renderer = Renderer::create(rd);
    if (!renderer) {
        log::error(renderer.error().id, "{}", renderer.error().message);
        return 1;
    }
    RenderTarget target({req.width, req.height, req.samples});
    // Side by side: each eye half the width, from the camera for that half.
    std::vector<View> views;
    if (req.stereo) {
        auto mono = (*renderer)->viewFor(*state, req.width / 2, req.height);
        if (!mono) {
            log::error(mono.error().id, "{}", mono.error().message);
            return 1;
        }
        mono->width = req.width / 2;
        mono->height = req.height;
        const auto eyes = eyePair(*mono, float(req.ipdMm) / 1000.0f);
        views.assign(eyes.begin(), eyes.end());
    }
    if (auto s = req.stereo ? (*renderer)->draw(target, *state, views) : (*renderer)->draw(target, *state); !s) {
        log::error(s.error().id, "{}", s.error().message);
        return 1;
    }
    if (auto s = writePng(target.readPixels(), req.out); !s) {
        log::error(s.error().id, "{}", s.error().message);
        return 1;
    }
    std::printf("wrote %s (%dx%d%s)\n", req.out.c_str(), req.width, req.height, req.stereo ? ", side by side: left eye, right eye" : "");
    return 0;
}

} // namespace

} // namespace soma::app

namespace soma::app {
namespace {
const CommandRegistrar kRender(30, "render", "Render one frame headless to a PNG", [](CLI::App&, CLI::App& sub) -> CommandAction {
    auto r = std::make_shared<FrameRequest>();
    sub.add_option("exercise", r->exercise, "An exercise whose frame at --at to render (the options below override it)");
    sub.add_option("--at", r->atSec, "Seconds into the exercise")->check(finiteIn(0.0, 24 * 3600.0));
    sub.add_option("--lang", r->lang, "With an exercise: nl or en (default: the system's language)")->check(languageTag());
    sub.add_option("--variant", r->variant, "With an exercise: short or long (default: short)")->check(idWord("a variant", {"short", "long"}));
    sub.add_option("--tension", r->tension, "The client's tension map (docs/tension-maps.md): with an exercise it shapes the session; alone, each rated region is lit by its rating");
    sub.add_option("--out", r->out, "PNG to write")->capture_default_str();
    sub.add_option("--width", r->width, "Width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    sub.add_option("--height", r->height, "Height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    sub.add_option("--pose", r->pose, "Pose: supine, constructive_rest, seated, standing, seated_look_left, seated_look_right, "
                                         "seated_hands_chest_belly, seated_hands_head");
    sub.add_option("--highlight", r->highlight, "Regions to light, e.g. psoas_left=1,diaphragm=0.6 (optional @rrggbb colour)");
    sub.add_option("--breath", r->breath, "Breath phase, 0 = empty, 1 = full")->check(finiteIn(0.0, 1.0));
    sub.add_option("--build", r->build, "Body build: slim, average, broad");
    sub.add_option("--camera", r->camera, "Camera: whole_body, torso, head_shoulders, pelvis_legs");
    sub.add_option("--height-m", r->heightM, "Standing height in metres")->check(finiteIn(1.2, 2.2));
    sub.add_option("--lod", r->lod, "Level of detail: 0 full, 1 light")->check(CLI::Range(0, 1))->capture_default_str();
    sub.add_flag("--stereo", r->stereo, "Both eyes side by side (left, right), each half the width: for a phone viewer or a 3D screen");
    sub.add_option("--ipd-mm", r->ipdMm, "With --stereo: the distance between the eyes in millimetres")->check(finiteIn(0.0, 90.0))->capture_default_str();
    sub.add_option("--msaa", r->samples, "Anti-aliasing samples (0, 2, 4, 8)")->check(CLI::Range(0, 16))->capture_default_str();
    return [r] { return renderFrame(*r); };
});
} // namespace
} // namespace soma::app
