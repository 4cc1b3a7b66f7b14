#include "xr/Headset.h"

#include "core/Log.h"
#include "xr/GraphicsBinding.h"

#include <glad/gl.h>

#define XR_USE_GRAPHICS_API_OPENGL
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

namespace soma {
namespace {

// An OpenXR structure, zeroed, with its type set.
template <class T>
T xrStruct(XrStructureType type) {
    T v{};
    v.type = type;
    return v;
}

std::string resultName(XrInstance instance, XrResult r) {
    char buf[XR_MAX_RESULT_STRING_SIZE] = {};
    if (instance != XR_NULL_HANDLE && XR_SUCCEEDED(xrResultToString(instance, r, buf))) return buf;
    return fmt::format("XrResult {}", int(r));
}

Error xrError(XrInstance instance, const char* call, XrResult r) {
    return Error{"xr.call_failed", fmt::format("OpenXR {} failed: {}", call, resultName(instance, r))};
}

HeadsetState fromXr(XrSessionState s) {
    switch (s) {
    case XR_SESSION_STATE_IDLE: return HeadsetState::Idle;
    case XR_SESSION_STATE_READY: return HeadsetState::Ready;
    case XR_SESSION_STATE_SYNCHRONIZED: return HeadsetState::Synchronized;
    case XR_SESSION_STATE_VISIBLE: return HeadsetState::Visible;
    case XR_SESSION_STATE_FOCUSED: return HeadsetState::Focused;
    case XR_SESSION_STATE_STOPPING: return HeadsetState::Stopping;
    case XR_SESSION_STATE_LOSS_PENDING: return HeadsetState::LossPending;
    case XR_SESSION_STATE_EXITING: return HeadsetState::Exiting;
    default: return HeadsetState::Unknown;
    }
}

EyeView toEye(const XrView& v) {
    EyeView e;
    e.orientation = glm::quat(v.pose.orientation.w, v.pose.orientation.x, v.pose.orientation.y, v.pose.orientation.z);
    e.position = {v.pose.position.x, v.pose.position.y, v.pose.position.z};
    e.angleLeft = v.fov.angleLeft;
    e.angleRight = v.fov.angleRight;
    e.angleUp = v.fov.angleUp;
    e.angleDown = v.fov.angleDown;
    return e;
}

bool hasExtension(const std::vector<XrExtensionProperties>& all, const std::string& name) {
    return std::any_of(all.begin(), all.end(), [&](const XrExtensionProperties& p) { return name == p.extensionName; });
}

} // namespace

const char* headsetStateName(HeadsetState s) {
    switch (s) {
    case HeadsetState::Idle: return "idle";
    case HeadsetState::Ready: return "ready";
    case HeadsetState::Synchronized: return "synchronized";
    case HeadsetState::Visible: return "visible";
    case HeadsetState::Focused: return "focused";
    case HeadsetState::Stopping: return "stopping";
    case HeadsetState::LossPending: return "loss pending";
    case HeadsetState::Exiting: return "exiting";
    case HeadsetState::Unknown: break;
    }
    return "unknown";
}

std::string noRuntimeAdvice() {
    return "No OpenXR runtime is installed, so Soma cannot reach a headset. Install one and start it: Monado (monado-service, "
           "for most headsets on Linux) or SteamVR (Steam's VR runtime, set as the OpenXR runtime in its settings); a "
           "runtime registers itself in /etc/xdg/openxr/1/active_runtime.json or ~/.config/openxr/1/active_runtime.json, "
           "and XR_RUNTIME_JSON can name one. `soma doctor` says which runtime Soma finds.";
}

struct Headset::Impl {
    XrInstance instance = XR_NULL_HANDLE;
    XrSystemId system = XR_NULL_SYSTEM_ID;
    XrSession session = XR_NULL_HANDLE;
    XrSpace local = XR_NULL_HANDLE;
    XrSpace head = XR_NULL_HANDLE;
    XrSwapchain swapchain = XR_NULL_HANDLE;
    std::vector<XrSwapchainImageOpenGLKHR> images;
    gl::Framebuffer imageFbo;
    XrActionSet actions = XR_NULL_HANDLE;
    XrAction select = XR_NULL_HANDLE, menu = XR_NULL_HANDLE;
    XrPath hands[2] = {XR_NULL_PATH, XR_NULL_PATH};
    bool selectPressed = false, menuPressed = false;
    std::string runtimeName;
    int eyeWidth = 0, eyeHeight = 0;
    HeadsetState state = HeadsetState::Unknown;
    bool running = false;
    bool lost = false;
    bool frameBegun = false;
    std::optional<GraphicsBinding> binding;

