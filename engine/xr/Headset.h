// xr/Headset: a VR headset through OpenXR (the Khronos loader, so any
// conformant runtime: Monado, SteamVR, a standalone headset's streaming
// runtime). Soma's part of the specification, and nothing more:
//
// - an instance with XR_KHR_opengl_enable (and XR_MNDX_egl_enable where the
//   GL context is EGL), the head-mounted system, and a session on the GL
//   context current when it is created (xr/GraphicsBinding);
// - the LOCAL reference space: the seated or reclining person's head at
//   the start, so nothing depends on a floor the runtime may not know;
// - one swapchain twice an eye wide: the left eye draws into its left half,
//   the right eye into its right half, in one pass of the renderer (the
//   figure skinned once for both);
// - frames paced by xrWaitFrame, xrBeginFrame and xrEndFrame; a frame the
//   runtime says not to render submits no layer;
// - the session's states as the specification orders them: begun when
//   READY, ended when STOPPING, over at EXITING or LOSS_PENDING; a lost
//   session or instance is reported, never thrown or crashed on;
// - two actions, "select" and "menu", suggested for the Khronos simple
//   controller and the Oculus Touch controller (the runtime maps others).
//
// Needs the GL context current on the calling thread for create() and
// every frame call. Depends on the OpenXR loader, render/ (the drawn
// target), glm and glad.
#pragma once

#include "core/Result.h"
#include "render/RenderTarget.h"

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace soma {

// A pose and field of view as the runtime reports them, in the LOCAL space
// (metres; +y up, -z ahead of the head at the start).
struct EyeView {
    glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 position{0.0f};
    float angleLeft = -0.785f, angleRight = 0.785f, angleUp = 0.785f, angleDown = -0.785f; // radians
};

// The session's state, as XrSessionState names it.
enum class HeadsetState { Unknown, Idle, Ready, Synchronized, Visible, Focused, Stopping, LossPending, Exiting };
const char* headsetStateName(HeadsetState s);

struct HeadsetFrame {
    bool shouldRender = false;  // false: draw nothing, endFrame submits no layer
    std::int64_t displayTime = 0; // the runtime's predicted display time (ns)
    std::array<EyeView, 2> eyes;
    bool headValid = false;
    glm::quat headOrientation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 headPosition{0.0f};
};

struct HeadsetDesc {
    std::string applicationName = "Soma";
};

class Headset {
public:
    // Errors name what is missing: no runtime installed, no headset
    // connected, no GL context, an extension the runtime lacks.
    static Result<std::unique_ptr<Headset>> create(const HeadsetDesc& desc = {});
    ~Headset();
    Headset(const Headset&) = delete;
    Headset& operator=(const Headset&) = delete;

    const std::string& runtimeName() const;
    // The size of one eye's image (the runtime's recommendation).
    int eyeWidth() const;
    int eyeHeight() const;

    // Takes the runtime's events: begins the session when it is READY,
    // ends it when STOPPING, notes EXITING and losses. Call once a loop.
    void pollEvents();
    HeadsetState state() const;
    bool running() const;  // begun and not yet ended: frames go on
    bool focused() const;  // the person's input reaches Soma
    // The runtime asked the session to stop (STOPPING), or it has ended.
    bool stopping() const;
    // Over: EXITING, or the session or instance was lost. Destroy it.
    bool over() const;
    bool lost() const;
    // Asks the runtime to end the session (it answers with STOPPING).
    void requestExit();

    // Waits for the runtime's next frame and begins it; where to draw
    // comes with it. Only while running().
    Result<HeadsetFrame> beginFrame();
    // Copies `drawn` (two eyes side by side, eyeWidth() each) into the
    // swapchain and submits it for `frame`'s eyes; null or a frame that
    // should not render: an empty frame.
    Status endFrame(const HeadsetFrame& frame, const RenderTarget* drawn);

    // The actions since the last frame began (each press once).
    bool selectPressed() const;
    bool menuPressed() const;

private:
    Headset();
    struct Impl;
    std::unique_ptr<Impl> mImpl;
};

// Whether an OpenXR runtime is installed, and which (for `soma doctor`,
// the home screen and `soma run --xr`'s message). Creates and destroys an
// instance; no session, no headset needed.
struct XrRuntimeInfo {
    bool present = false;
    std::string name;       // the runtime's own name, with its version
    std::string problem;    // why there is none (the loader's words)
};
XrRuntimeInfo probeXrRuntime();
// The active runtime's manifest, found as the loader finds it
// (XR_RUNTIME_JSON, then active_runtime.json under $XDG_CONFIG_HOME and
// $XDG_CONFIG_DIRS, then /etc); empty when there is none. Reads files
// only: it starts no runtime (creating an instance may start SteamVR).
std::string xrRuntimeManifest();
// What to tell a person who asked for the headset where there is no
// runtime: how to get one.
std::string noRuntimeAdvice();

} // namespace soma
