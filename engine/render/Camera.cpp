#include "render/Camera.h"

#include "anim/Poses.h"
#include "model/RegionAtlas.h"
#include "model/Vocabulary.h"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/glm.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

namespace soma {
namespace {

bool lying(std::string_view pose) { return pose == "supine" || pose == "constructive_rest"; }

// Which surface regions each preset frames.
std::vector<std::string_view> presetRegions(std::string_view camera) {
    if (camera == "torso")
        return {"chest", "side_left", "side_right", "belly", "lower_belly", "upper_back", "shoulder_blade_left",
                "shoulder_blade_right", "lower_back", "shoulder_left", "shoulder_right", "hip_left", "hip_right",
                // The hands rest on the belly or beside the hips: a step about
                // the breath often names them, and they must be in the picture.
                "hand_left", "hand_right"};
    if (camera == "head_shoulders")
        return {"crown", "forehead", "eyes", "jaw", "back_of_head", "throat", "neck", "shoulder_left", "shoulder_right"};
    if (camera == "pelvis_legs")
        return {"lower_belly", "hip_left", "hip_right", "buttock_left", "buttock_right", "thigh_left", "thigh_right",
                "knee_left", "knee_right", "lower_leg_left", "lower_leg_right", "foot_left", "foot_right"};
    return {}; // whole_body: everything
}

glm::vec3 viewDirection(std::string_view pose, std::string_view camera) {
    if (lying(pose)) {
        // From the figure's right side (-x) and above; a touch from the feet
        // so the face and chest are seen rather than the profile only.
        // Legs drawn up (constructive rest) hide the far hip and groin
        // behind the near knee at a lower angle: the pelvis and legs are
        // seen from higher up, so both sides of the pelvis show.
        const float el = camera == "head_shoulders" ? 62.0f : camera == "pelvis_legs" ? 68.0f : 52.0f;
        const float e = glm::radians(el);
        return glm::normalize(glm::vec3(-std::cos(e), std::sin(e), 0.12f));
    }
    const float el = camera == "pelvis_legs" ? 14.0f : 8.0f;
    const float e = glm::radians(el);
    return glm::normalize(glm::vec3(0.0f, std::sin(e), std::cos(e)));
}

glm::vec3 upFor(const glm::vec3& dir) {
    // World up, unless the camera looks (almost) straight down.
    return std::abs(dir.y) > 0.98f ? glm::vec3(0, 0, -1) : glm::vec3(0, 1, 0);
}

CameraPose frame(const Figure& figure, std::string_view pose, std::string_view camera, float aspect) {
    std::vector<glm::mat4> m;
    poseMatrices(figure, pose, pose, 1.0f, m);
    std::vector<bool> wanted(kMaxRegions, false);
    const auto names = presetRegions(camera);
    for (auto n : names)
        if (auto i = regionIndex(n)) wanted[*i] = true;

    // A subsample of the skin is plenty for a bounding box and keeps this
    // cheap even uncached.
    std::vector<glm::vec3> pts;
    const auto& verts = figure.skin.vertices;
    for (size_t i = 0; i < verts.size(); i += 3) {
        const auto& v = verts[i];
        if (!names.empty()) {
            int best = 0;
            for (int k = 1; k < 4; ++k)
                if (v.regionWeights[k] > v.regionWeights[best]) best = k;
            if (!wanted[v.regions[best]]) continue;
        }
        pts.push_back(skinPosition(v, 0.5f, m));
    }
    if (pts.empty())
        for (size_t i = 0; i < verts.size(); i += 3) pts.push_back(skinPosition(verts[i], 0.5f, m));

    glm::vec3 lo(1e9f), hi(-1e9f);
    for (auto& p : pts) { lo = glm::min(lo, p); hi = glm::max(hi, p); }
    if (pts.empty()) { lo = glm::vec3(-0.5f, 0, -0.5f); hi = glm::vec3(0.5f, figure.desc.heightM, 0.5f); }

    CameraPose c;
    c.fovYDeg = 30.0f;
    c.target = (lo + hi) * 0.5f;
    c.direction = viewDirection(pose, camera);
    const glm::vec3 fwd = -c.direction;
    const glm::vec3 right = glm::normalize(glm::cross(fwd, upFor(c.direction)));
    const glm::vec3 up = glm::cross(right, fwd);
    const float margin = names.empty() ? 1.10f : 1.22f;
    const float tanY = std::tan(glm::radians(c.fovYDeg) * 0.5f) / margin;
    const float tanX = tanY * std::max(0.2f, aspect);
    // The nearest distance at which every point lies inside the frustum.
    float dist = 0.3f;
    for (auto& p : pts) {
        const glm::vec3 d = p - c.target;
        const float x = std::abs(glm::dot(d, right)), y = std::abs(glm::dot(d, up)), z = glm::dot(d, c.direction);
        dist = std::max({dist, x / tanX + z, y / tanY + z});
    }
    c.distanceM = dist;
    return c;
}

} // namespace

CameraPose cameraPreset(const Figure& figure, std::string_view pose, std::string_view camera, float aspect) {
    if (!isCameraPreset(camera)) camera = "whole_body";
    // Framing skins a few thousand vertices; a window asks every frame.
    using Key = std::tuple<int, float, int, std::string, std::string, int>;
    static std::mutex mutex;
    static std::map<Key, CameraPose> cache;
    const Key key{int(figure.desc.build), figure.desc.heightM, figure.desc.lod, std::string(pose), std::string(camera),
                  int(std::lround(aspect * 1000.0f))};
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    CameraPose c = frame(figure, pose, camera, aspect);
    std::lock_guard lock(mutex);
    if (cache.size() > 256) cache.clear();
    cache.emplace(key, c);
    return c;
}

CameraPose blendCamera(const CameraPose& a, const CameraPose& b, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    CameraPose c;
    c.target = glm::mix(a.target, b.target, t);
    c.distanceM = glm::mix(a.distanceM, b.distanceM, t);
    c.fovYDeg = glm::mix(a.fovYDeg, b.fovYDeg, t);
    const float cosAng = std::clamp(glm::dot(a.direction, b.direction), -1.0f, 1.0f);
    const float ang = std::acos(cosAng);
    if (ang < 1e-4f) {
        c.direction = glm::normalize(glm::mix(a.direction, b.direction, t));
    } else if (ang > 3.1f) {
        // Opposite directions: turn over the top rather than through the target.
        const glm::vec3 mid = glm::normalize(glm::vec3(0, 1, 0) - a.direction * a.direction.y + glm::vec3(0, 1e-3f, 0));
        c.direction = t < 0.5f ? blendCamera({{}, a.direction}, {{}, mid}, t * 2).direction
                               : blendCamera({{}, mid}, {{}, b.direction}, t * 2 - 1).direction;
    } else {
        const float s = std::sin(ang);
        c.direction = glm::normalize(a.direction * (std::sin((1 - t) * ang) / s) + b.direction * (std::sin(t * ang) / s));
    }
    return c;
}

CameraPose cameraFor(const Figure& figure, const BodyState& state, float aspect) {
    const std::string_view to = state.pose;
    const std::string_view from = state.fromPose.empty() ? to : std::string_view(state.fromPose);
    const std::string_view cam = state.camera;
    const std::string_view fromCam = state.fromCamera.empty() ? cam : std::string_view(state.fromCamera);
    auto presetAt = [&](std::string_view camera) {
        CameraPose a = cameraPreset(figure, from, camera, aspect);
        if (from == to || state.poseBlend >= 1.0f) return cameraPreset(figure, to, camera, aspect);
        return blendCamera(a, cameraPreset(figure, to, camera, aspect), state.poseBlend);
    };
    CameraPose target = presetAt(cam);
    if (fromCam == cam || state.cameraBlend >= 1.0f) return target;
    return blendCamera(presetAt(fromCam), target, state.cameraBlend);
}

namespace {
View viewFrom(const CameraPose& c, glm::vec3 eye, float shiftNdc, int x, int y, int w, int h) {
    View v;
    v.x = x;
    v.y = y;
    v.width = w;
    v.height = h;
    v.eye = eye;
    const glm::vec3 fwd = -c.direction;
    v.view = glm::lookAt(eye, eye + fwd, upFor(c.direction));
    const float nearM = std::max(0.05f, c.distanceM - 3.0f);
    const float farM = c.distanceM + 3.0f;
    glm::mat4 p = glm::perspective(glm::radians(c.fovYDeg), float(w) / float(std::max(1, h)), nearM, farM);
    p[2][0] += shiftNdc; // an off-axis frustum: parallel eyes converge at the target
    v.projection = p;
    return v;
}
} // namespace

CameraPose orbitCamera(const CameraPose& base, float yawDeg, float pitchDeg, float zoom) {
    CameraPose c = base;
    const glm::vec3 d = glm::normalize(base.direction);
    const float yaw = std::atan2(d.x, d.z) + glm::radians(yawDeg);
    const float limit = glm::radians(75.0f);
    const float pitch = std::clamp(std::asin(std::clamp(d.y, -1.0f, 1.0f)) + glm::radians(pitchDeg), -limit, limit);
    c.direction = glm::vec3(std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw));
    c.distanceM = base.distanceM * std::clamp(zoom, 0.3f, 1.5f);
    return c;
}

View makeView(const CameraPose& c, int x, int y, int width, int height) {
    return viewFrom(c, c.eye(), 0.0f, x, y, width, height);
}

std::vector<View> stereoViews(const CameraPose& c, int targetWidth, int targetHeight, float sep) {
    const int half = targetWidth / 2;
    const glm::vec3 right = glm::normalize(glm::cross(-c.direction, upFor(c.direction)));
    const float aspect = float(half) / float(std::max(1, targetHeight));
    const float tanX = std::tan(glm::radians(c.fovYDeg) * 0.5f) * aspect;
    // The screen-space shift that puts the target at the centre of each eye.
    const float shift = (sep * 0.5f) / (c.distanceM * tanX);
    return {viewFrom(c, c.eye() - right * (sep * 0.5f), shift, 0, 0, half, targetHeight),
            viewFrom(c, c.eye() + right * (sep * 0.5f), -shift, half, 0, targetWidth - half, targetHeight)};
}

} // namespace soma