    ~Impl() {
        // Children first; each handle is destroyed once, lost or not.
        if (swapchain != XR_NULL_HANDLE) xrDestroySwapchain(swapchain);
        if (head != XR_NULL_HANDLE) xrDestroySpace(head);
        if (local != XR_NULL_HANDLE) xrDestroySpace(local);
        if (session != XR_NULL_HANDLE) xrDestroySession(session);
        if (actions != XR_NULL_HANDLE) xrDestroyActionSet(actions);
        if (instance != XR_NULL_HANDLE) xrDestroyInstance(instance);
    }

    Status check(const char* call, XrResult r) {
        if (r == XR_ERROR_SESSION_LOST || r == XR_ERROR_INSTANCE_LOST) lost = true;
        if (XR_FAILED(r)) return xrError(instance, call, r);
        return Ok{};
    }

    XrPath path(const char* s) {
        XrPath p = XR_NULL_PATH;
        xrStringToPath(instance, s, &p);
        return p;
    }

    Status createActions() {
        auto si = xrStruct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
        std::strcpy(si.actionSetName, "soma");
        std::strcpy(si.localizedActionSetName, "Soma");
        if (auto s = check("xrCreateActionSet", xrCreateActionSet(instance, &si, &actions)); !s) return s;
        hands[0] = path("/user/hand/left");
        hands[1] = path("/user/hand/right");
        auto make = [&](const char* name, const char* shown, XrAction& into) {
            auto ai = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
            std::strcpy(ai.actionName, name);
            std::strcpy(ai.localizedActionName, shown);
            ai.actionType = XR_ACTION_TYPE_BOOLEAN_INPUT;
            ai.countSubactionPaths = 2;
            ai.subactionPaths = hands;
            return check("xrCreateAction", xrCreateAction(actions, &ai, &into));
        };
        if (auto s = make("select", "Pause or resume", select); !s) return s;
        if (auto s = make("menu", "Ease out", menu); !s) return s;
        struct Profile { const char* profile; std::vector<std::pair<XrAction, const char*>> bindings; };
        const std::vector<Profile> profiles{
            {"/interaction_profiles/khr/simple_controller",
             {{select, "/user/hand/left/input/select/click"}, {select, "/user/hand/right/input/select/click"},
              {menu, "/user/hand/left/input/menu/click"}, {menu, "/user/hand/right/input/menu/click"}}},
            {"/interaction_profiles/oculus/touch_controller",
             {{select, "/user/hand/left/input/trigger/value"}, {select, "/user/hand/right/input/trigger/value"},
              {menu, "/user/hand/left/input/menu/click"}}},
        };
        for (const Profile& p : profiles) {
            std::vector<XrActionSuggestedBinding> b;
            for (const auto& [action, where] : p.bindings) b.push_back({action, path(where)});
            auto sb = xrStruct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
            sb.interactionProfile = path(p.profile);
            sb.countSuggestedBindings = uint32_t(b.size());
            sb.suggestedBindings = b.data();
            // A runtime that does not know a profile says so; the others still hold.
            if (XrResult r = xrSuggestInteractionProfileBindings(instance, &sb); XR_FAILED(r))
                log::warn("xr.bindings", "the runtime took no bindings for {}: {}", p.profile, resultName(instance, r));
        }
        return Ok{};
    }

    bool actionPressed(XrAction a) {
        bool pressed = false;
        for (XrPath hand : hands) {
            auto gi = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
            gi.action = a;
            gi.subactionPath = hand;
            auto st = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
            if (XR_SUCCEEDED(xrGetActionStateBoolean(session, &gi, &st)) && st.isActive && st.changedSinceLastSync && st.currentState)
                pressed = true;
        }
        return pressed;
    }
};

Headset::Headset() : mImpl(std::make_unique<Impl>()) {}
Headset::~Headset() = default;

const std::string& Headset::runtimeName() const { return mImpl->runtimeName; }
int Headset::eyeWidth() const { return mImpl->eyeWidth; }
int Headset::eyeHeight() const { return mImpl->eyeHeight; }
HeadsetState Headset::state() const { return mImpl->state; }
bool Headset::running() const { return mImpl->running && !mImpl->lost; }
bool Headset::focused() const { return mImpl->state == HeadsetState::Focused && !mImpl->lost; }
bool Headset::stopping() const {
    const HeadsetState s = mImpl->state;
    return s == HeadsetState::Stopping || s == HeadsetState::Exiting || s == HeadsetState::LossPending || mImpl->lost;
}
bool Headset::over() const {
    return mImpl->state == HeadsetState::Exiting || mImpl->state == HeadsetState::LossPending || mImpl->lost;
}
bool Headset::lost() const { return mImpl->lost || mImpl->state == HeadsetState::LossPending; }
bool Headset::selectPressed() const { return mImpl->selectPressed; }
bool Headset::menuPressed() const { return mImpl->menuPressed; }

void Headset::requestExit() {
    Impl& m = *mImpl;
    if (m.session == XR_NULL_HANDLE || m.lost) return;
    if (!m.running) {
        // Never begun (or already ended): nothing to stop; it is over.
        m.state = HeadsetState::Exiting;
        return;
    }
    if (auto s = m.check("xrRequestExitSession", xrRequestExitSession(m.session)); !s)
        log::warn(s.error().id, "{}", s.error().message);
}

Result<std::unique_ptr<Headset>> Headset::create(const HeadsetDesc& desc) {
    std::unique_ptr<Headset> h(new Headset());
    Impl& m = *h->mImpl;
    auto binding = GraphicsBinding::forCurrentContext();
    if (!binding) return binding.error();
    m.binding = std::move(*binding);

    uint32_t n = 0;
    if (XrResult r = xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr); XR_FAILED(r))
        return Error{"xr.no_runtime", noRuntimeAdvice() + fmt::format(" (the loader said: {})", resultName(XR_NULL_HANDLE, r))};
    std::vector<XrExtensionProperties> available(n, xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
    xrEnumerateInstanceExtensionProperties(nullptr, n, &n, available.data());
    std::vector<const char*> extensions{XR_KHR_OPENGL_ENABLE_EXTENSION_NAME};
    const std::string bindingExt = m.binding->extension();
    if (!bindingExt.empty()) extensions.push_back(bindingExt.c_str());
    for (const char* e : extensions)
        if (!hasExtension(available, e))
            return Error{"xr.extension_missing",
                         fmt::format("the OpenXR runtime does not offer {}, which Soma needs to draw into the headset with OpenGL{}", e,
                                     bindingExt.empty() ? "" : " on EGL (run Soma under X11 for the GLX binding, or use Monado)")};

    auto ci = xrStruct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
    std::strncpy(ci.applicationInfo.applicationName, desc.applicationName.c_str(), XR_MAX_APPLICATION_NAME_SIZE - 1);
    ci.applicationInfo.applicationVersion = 1;
    std::strcpy(ci.applicationInfo.engineName, "Soma");
    ci.applicationInfo.engineVersion = 1;
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    ci.enabledExtensionCount = uint32_t(extensions.size());
    ci.enabledExtensionNames = extensions.data();
    if (XrResult r = xrCreateInstance(&ci, &m.instance); XR_FAILED(r)) {
        m.instance = XR_NULL_HANDLE;
        if (r == XR_ERROR_RUNTIME_UNAVAILABLE || r == XR_ERROR_RUNTIME_FAILURE)
            return Error{"xr.no_runtime", noRuntimeAdvice()};
        return xrError(XR_NULL_HANDLE, "xrCreateInstance", r);
    }
    auto ip = xrStruct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    if (XR_SUCCEEDED(xrGetInstanceProperties(m.instance, &ip)))
        m.runtimeName = fmt::format("{} {}.{}.{}", ip.runtimeName, XR_VERSION_MAJOR(ip.runtimeVersion), XR_VERSION_MINOR(ip.runtimeVersion),
                                    XR_VERSION_PATCH(ip.runtimeVersion));

    auto gi = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
    gi.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    if (XrResult r = xrGetSystem(m.instance, &gi, &m.system); XR_FAILED(r)) {
        if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
            return Error{"xr.no_headset", fmt::format("{} finds no headset: connect it, switch it on, and try again", m.runtimeName)};
        return xrError(m.instance, "xrGetSystem", r);
    }

    uint32_t viewCount = 0;
    if (auto s = m.check("xrEnumerateViewConfigurationViews",
                         xrEnumerateViewConfigurationViews(m.instance, m.system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &viewCount, nullptr));
        !s)
        return s.error();
    if (viewCount != 2) return Error{"xr.not_stereo", fmt::format("the headset reports {} views; Soma draws two eyes", viewCount)};
    std::vector<XrViewConfigurationView> views(2, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
    xrEnumerateViewConfigurationViews(m.instance, m.system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &viewCount, views.data());
    m.eyeWidth = int(views[0].recommendedImageRectWidth);
    m.eyeHeight = int(views[0].recommendedImageRectHeight);

    // The specification requires asking before the session is made.
    PFN_xrGetOpenGLGraphicsRequirementsKHR requirements = nullptr;
    if (auto s = m.check("xrGetInstanceProcAddr", xrGetInstanceProcAddr(m.instance, "xrGetOpenGLGraphicsRequirementsKHR",
                                                                        reinterpret_cast<PFN_xrVoidFunction*>(&requirements)));
        !s)
        return s.error();
    auto req = xrStruct<XrGraphicsRequirementsOpenGLKHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR);
    if (auto s = m.check("xrGetOpenGLGraphicsRequirementsKHR", requirements(m.instance, m.system, &req)); !s) return s.error();
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    if (XR_MAKE_VERSION(major, minor, 0) < req.minApiVersionSupported)
        return Error{"xr.gl_too_old", fmt::format("the runtime needs OpenGL {}.{}; this context is {}.{}", XR_VERSION_MAJOR(req.minApiVersionSupported),
                                                  XR_VERSION_MINOR(req.minApiVersionSupported), major, minor)};

    if (auto s = m.createActions(); !s) return s.error();

    auto si = xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
    si.next = m.binding->next();
    si.systemId = m.system;
    if (auto s = m.check("xrCreateSession", xrCreateSession(m.instance, &si, &m.session)); !s) {
        m.session = XR_NULL_HANDLE;
        return s.error();
    }
    auto rs = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
    rs.poseInReferenceSpace.orientation.w = 1.0f;
    rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
    if (auto s = m.check("xrCreateReferenceSpace", xrCreateReferenceSpace(m.session, &rs, &m.local)); !s) return s.error();
    rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    if (auto s = m.check("xrCreateReferenceSpace", xrCreateReferenceSpace(m.session, &rs, &m.head)); !s) return s.error();

    auto ai = xrStruct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
    ai.countActionSets = 1;
    ai.actionSets = &m.actions;
    if (auto s = m.check("xrAttachSessionActionSets", xrAttachSessionActionSets(m.session, &ai)); !s) return s.error();

    // The swapchain: sRGB where offered. Soma's shaders write display
    // values and GL_FRAMEBUFFER_SRGB stays off, so the bytes are what the
    // runtime reads as sRGB.
    uint32_t formatCount = 0;
    xrEnumerateSwapchainFormats(m.session, 0, &formatCount, nullptr);
    std::vector<int64_t> formats(formatCount);
    xrEnumerateSwapchainFormats(m.session, formatCount, &formatCount, formats.data());
    int64_t format = 0;
    for (int64_t want : {int64_t(GL_SRGB8_ALPHA8), int64_t(GL_RGBA8)})
        if (format == 0 && std::find(formats.begin(), formats.end(), want) != formats.end()) format = want;
    if (format == 0) return Error{"xr.no_format", "the runtime offers no 8-bit RGBA swapchain format"};
    auto sc = xrStruct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
    sc.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
    sc.format = format;
    sc.sampleCount = 1;
    sc.width = uint32_t(2 * m.eyeWidth);
    sc.height = uint32_t(m.eyeHeight);
    sc.faceCount = 1;
    sc.arraySize = 1;
    sc.mipCount = 1;
    if (auto s = m.check("xrCreateSwapchain", xrCreateSwapchain(m.session, &sc, &m.swapchain)); !s) return s.error();
    uint32_t imageCount = 0;
    xrEnumerateSwapchainImages(m.swapchain, 0, &imageCount, nullptr);
    m.images.assign(imageCount, xrStruct<XrSwapchainImageOpenGLKHR>(XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR));
    if (auto s = m.check("xrEnumerateSwapchainImages",
                         xrEnumerateSwapchainImages(m.swapchain, imageCount, &imageCount,
                                                    reinterpret_cast<XrSwapchainImageBaseHeader*>(m.images.data())));
        !s)
        return s.error();
    m.imageFbo = gl::makeFramebuffer();
    log::info("xr.ready", "headset through {}: {}x{} per eye, {} swapchain images", m.runtimeName, m.eyeWidth, m.eyeHeight, imageCount);
    return h;
}

void Headset::pollEvents() {
    Impl& m = *mImpl;
    if (m.instance == XR_NULL_HANDLE) return;
    for (;;) {
        auto ev = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
        const XrResult r = xrPollEvent(m.instance, &ev);
        if (r != XR_SUCCESS) {
            if (XR_FAILED(r)) (void)m.check("xrPollEvent", r);
            return;
        }
        switch (ev.type) {
        case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
            log::warn("xr.instance_lost", "the OpenXR runtime is going away; the headset session ends");
            m.lost = true;
            break;
        case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
            const auto& sc = *reinterpret_cast<const XrEventDataSessionStateChanged*>(&ev);
            if (sc.session != m.session) break;
            m.state = fromXr(sc.state);
            log::info("xr.state", "headset session {}", headsetStateName(m.state));
            if (sc.state == XR_SESSION_STATE_READY && !m.running) {
                auto bi = xrStruct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
                bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
                if (auto s = m.check("xrBeginSession", xrBeginSession(m.session, &bi)); s) m.running = true;
                else log::error(s.error().id, "{}", s.error().message);
            } else if (sc.state == XR_SESSION_STATE_STOPPING && m.running) {
                if (auto s = m.check("xrEndSession", xrEndSession(m.session)); !s) log::warn(s.error().id, "{}", s.error().message);
                m.running = false;
            } else if (sc.state == XR_SESSION_STATE_LOSS_PENDING) {
                log::warn("xr.session_lost", "the headset session was lost (the headset disconnected?)");
                m.running = false;
            }
            break;
        }
        default: break; // reference space changes and the like: the LOCAL space stays ours
        }
    }
}

Result<HeadsetFrame> Headset::beginFrame() {
    Impl& m = *mImpl;
    if (!running()) return Error{"xr.not_running", "the headset session is not running"};
    auto wi = xrStruct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
    auto fs = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    if (auto s = m.check("xrWaitFrame", xrWaitFrame(m.session, &wi, &fs)); !s) return s.error();
    auto bi = xrStruct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
    if (auto s = m.check("xrBeginFrame", xrBeginFrame(m.session, &bi)); !s) return s.error();
    m.frameBegun = true;
    HeadsetFrame f;
    f.displayTime = fs.predictedDisplayTime;
    f.shouldRender = fs.shouldRender == XR_TRUE;

    // Input first: it belongs to this frame whatever is drawn.
    m.selectPressed = m.menuPressed = false;
    XrActiveActionSet active{m.actions, XR_NULL_PATH};
    auto sync = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
    sync.countActiveActionSets = 1;
    sync.activeActionSets = &active;
    if (XrResult r = xrSyncActions(m.session, &sync); r == XR_SUCCESS) {
        m.selectPressed = m.actionPressed(m.select);
        m.menuPressed = m.actionPressed(m.menu);
    }

    auto head = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    if (XR_SUCCEEDED(xrLocateSpace(m.head, m.local, fs.predictedDisplayTime, &head)) &&
        (head.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT)) {
        f.headValid = true;
        f.headOrientation = glm::quat(head.pose.orientation.w, head.pose.orientation.x, head.pose.orientation.y, head.pose.orientation.z);
        f.headPosition = {head.pose.position.x, head.pose.position.y, head.pose.position.z};
    }
    if (!f.shouldRender) return f;
    auto li = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
    li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    li.displayTime = fs.predictedDisplayTime;
    li.space = m.local;
    auto vs = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
    XrView views[2] = {xrStruct<XrView>(XR_TYPE_VIEW), xrStruct<XrView>(XR_TYPE_VIEW)};
    uint32_t n = 0;
    if (auto s = m.check("xrLocateViews", xrLocateViews(m.session, &li, &vs, 2, &n, views)); !s) return s.error();
    // Without a valid orientation there is nothing sensible to draw: an
    // empty frame, rather than a world that jumps.
    if (n != 2 || !(vs.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT)) {
        f.shouldRender = false;
        return f;
    }
    f.eyes = {toEye(views[0]), toEye(views[1])};
    return f;
}

Status Headset::endFrame(const HeadsetFrame& f, const RenderTarget* drawn) {
    Impl& m = *mImpl;
    if (!m.frameBegun) return Error{"xr.no_frame", "endFrame without beginFrame"};
    m.frameBegun = false;
    auto layer = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    XrCompositionLayerProjectionView views[2] = {xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW),
                                                 xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW)};
    const XrCompositionLayerBaseHeader* layers[1] = {reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer)};
    uint32_t layerCount = 0;
    if (f.shouldRender && drawn) {
        uint32_t index = 0;
        auto ai = xrStruct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
        if (auto s = m.check("xrAcquireSwapchainImage", xrAcquireSwapchainImage(m.swapchain, &ai, &index)); !s) return s;
        auto wi = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
        wi.timeout = XR_INFINITE_DURATION;
        if (auto s = m.check("xrWaitSwapchainImage", xrWaitSwapchainImage(m.swapchain, &wi)); !s) return s;
        // The drawn eyes into the image, as they are (GL's rows, bottom first, both).
        glBindFramebuffer(GL_FRAMEBUFFER, m.imageFbo.id());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m.images[index].image, 0);
        drawn->copyInto(m.imageFbo.id());
        auto ri = xrStruct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
        if (auto s = m.check("xrReleaseSwapchainImage", xrReleaseSwapchainImage(m.swapchain, &ri)); !s) return s;
        for (int i = 0; i < 2; ++i) {
            const EyeView& e = f.eyes[size_t(i)];
            XrCompositionLayerProjectionView& v = views[i];
            v.pose.orientation = {e.orientation.x, e.orientation.y, e.orientation.z, e.orientation.w};
            v.pose.position = {e.position.x, e.position.y, e.position.z};
            v.fov = {e.angleLeft, e.angleRight, e.angleUp, e.angleDown};
            v.subImage.swapchain = m.swapchain;
            v.subImage.imageRect.offset = {i * m.eyeWidth, 0};
            v.subImage.imageRect.extent = {m.eyeWidth, m.eyeHeight};
            v.subImage.imageArrayIndex = 0;
        }
        layer.space = m.local;
        layer.viewCount = 2;
        layer.views = views;
        layerCount = 1;
    }
    auto ei = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    ei.displayTime = f.displayTime;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    ei.layerCount = layerCount;
    ei.layers = layerCount ? layers : nullptr;
    return m.check("xrEndFrame", xrEndFrame(m.session, &ei));
}

std::string xrRuntimeManifest() {
    namespace fs = std::filesystem;
    std::error_code ec;
    auto is = [&](const fs::path& p) { return !p.empty() && fs::is_regular_file(p, ec); };
    if (const char* env = std::getenv("XR_RUNTIME_JSON"); env && *env) return is(env) ? std::string(env) : std::string();
    const fs::path tail = fs::path("openxr") / "1" / "active_runtime.json";
    std::vector<fs::path> dirs;
    if (const char* c = std::getenv("XDG_CONFIG_HOME"); c && *c) dirs.emplace_back(c);
    else if (const char* home = std::getenv("HOME"); home && *home) dirs.push_back(fs::path(home) / ".config");
    const char* xdgDirs = std::getenv("XDG_CONFIG_DIRS");
    std::string all = xdgDirs && *xdgDirs ? xdgDirs : "/etc/xdg";
    for (size_t at = 0; at <= all.size();) {
        const size_t colon = std::min(all.find(':', at), all.size());
        if (colon > at) dirs.emplace_back(all.substr(at, colon - at));
        at = colon + 1;
    }
    dirs.emplace_back("/etc");
    for (const auto& d : dirs)
        if (is(d / tail)) return (d / tail).string();
    return {};
}

XrRuntimeInfo probeXrRuntime() {
    XrRuntimeInfo info;
    auto ci = xrStruct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
    std::strcpy(ci.applicationInfo.applicationName, "Soma doctor");
    std::strcpy(ci.applicationInfo.engineName, "Soma");
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    XrInstance instance = XR_NULL_HANDLE;
    if (XrResult r = xrCreateInstance(&ci, &instance); XR_FAILED(r)) {
        info.problem = r == XR_ERROR_RUNTIME_UNAVAILABLE || r == XR_ERROR_RUNTIME_FAILURE
                           ? "no OpenXR runtime is installed"
                           : fmt::format("the OpenXR loader could not start a runtime ({})", resultName(XR_NULL_HANDLE, r));
        return info;
    }
    auto ip = xrStruct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    info.present = true;
    if (XR_SUCCEEDED(xrGetInstanceProperties(instance, &ip)))
        info.name = fmt::format("{} {}.{}.{}", ip.runtimeName, XR_VERSION_MAJOR(ip.runtimeVersion), XR_VERSION_MINOR(ip.runtimeVersion),
                                XR_VERSION_PATCH(ip.runtimeVersion));
    xrDestroyInstance(instance);
    return info;
}

} // namespace soma
