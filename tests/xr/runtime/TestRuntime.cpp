// The Soma OpenXR test runtime: a headless runtime for the real OpenXR
// loader (XR_RUNTIME_JSON), so that the VR path runs in tests without a
// headset. It composites nothing. It gives scripted head poses and session
// state changes, keeps what the application submits (the projection views'
// pixels, poses and fields of view), and holds the application to the
// specification's state machine and call order: every wrong call returns the
// error the specification names and is also recorded as a "violation" that a
// test reads through the control interface (soma_xrt.h).
//
// Requirement of this runtime (stricter than the specification): the
// session's OpenGL context must be current on the calling thread for
// xrCreateSwapchain, xrDestroySwapchain and for xrEndFrame with layers, since
// the runtime creates the swapchain textures and reads them back in that
// context. It restores every GL binding and pixel-store setting it changes.
//
// Only xrNegotiateLoaderRuntimeInterface and the soma_xrt_ control functions
// are exported; everything else is reached through xrGetInstanceProcAddr.

#define SOMA_XRT_BUILDING_RUNTIME 1
#include "soma_xrt.h"

#include <dlfcn.h>

#include <EGL/egl.h>
#include <GL/glx.h>
#include <X11/Xlib.h>
// Xlib's macros would shadow ordinary words below.
#undef None
#undef Bool
#undef Status
#undef True
#undef False
#undef Success
#undef Always

#define XR_NO_PROTOTYPES 1
#define XR_USE_PLATFORM_XLIB 1
#define XR_USE_PLATFORM_EGL 1
#define XR_USE_GRAPHICS_API_OPENGL 1
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
#include <openxr/openxr_reflection.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

// XR_MNDX_egl_enable: 1.0.20's openxr_platform.h has it behind
// XR_USE_PLATFORM_EGL; older headers lack it, so declare it as the registry
// does when it is missing.
#ifndef XR_MNDX_egl_enable
#define XR_MNDX_egl_enable 1
#define XR_MNDX_egl_enable_SPEC_VERSION 1
#define XR_MNDX_EGL_ENABLE_EXTENSION_NAME "XR_MNDX_egl_enable"
typedef struct XrGraphicsBindingEGLMNDX {
    XrStructureType type;
    const void* XR_MAY_ALIAS next;
    PFNEGLGETPROCADDRESSPROC getProcAddress;
    EGLDisplay display;
    EGLConfig config;
    EGLContext context;
} XrGraphicsBindingEGLMNDX;
#endif

// The loader <-> runtime negotiation structures, as the OpenXR loader
// specification defines them (Debian's 1.0.20 ships no loader_interfaces.h).
extern "C" {
typedef enum XrLoaderInterfaceStructs {
    XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
    XR_LOADER_INTERFACE_STRUCT_LOADER_INFO = 1,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST = 2,
    XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST = 3,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_CREATE_INFO = 4,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_NEXT_INFO = 5,
    XR_LOADER_INTERFACE_STRUCTS_MAX_ENUM = 0x7FFFFFFF
} XrLoaderInterfaceStructs;

#define SOMA_XRT_LOADER_INFO_STRUCT_VERSION 1
#define SOMA_XRT_RUNTIME_INFO_STRUCT_VERSION 1
#define SOMA_XRT_CURRENT_LOADER_RUNTIME_VERSION 1

typedef struct XrNegotiateLoaderInfo {
    XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_LOADER_INFO
    uint32_t structVersion;               // XR_LOADER_INFO_STRUCT_VERSION
    size_t structSize;                    // sizeof(XrNegotiateLoaderInfo)
    uint32_t minInterfaceVersion;
    uint32_t maxInterfaceVersion;
    XrVersion minApiVersion;
    XrVersion maxApiVersion;
} XrNegotiateLoaderInfo;

typedef struct XrNegotiateRuntimeRequest {
    XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST
    uint32_t structVersion;               // XR_RUNTIME_INFO_STRUCT_VERSION
    size_t structSize;                    // sizeof(XrNegotiateRuntimeRequest)
    uint32_t runtimeInterfaceVersion;
    XrVersion runtimeApiVersion;
    PFN_xrGetInstanceProcAddr getInstanceProcAddr;
} XrNegotiateRuntimeRequest;

__attribute__((visibility("default"))) XrResult xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* loaderInfo,
                                                                                   XrNegotiateRuntimeRequest* runtimeRequest);
}

namespace {

// ---------------------------------------------------------------------------
// Constants

constexpr XrStructureType kTypeBindingEglMndx = static_cast<XrStructureType>(1000048004);
constexpr XrSystemId kSystemId = 0x50A1;
constexpr XrDuration kFramePeriod = 11111111;  // 1/90 s
constexpr uint32_t kImageCount = 3;
constexpr uint32_t kMaxLayers = 16;
constexpr uint32_t kMaxImageSize = 4096;
constexpr int64_t kFormatSrgb8Alpha8 = 0x8C43;  // GL_SRGB8_ALPHA8
constexpr int64_t kFormatRgba8 = 0x8058;        // GL_RGBA8
constexpr float kPi = 3.14159265358979323846f;

const char* const kExtensions[][2] = {
    {"XR_KHR_opengl_enable", "10"},
    {"XR_MNDX_egl_enable", "1"},
};

// ---------------------------------------------------------------------------
// The few GL functions the runtime uses, loaded from the binding.

using GLproc = void (*)();
struct GlFunctions {
    void (*GenTextures)(GLsizei, GLuint*) = nullptr;
    void (*DeleteTextures)(GLsizei, const GLuint*) = nullptr;
    void (*BindTexture)(GLenum, GLuint) = nullptr;
    void (*TexParameteri)(GLenum, GLenum, GLint) = nullptr;
    void (*TexImage2D)(GLenum, GLint, GLint, GLsizei, GLsizei, GLint, GLenum, GLenum, const void*) = nullptr;
    void (*GetTexImage)(GLenum, GLint, GLenum, GLenum, void*) = nullptr;
    void (*GetIntegerv)(GLenum, GLint*) = nullptr;
    void (*PixelStorei)(GLenum, GLint) = nullptr;
    void (*BindBuffer)(GLenum, GLuint) = nullptr;
    void (*Finish)() = nullptr;
};

// ---------------------------------------------------------------------------
// Objects. Every handle is a unique number (never a pointer), so a handle of
// the wrong kind, or a stale one, is always recognised as invalid.

struct BoolState {
    bool current = false;
    bool changed = false;
    bool active = false;
    XrTime lastChange = 0;
};

struct Instance {
    bool glEnabled = false;
    bool eglEnabled = false;
    bool gotSystem = false;
    bool glRequirementsCalled = false;
    std::deque<XrEventDataBuffer> events;
    // Suggested bindings per interaction profile, in the order suggested.
    std::vector<std::pair<XrPath, std::vector<std::pair<uint64_t, XrPath>>>> bindings;
    bool anyAttached = false;
};

struct Session {
    uint64_t instance = 0;
    XrSessionState state = XR_SESSION_STATE_UNKNOWN;
    bool running = false;
    bool exitRequested = false;
    bool exitPending = false;  // the runtime wants to quit once the session runs
    bool lost = false;
    bool egl = false;
    void* context = nullptr;
    void* glxLibrary = nullptr;
    void* (*getCurrentContext)() = nullptr;
    GlFunctions gl;
    // Frame loop.
    bool waited = false;
    bool frameBegun = false;
    XrTime nextDisplayTime = 0;
    std::deque<XrTime> issuedTimes;
    // Actions.
    bool attached = false;
    std::vector<uint64_t> attachedSets;
    XrPath currentProfile = XR_NULL_PATH;
    std::map<uint64_t, std::map<XrPath, BoolState>> boolStates;
};

struct AcquiredImage {
    uint32_t index;
    bool waited;
};

struct Swapchain {
    uint64_t session = 0;
    int64_t format = 0;
    uint32_t width = 0, height = 0;
    bool staticImage = false;
    std::vector<GLuint> textures;
    std::deque<AcquiredImage> acquired;
    uint32_t nextAcquire = 0;
    int lastReleased = -1;
};

struct Space {
    uint64_t session = 0;
    bool isAction = false;
    XrReferenceSpaceType type = XR_REFERENCE_SPACE_TYPE_LOCAL;
    uint64_t action = 0;
    XrPath subaction = XR_NULL_PATH;
    XrPosef offset{};
};

struct ActionSet {
    uint64_t instance = 0;
    std::string name, localizedName;
    bool attached = false;
};

struct Action {
    uint64_t set = 0;
    std::string name, localizedName;
    XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
    std::vector<XrPath> subactions;
};

struct LastView {
    bool has = false;
    std::vector<unsigned char> rgba;
    int width = 0, height = 0;
    XrPosef pose{};
    XrFovf fov{};
};

struct Config {
    XrPosef head{};
    float ipd = 0.063f;
    int recommendedWidth = 96, recommendedHeight = 96;
    XrFovf fov{};
    bool focusWanted = true;
};

Config defaultConfig() {
    Config c;
    c.head.orientation = {0.f, 0.f, 0.f, 1.f};
    c.head.position = {0.f, 1.2f, 0.f};
    c.fov = {-kPi / 4, kPi / 4, kPi / 4, -kPi / 4};
    return c;
}

struct Runtime {
    std::mutex mutex;
    Config config = defaultConfig();
    uint64_t nextId = 0x5000;
    XrTime now = 1000000000;  // 1 s
    std::map<uint64_t, Instance> instances;
    std::map<uint64_t, Session> sessions;
    std::map<uint64_t, Swapchain> swapchains;
    std::map<uint64_t, Space> spaces;
    std::map<uint64_t, ActionSet> actionSets;
    std::map<uint64_t, Action> actions;
    std::vector<std::string> pathStrings;  // XrPath n is pathStrings[n - 1]
    std::unordered_map<std::string, XrPath> pathIds;
    // What tests read.
    int framesSubmitted = 0;
    LastView lastViews[2];
    int lastLayerSpace = 0;
    int violationCount = 0;
    std::string lastViolation;
    std::string lastViolationCopy;
    std::vector<std::string> pendingPresses;
    bool verbose = false;
};

Runtime& rt() {
    static Runtime r;
    return r;
}

template <typename H>
H toHandle(uint64_t id) {
    return reinterpret_cast<H>(static_cast<uintptr_t>(id));
}
template <typename H>
uint64_t fromHandle(H h) {
    return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h));
}

// ---------------------------------------------------------------------------
// Names

const char* resultName(XrResult r) {
    switch (r) {
#define SOMA_XRT_RESULT_CASE(name, value) \
    case name:                            \
        return #name;
        XR_LIST_ENUM_XrResult(SOMA_XRT_RESULT_CASE)
#undef SOMA_XRT_RESULT_CASE
        default:
            return nullptr;
    }
}

const char* structureTypeName(XrStructureType t) {
    switch (t) {
#define SOMA_XRT_TYPE_CASE(name, value) \
    case name:                          \
        return #name;
        XR_LIST_ENUM_XrStructureType(SOMA_XRT_TYPE_CASE)
#undef SOMA_XRT_TYPE_CASE
        default:
            return nullptr;
    }
}

const char* stateName(XrSessionState s) {
    switch (s) {
#define SOMA_XRT_STATE_CASE(name, value) \
    case name:                           \
        return #name;
        XR_LIST_ENUM_XrSessionState(SOMA_XRT_STATE_CASE)
#undef SOMA_XRT_STATE_CASE
        default:
            return "?";
    }
}

// ---------------------------------------------------------------------------
// Violations: the error result, and a line a test can read.

XrResult fail(XrResult result, const char* function, const std::string& what) {
    Runtime& r = rt();
    const char* name = resultName(result);
    r.lastViolation = std::string(function) + ": " + what + " (" + (name ? name : "?") + ")";
    ++r.violationCount;
    if (r.verbose) std::fprintf(stderr, "[soma-xrt] %s\n", r.lastViolation.c_str());
    return result;
}

// ---------------------------------------------------------------------------
// Pose math

XrQuaternionf qmul(const XrQuaternionf& a, const XrQuaternionf& b) {
    return {a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y, a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
            a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w, a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}
XrQuaternionf conj(const XrQuaternionf& q) { return {-q.x, -q.y, -q.z, q.w}; }
XrVector3f rotate(const XrQuaternionf& q, const XrVector3f& v) {
    XrQuaternionf p{v.x, v.y, v.z, 0.f};
    XrQuaternionf r = qmul(qmul(q, p), conj(q));
    return {r.x, r.y, r.z};
}
XrVector3f add(const XrVector3f& a, const XrVector3f& b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
XrPosef compose(const XrPosef& a, const XrPosef& b) {
    return {qmul(a.orientation, b.orientation), add(a.position, rotate(a.orientation, b.position))};
}
XrPosef inverse(const XrPosef& p) {
    XrQuaternionf c = conj(p.orientation);
    XrVector3f t = rotate(c, p.position);
    return {c, {-t.x, -t.y, -t.z}};
}
XrPosef identityPose() { return {{0.f, 0.f, 0.f, 1.f}, {0.f, 0.f, 0.f}}; }
bool poseValid(const XrPosef& p) {
    const XrQuaternionf& q = p.orientation;
    float n = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
    return std::isfinite(n) && std::fabs(n - 1.f) < 0.01f && std::isfinite(p.position.x) && std::isfinite(p.position.y) &&
           std::isfinite(p.position.z);
}

// ---------------------------------------------------------------------------
// Lookups

Instance* findInstance(XrInstance h) {
    auto it = rt().instances.find(fromHandle(h));
    return it == rt().instances.end() ? nullptr : &it->second;
}
Session* findSession(XrSession h) {
    auto it = rt().sessions.find(fromHandle(h));
    return it == rt().sessions.end() ? nullptr : &it->second;
}
Swapchain* findSwapchain(XrSwapchain h) {
    auto it = rt().swapchains.find(fromHandle(h));
    return it == rt().swapchains.end() ? nullptr : &it->second;
}
Space* findSpace(XrSpace h) {
    auto it = rt().spaces.find(fromHandle(h));
    return it == rt().spaces.end() ? nullptr : &it->second;
}
ActionSet* findActionSet(XrActionSet h) {
    auto it = rt().actionSets.find(fromHandle(h));
    return it == rt().actionSets.end() ? nullptr : &it->second;
}
Action* findAction(XrAction h) {
    auto it = rt().actions.find(fromHandle(h));
    return it == rt().actions.end() ? nullptr : &it->second;
}

const std::string* pathString(XrPath p) {
    Runtime& r = rt();
    if (p == XR_NULL_PATH || p > r.pathStrings.size()) return nullptr;
    return &r.pathStrings[p - 1];
}

XrPath internPath(const std::string& s) {
    Runtime& r = rt();
    auto it = r.pathIds.find(s);
    if (it != r.pathIds.end()) return it->second;
    r.pathStrings.push_back(s);
    XrPath p = r.pathStrings.size();
    r.pathIds.emplace(s, p);
    return p;
}

bool pathFormatValid(const char* s) {
    size_t n = std::strlen(s);
    if (n < 2 || n >= XR_MAX_PATH_LENGTH || s[0] != '/' || s[n - 1] == '/') return false;
    for (size_t i = 0; i < n; ++i) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/';
        if (!ok) return false;
        if (c == '/' && i + 1 < n && s[i + 1] == '/') return false;
    }
    // No "." or ".." components.
    for (size_t i = 0; i < n; ++i) {
        if (s[i] != '/') continue;
        size_t j = i + 1;
        while (j < n && s[j] != '/') ++j;
        std::string comp(s + i + 1, s + j);
        if (comp == "." || comp == "..") return false;
    }
    return true;
}

bool nameValid(const char* s, size_t maxSize) {
    size_t n = strnlen(s, maxSize);
    if (n == 0 || n >= maxSize) return false;
    for (size_t i = 0; i < n; ++i) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
    }
    return true;
}

bool isTopLevelUserPath(const std::string& s) {
    return s == "/user/hand/left" || s == "/user/hand/right" || s == "/user/head" || s == "/user/gamepad" ||
           s == "/user/treadmill";
}

// /interaction_profiles/khr/simple_controller's inputs and outputs, with the
// specification's shorthands (a click-only component may be named by its parent).
bool simpleControllerPathValid(const std::string& s) {
    for (const char* hand : {"/user/hand/left", "/user/hand/right"}) {
        for (const char* rest : {"/input/select/click", "/input/select", "/input/menu/click", "/input/menu", "/input/grip/pose",
                                 "/input/grip", "/input/aim/pose", "/input/aim", "/output/haptic"}) {
            if (s == std::string(hand) + rest) return true;
        }
    }
    return false;
}

// The session the control functions act on: the newest live one.
Session* liveSession(uint64_t* idOut = nullptr) {
    Runtime& r = rt();
    if (r.sessions.empty()) return nullptr;
    auto it = std::prev(r.sessions.end());
    if (idOut) *idOut = it->first;
    return &it->second;
}

// ---------------------------------------------------------------------------
// Events and the session state machine

void pushEvent(uint64_t instanceId, const void* event, size_t size) {
    Instance* inst = findInstance(toHandle<XrInstance>(instanceId));
    if (!inst) return;
    XrEventDataBuffer buffer{};
    std::memcpy(&buffer, event, std::min(size, sizeof buffer));
    inst->events.push_back(buffer);
}

void setState(uint64_t sessionId, Session& s, XrSessionState state) {
    s.state = state;
    XrEventDataSessionStateChanged e{};
    e.type = XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED;
    e.session = toHandle<XrSession>(sessionId);
    e.state = state;
    e.time = rt().now;
    pushEvent(s.instance, &e, sizeof e);
    if (rt().verbose) std::fprintf(stderr, "[soma-xrt] session state -> %s\n", stateName(state));
}

// A running session goes down, one state at a time, to STOPPING.
void stepDownToStopping(uint64_t id, Session& s) {
    s.exitRequested = true;
    s.exitPending = false;
    for (int guard = 0; guard < 8 && s.state != XR_SESSION_STATE_STOPPING; ++guard) {
        switch (s.state) {
            case XR_SESSION_STATE_FOCUSED: setState(id, s, XR_SESSION_STATE_VISIBLE); break;
            case XR_SESSION_STATE_VISIBLE: setState(id, s, XR_SESSION_STATE_SYNCHRONIZED); break;
            case XR_SESSION_STATE_READY: setState(id, s, XR_SESSION_STATE_SYNCHRONIZED); break;
            case XR_SESSION_STATE_SYNCHRONIZED: setState(id, s, XR_SESSION_STATE_STOPPING); break;
            default: return;
        }
    }
}

// After each good xrEndFrame: READY -> SYNCHRONIZED -> VISIBLE -> FOCUSED,
// one step per frame.
void progressAfterFrame(uint64_t id, Session& s) {
    if (s.lost || s.exitRequested || !s.running) return;
    switch (s.state) {
        case XR_SESSION_STATE_READY: setState(id, s, XR_SESSION_STATE_SYNCHRONIZED); break;
        case XR_SESSION_STATE_SYNCHRONIZED: setState(id, s, XR_SESSION_STATE_VISIBLE); break;
        case XR_SESSION_STATE_VISIBLE:
            if (rt().config.focusWanted) setState(id, s, XR_SESSION_STATE_FOCUSED);
            break;
        default: break;
    }
}

// ---------------------------------------------------------------------------
// GL helpers

bool contextCurrent(const Session& s) { return s.getCurrentContext && s.getCurrentContext() == s.context; }

void deleteTextures(Session* s, Swapchain& sc) {
    if (s && !sc.textures.empty() && contextCurrent(*s) && s->gl.DeleteTextures)
        s->gl.DeleteTextures(static_cast<GLsizei>(sc.textures.size()), sc.textures.data());
    sc.textures.clear();
}

// Reads rect (GL coordinates, origin bottom left) of the swapchain's texture
// into RGBA8 rows, top row first.
bool readBack(Session& s, const Swapchain& sc, GLuint texture, const XrRect2Di& rect, std::vector<unsigned char>& out) {
    GlFunctions& gl = s.gl;
    GLint prevTexture = 0, prevPackBuffer = 0, prevAlign = 4, prevRowLength = 0, prevSkipPixels = 0, prevSkipRows = 0;
    gl.GetIntegerv(GL_TEXTURE_BINDING_2D, &prevTexture);
    gl.GetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, &prevPackBuffer);
    gl.GetIntegerv(GL_PACK_ALIGNMENT, &prevAlign);
    gl.GetIntegerv(GL_PACK_ROW_LENGTH, &prevRowLength);
    gl.GetIntegerv(GL_PACK_SKIP_PIXELS, &prevSkipPixels);
    gl.GetIntegerv(GL_PACK_SKIP_ROWS, &prevSkipRows);
    if (prevPackBuffer) gl.BindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    gl.PixelStorei(GL_PACK_ALIGNMENT, 1);
    gl.PixelStorei(GL_PACK_ROW_LENGTH, 0);
    gl.PixelStorei(GL_PACK_SKIP_PIXELS, 0);
    gl.PixelStorei(GL_PACK_SKIP_ROWS, 0);

    std::vector<unsigned char> full(static_cast<size_t>(sc.width) * sc.height * 4);
    gl.BindTexture(GL_TEXTURE_2D, texture);
    gl.GetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, full.data());

    gl.BindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prevTexture));
    gl.PixelStorei(GL_PACK_ALIGNMENT, prevAlign);
    gl.PixelStorei(GL_PACK_ROW_LENGTH, prevRowLength);
    gl.PixelStorei(GL_PACK_SKIP_PIXELS, prevSkipPixels);
    gl.PixelStorei(GL_PACK_SKIP_ROWS, prevSkipRows);
    if (prevPackBuffer) gl.BindBuffer(GL_PIXEL_PACK_BUFFER, static_cast<GLuint>(prevPackBuffer));

    const size_t w = static_cast<size_t>(rect.extent.width), h = static_cast<size_t>(rect.extent.height);
    out.resize(w * h * 4);
    for (size_t row = 0; row < h; ++row) {
        // Output row 0 is the rect's top row: GL row offset.y + h - 1.
        size_t glRow = static_cast<size_t>(rect.offset.y) + h - 1 - row;
        const unsigned char* src = full.data() + (glRow * sc.width + static_cast<size_t>(rect.offset.x)) * 4;
        std::memcpy(out.data() + row * w * 4, src, w * 4);
    }
    return true;
}

template <typename F>
F loadProc(GLproc (*gpa)(const char*), const char* name) {
    return reinterpret_cast<F>(gpa(name));
}

// ---------------------------------------------------------------------------
// Two-call idiom

template <typename T, typename Fill>
XrResult twoCall(const char* fn, uint32_t capacity, uint32_t* countOutput, T* items, uint32_t count, Fill fill) {
    if (!countOutput) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "count output pointer is NULL");
    *countOutput = count;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < count)
        return fail(XR_ERROR_SIZE_INSUFFICIENT, fn,
                    "capacity " + std::to_string(capacity) + " is under the " + std::to_string(count) + " needed");
    if (!items) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "array pointer is NULL with a non-zero capacity");
    for (uint32_t i = 0; i < count; ++i) {
        XrResult r = fill(items[i], i);
        if (XR_FAILED(r)) return r;
    }
    return XR_SUCCESS;
}

#define SOMA_XRT_LOCK std::lock_guard<std::mutex> lock_(rt().mutex)

#define SOMA_XRT_CHECK_TYPE(ptr, expected, fn, what)                                                            \
    do {                                                                                                        \
        if (!(ptr)) return fail(XR_ERROR_VALIDATION_FAILURE, fn, std::string(what) + " is NULL");              \
        if ((ptr)->type != (expected))                                                                          \
            return fail(XR_ERROR_VALIDATION_FAILURE, fn,                                                        \
                        std::string(what) + " has type " + std::to_string(static_cast<int>((ptr)->type)) +     \
                            ", not " #expected);                                                                \
    } while (0)

// Looks up an instance; fails with a violation if invalid.
#define SOMA_XRT_INSTANCE(var, handle, fn)                                                         \
    Instance* var = findInstance(handle);                                                          \
    if (!var) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrInstance handle")

// Looks up a session; invalid -> violation; lost -> XR_ERROR_SESSION_LOST.
#define SOMA_XRT_SESSION(var, handle, fn)                                                          \
    Session* var = findSession(handle);                                                            \
    if (!var) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrSession handle");               \
    const uint64_t var##Id = fromHandle(handle);                                                   \
    (void)var##Id;                                                                                 \
    if (var->lost) return XR_ERROR_SESSION_LOST

// ---------------------------------------------------------------------------
// Instance

XrResult XRAPI_CALL EnumerateInstanceExtensionProperties(const char* layerName, uint32_t capacity, uint32_t* countOutput,
                                                         XrExtensionProperties* properties) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEnumerateInstanceExtensionProperties";
    if (layerName && layerName[0]) return XR_ERROR_API_LAYER_NOT_PRESENT;
    return twoCall(fn, capacity, countOutput, properties, 2, [&](XrExtensionProperties& p, uint32_t i) {
        if (p.type != XR_TYPE_EXTENSION_PROPERTIES)
            return fail(XR_ERROR_VALIDATION_FAILURE, fn, "properties[" + std::to_string(i) + "].type is not XR_TYPE_EXTENSION_PROPERTIES");
        std::snprintf(p.extensionName, sizeof p.extensionName, "%s", kExtensions[i][0]);
        p.extensionVersion = static_cast<uint32_t>(std::atoi(kExtensions[i][1]));
        return XR_SUCCESS;
    });
}

XrResult XRAPI_CALL CreateInstance(const XrInstanceCreateInfo* info, XrInstance* instance) {
    SOMA_XRT_LOCK;
    const char* fn = "xrCreateInstance";
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_INSTANCE_CREATE_INFO, fn, "createInfo");
    if (!instance) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "instance pointer is NULL");
    if (info->createFlags != 0) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "createFlags must be 0");
    if (XR_VERSION_MAJOR(info->applicationInfo.apiVersion) != 1)
        return fail(XR_ERROR_API_VERSION_UNSUPPORTED, fn, "applicationInfo.apiVersion is not 1.x");
    if (info->applicationInfo.applicationName[0] == '\0')
        return fail(XR_ERROR_NAME_INVALID, fn, "applicationInfo.applicationName is empty");
    Instance inst;
    for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
        const char* e = info->enabledExtensionNames ? info->enabledExtensionNames[i] : nullptr;
        if (!e) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "enabledExtensionNames has a NULL entry");
        if (std::strcmp(e, "XR_KHR_opengl_enable") == 0)
            inst.glEnabled = true;
        else if (std::strcmp(e, "XR_MNDX_egl_enable") == 0)
            inst.eglEnabled = true;
        else
            return fail(XR_ERROR_EXTENSION_NOT_PRESENT, fn, std::string("extension ") + e + " is not offered");
    }
    uint64_t id = rt().nextId++;
    rt().instances.emplace(id, std::move(inst));
    *instance = toHandle<XrInstance>(id);
    return XR_SUCCESS;
}

void destroySessionLocked(uint64_t id);
void destroyActionSetLocked(uint64_t id);

XrResult XRAPI_CALL DestroyInstance(XrInstance instance) {
    SOMA_XRT_LOCK;
    SOMA_XRT_INSTANCE(inst, instance, "xrDestroyInstance");
    (void)inst;
    uint64_t id = fromHandle(instance);
    Runtime& r = rt();
    std::vector<uint64_t> doomed;
    for (auto& [sid, s] : r.sessions)
        if (s.instance == id) doomed.push_back(sid);
    for (uint64_t sid : doomed) destroySessionLocked(sid);
    doomed.clear();
    for (auto& [aid, a] : r.actionSets)
        if (a.instance == id) doomed.push_back(aid);
    for (uint64_t aid : doomed) destroyActionSetLocked(aid);
    r.instances.erase(id);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL GetInstanceProperties(XrInstance instance, XrInstanceProperties* props) {
    SOMA_XRT_LOCK;
    const char* fn = "xrGetInstanceProperties";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    (void)inst;
    SOMA_XRT_CHECK_TYPE(props, XR_TYPE_INSTANCE_PROPERTIES, fn, "instanceProperties");
    props->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
    std::snprintf(props->runtimeName, sizeof props->runtimeName, "%s", "Soma test runtime");
    return XR_SUCCESS;
}

XrResult XRAPI_CALL PollEvent(XrInstance instance, XrEventDataBuffer* event) {
    SOMA_XRT_LOCK;
    const char* fn = "xrPollEvent";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    SOMA_XRT_CHECK_TYPE(event, XR_TYPE_EVENT_DATA_BUFFER, fn, "eventData");
    if (inst->events.empty()) return XR_EVENT_UNAVAILABLE;
    *event = inst->events.front();
    inst->events.pop_front();
    return XR_SUCCESS;
}

XrResult XRAPI_CALL ResultToString(XrInstance instance, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
    SOMA_XRT_LOCK;
    const char* fn = "xrResultToString";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    (void)inst;
    if (!buffer) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "buffer is NULL");
    const char* name = resultName(value);
    if (name)
        std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", name);
    else
        std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_UNKNOWN_%s_%d", value >= 0 ? "SUCCESS" : "FAILURE",
                      static_cast<int>(value));
    return XR_SUCCESS;
}

XrResult XRAPI_CALL StructureTypeToString(XrInstance instance, XrStructureType value,
                                          char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
    SOMA_XRT_LOCK;
    const char* fn = "xrStructureTypeToString";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    (void)inst;
    if (!buffer) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "buffer is NULL");
    const char* name = structureTypeName(value);
    if (name)
        std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", name);
    else
        std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d", static_cast<int>(value));
    return XR_SUCCESS;
}

// ---------------------------------------------------------------------------
// System

XrResult XRAPI_CALL GetSystem(XrInstance instance, const XrSystemGetInfo* info, XrSystemId* systemId) {
    SOMA_XRT_LOCK;
    const char* fn = "xrGetSystem";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_SYSTEM_GET_INFO, fn, "getInfo");
    if (!systemId) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "systemId is NULL");
    if (info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
    if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY)
        return fail(XR_ERROR_VALIDATION_FAILURE, fn, "formFactor is not a valid XrFormFactor");
    inst->gotSystem = true;
    *systemId = kSystemId;
    return XR_SUCCESS;
}

XrResult checkSystem(const char* fn, Instance* inst, XrSystemId systemId) {
    if (systemId != kSystemId || !inst->gotSystem)
        return fail(XR_ERROR_SYSTEM_INVALID, fn, "systemId was not returned by xrGetSystem");
    return XR_SUCCESS;
}

XrResult XRAPI_CALL GetSystemProperties(XrInstance instance, XrSystemId systemId, XrSystemProperties* props) {
    SOMA_XRT_LOCK;
    const char* fn = "xrGetSystemProperties";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    if (XrResult r = checkSystem(fn, inst, systemId); XR_FAILED(r)) return r;
    SOMA_XRT_CHECK_TYPE(props, XR_TYPE_SYSTEM_PROPERTIES, fn, "properties");
    props->systemId = systemId;
    props->vendorId = 0x50A1;
    std::snprintf(props->systemName, sizeof props->systemName, "%s", "Soma test headset");
    props->graphicsProperties.maxSwapchainImageWidth = kMaxImageSize;
    props->graphicsProperties.maxSwapchainImageHeight = kMaxImageSize;
    props->graphicsProperties.maxLayerCount = kMaxLayers;
    props->trackingProperties.orientationTracking = XR_TRUE;
    props->trackingProperties.positionTracking = XR_TRUE;
    return XR_SUCCESS;
}

XrResult checkViewConfig(const char* fn, XrViewConfigurationType type) {
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
        return fail(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, fn,
                    "view configuration " + std::to_string(static_cast<int>(type)) + " is not PRIMARY_STEREO");
    return XR_SUCCESS;
}

XrResult XRAPI_CALL EnumerateEnvironmentBlendModes(XrInstance instance, XrSystemId systemId, XrViewConfigurationType type,
                                                   uint32_t capacity, uint32_t* countOutput, XrEnvironmentBlendMode* modes) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEnumerateEnvironmentBlendModes";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    if (XrResult r = checkSystem(fn, inst, systemId); XR_FAILED(r)) return r;
    if (XrResult r = checkViewConfig(fn, type); XR_FAILED(r)) return r;
    return twoCall(fn, capacity, countOutput, modes, 1, [](XrEnvironmentBlendMode& m, uint32_t) {
        m = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
        return XR_SUCCESS;
    });
}

XrResult XRAPI_CALL EnumerateViewConfigurations(XrInstance instance, XrSystemId systemId, uint32_t capacity,
                                                uint32_t* countOutput, XrViewConfigurationType* types) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEnumerateViewConfigurations";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    if (XrResult r = checkSystem(fn, inst, systemId); XR_FAILED(r)) return r;
    return twoCall(fn, capacity, countOutput, types, 1, [](XrViewConfigurationType& t, uint32_t) {
        t = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        return XR_SUCCESS;
    });
}

XrResult XRAPI_CALL GetViewConfigurationProperties(XrInstance instance, XrSystemId systemId, XrViewConfigurationType type,
                                                   XrViewConfigurationProperties* props) {
    SOMA_XRT_LOCK;
    const char* fn = "xrGetViewConfigurationProperties";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    if (XrResult r = checkSystem(fn, inst, systemId); XR_FAILED(r)) return r;
    if (XrResult r = checkViewConfig(fn, type); XR_FAILED(r)) return r;
    SOMA_XRT_CHECK_TYPE(props, XR_TYPE_VIEW_CONFIGURATION_PROPERTIES, fn, "configurationProperties");
    props->viewConfigurationType = type;
    props->fovMutable = XR_FALSE;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL EnumerateViewConfigurationViews(XrInstance instance, XrSystemId systemId, XrViewConfigurationType type,
                                                    uint32_t capacity, uint32_t* countOutput, XrViewConfigurationView* views) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEnumerateViewConfigurationViews";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    if (XrResult r = checkSystem(fn, inst, systemId); XR_FAILED(r)) return r;
    if (XrResult r = checkViewConfig(fn, type); XR_FAILED(r)) return r;
    const Config& c = rt().config;
    return twoCall(fn, capacity, countOutput, views, 2, [&](XrViewConfigurationView& v, uint32_t i) {
        if (v.type != XR_TYPE_VIEW_CONFIGURATION_VIEW)
            return fail(XR_ERROR_VALIDATION_FAILURE, fn, "views[" + std::to_string(i) + "].type is not XR_TYPE_VIEW_CONFIGURATION_VIEW");
        v.recommendedImageRectWidth = static_cast<uint32_t>(c.recommendedWidth);
        v.recommendedImageRectHeight = static_cast<uint32_t>(c.recommendedHeight);
        v.maxImageRectWidth = kMaxImageSize;
        v.maxImageRectHeight = kMaxImageSize;
        v.recommendedSwapchainSampleCount = 1;
        v.maxSwapchainSampleCount = 1;
        return XR_SUCCESS;
    });
}

XrResult XRAPI_CALL GetOpenGLGraphicsRequirementsKHR(XrInstance instance, XrSystemId systemId,
                                                     XrGraphicsRequirementsOpenGLKHR* requirements) {
    SOMA_XRT_LOCK;
    const char* fn = "xrGetOpenGLGraphicsRequirementsKHR";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    if (!inst->glEnabled) return fail(XR_ERROR_FUNCTION_UNSUPPORTED, fn, "XR_KHR_opengl_enable is not enabled");
    if (XrResult r = checkSystem(fn, inst, systemId); XR_FAILED(r)) return r;
    SOMA_XRT_CHECK_TYPE(requirements, XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR, fn, "graphicsRequirements");
    requirements->minApiVersionSupported = XR_MAKE_VERSION(3, 3, 0);
    requirements->maxApiVersionSupported = XR_MAKE_VERSION(4, 6, 0);
    inst->glRequirementsCalled = true;
    return XR_SUCCESS;
}

// ---------------------------------------------------------------------------
// Session

XrResult XRAPI_CALL CreateSession(XrInstance instance, const XrSessionCreateInfo* info, XrSession* session) {
    SOMA_XRT_LOCK;
    const char* fn = "xrCreateSession";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_SESSION_CREATE_INFO, fn, "createInfo");
    if (!session) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "session pointer is NULL");
    if (info->createFlags != 0) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "createFlags must be 0");
    if (XrResult r = checkSystem(fn, inst, info->systemId); XR_FAILED(r)) return r;
    if (!inst->glRequirementsCalled)
        return fail(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, fn,
                    "xrGetOpenGLGraphicsRequirementsKHR was not called before xrCreateSession");
    const uint64_t instanceId = fromHandle(instance);
    for (auto& [sid, s] : rt().sessions)
        if (s.instance == instanceId)
            return fail(XR_ERROR_LIMIT_REACHED, fn, "this runtime allows one session per instance at a time");

    const XrGraphicsBindingOpenGLXlibKHR* xlib = nullptr;
    const XrGraphicsBindingEGLMNDX* egl = nullptr;
    for (auto* p = static_cast<const XrBaseInStructure*>(info->next); p; p = p->next) {
        if (p->type == XR_TYPE_GRAPHICS_BINDING_OPENGL_XLIB_KHR)
            xlib = reinterpret_cast<const XrGraphicsBindingOpenGLXlibKHR*>(p);
        else if (p->type == kTypeBindingEglMndx)
            egl = reinterpret_cast<const XrGraphicsBindingEGLMNDX*>(p);
    }
    if (xlib && egl) return fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn, "both an Xlib and an EGL binding were given");
    if (!xlib && !egl)
        return fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn,
                    "no XrGraphicsBindingOpenGLXlibKHR or XrGraphicsBindingEGLMNDX in the next chain");

    Session s;
    s.instance = instanceId;
    GLproc (*gpa)(const char*) = nullptr;
    if (egl) {
        if (!inst->eglEnabled || !inst->glEnabled)
            return fail(XR_ERROR_VALIDATION_FAILURE, fn, "an EGL binding needs XR_MNDX_egl_enable and XR_KHR_opengl_enable enabled");
        if (!egl->getProcAddress || !egl->display || !egl->context)
            return fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn, "the EGL binding lacks getProcAddress, display or context");
        s.egl = true;
        s.context = egl->context;
        gpa = reinterpret_cast<GLproc (*)(const char*)>(egl->getProcAddress);
        s.getCurrentContext = reinterpret_cast<void* (*)()>(gpa("eglGetCurrentContext"));
        if (!s.getCurrentContext) s.getCurrentContext = reinterpret_cast<void* (*)()>(dlsym(RTLD_DEFAULT, "eglGetCurrentContext"));
    } else {
        if (!inst->glEnabled) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "an Xlib binding needs XR_KHR_opengl_enable enabled");
        if (!xlib->xDisplay || !xlib->glxContext)
            return fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn, "the Xlib binding lacks xDisplay or glxContext");
        s.context = xlib->glxContext;
        s.glxLibrary = dlopen("libGLX.so.0", RTLD_NOW | RTLD_LOCAL);
        if (s.glxLibrary) {
            gpa = reinterpret_cast<GLproc (*)(const char*)>(dlsym(s.glxLibrary, "glXGetProcAddressARB"));
            s.getCurrentContext = reinterpret_cast<void* (*)()>(dlsym(s.glxLibrary, "glXGetCurrentContext"));
        }
    }
    if (gpa) {
        GlFunctions& gl = s.gl;
        gl.GenTextures = loadProc<decltype(gl.GenTextures)>(gpa, "glGenTextures");
        gl.DeleteTextures = loadProc<decltype(gl.DeleteTextures)>(gpa, "glDeleteTextures");
        gl.BindTexture = loadProc<decltype(gl.BindTexture)>(gpa, "glBindTexture");
        gl.TexParameteri = loadProc<decltype(gl.TexParameteri)>(gpa, "glTexParameteri");
        gl.TexImage2D = loadProc<decltype(gl.TexImage2D)>(gpa, "glTexImage2D");
        gl.GetTexImage = loadProc<decltype(gl.GetTexImage)>(gpa, "glGetTexImage");
        gl.GetIntegerv = loadProc<decltype(gl.GetIntegerv)>(gpa, "glGetIntegerv");
        gl.PixelStorei = loadProc<decltype(gl.PixelStorei)>(gpa, "glPixelStorei");
        gl.BindBuffer = loadProc<decltype(gl.BindBuffer)>(gpa, "glBindBuffer");
        gl.Finish = loadProc<decltype(gl.Finish)>(gpa, "glFinish");
    }
    const GlFunctions& gl = s.gl;
    if (!gpa || !s.getCurrentContext || !gl.GenTextures || !gl.DeleteTextures || !gl.BindTexture || !gl.TexParameteri ||
        !gl.TexImage2D || !gl.GetTexImage || !gl.GetIntegerv || !gl.PixelStorei || !gl.BindBuffer || !gl.Finish) {
        if (s.glxLibrary) dlclose(s.glxLibrary);
        return XR_ERROR_GRAPHICS_DEVICE_INVALID;  // the machine's fault, not the application's
    }

    uint64_t id = rt().nextId++;
    Session& stored = rt().sessions.emplace(id, std::move(s)).first->second;
    setState(id, stored, XR_SESSION_STATE_IDLE);
    setState(id, stored, XR_SESSION_STATE_READY);
    *session = toHandle<XrSession>(id);
    return XR_SUCCESS;
}

void destroySwapchainLocked(uint64_t id, bool explicitCall) {
    Runtime& r = rt();
    auto it = r.swapchains.find(id);
    if (it == r.swapchains.end()) return;
    Session* s = findSession(toHandle<XrSession>(it->second.session));
    if (explicitCall && s && !it->second.textures.empty() && !contextCurrent(*s))
        fail(XR_ERROR_RUNTIME_FAILURE, "xrDestroySwapchain",
             "the session's GL context is not current on this thread; the textures were not deleted");
    deleteTextures(s, it->second);
    r.swapchains.erase(it);
}

void destroySessionLocked(uint64_t id) {
    Runtime& r = rt();
    auto it = r.sessions.find(id);
    if (it == r.sessions.end()) return;
    std::vector<uint64_t> doomed;
    for (auto& [cid, c] : r.swapchains)
        if (c.session == id) doomed.push_back(cid);
    for (uint64_t cid : doomed) destroySwapchainLocked(cid, false);
    for (auto sp = r.spaces.begin(); sp != r.spaces.end();)
        sp = sp->second.session == id ? r.spaces.erase(sp) : std::next(sp);
    // Events about a destroyed session are never delivered.
    if (Instance* inst = findInstance(toHandle<XrInstance>(it->second.instance))) {
        XrSession h = toHandle<XrSession>(id);
        auto& q = inst->events;
        q.erase(std::remove_if(q.begin(), q.end(),
                               [&](const XrEventDataBuffer& e) {
                                   // Both kinds carry the session right after type and next.
                                   if (e.type != XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED &&
                                       e.type != XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED)
                                       return false;
                                   XrEventDataInteractionProfileChanged head{};
                                   std::memcpy(&head, &e, sizeof head);
                                   return head.session == h;
                               }),
                q.end());
    }
    if (it->second.glxLibrary) dlclose(it->second.glxLibrary);
    r.sessions.erase(it);
}

XrResult XRAPI_CALL DestroySession(XrSession session) {
    SOMA_XRT_LOCK;
    if (!findSession(session)) return fail(XR_ERROR_HANDLE_INVALID, "xrDestroySession", "invalid XrSession handle");
    destroySessionLocked(fromHandle(session));
    return XR_SUCCESS;
}

XrResult XRAPI_CALL BeginSession(XrSession session, const XrSessionBeginInfo* info) {
    SOMA_XRT_LOCK;
    const char* fn = "xrBeginSession";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_SESSION_BEGIN_INFO, fn, "beginInfo");
    if (s->running) return fail(XR_ERROR_SESSION_RUNNING, fn, "the session is already running");
    if (s->state != XR_SESSION_STATE_READY)
        return fail(XR_ERROR_SESSION_NOT_READY, fn, std::string("the session is ") + stateName(s->state) + ", not READY");
    if (XrResult r = checkViewConfig(fn, info->primaryViewConfigurationType); XR_FAILED(r)) return r;
    s->running = true;
    s->waited = false;
    s->frameBegun = false;
    s->issuedTimes.clear();
    s->nextDisplayTime = rt().now + 2 * kFramePeriod;
    if (s->exitPending) stepDownToStopping(sId, *s);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL EndSession(XrSession session) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEndSession";
    SOMA_XRT_SESSION(s, session, fn);
    if (!s->running) return fail(XR_ERROR_SESSION_NOT_RUNNING, fn, "the session is not running");
    if (s->state != XR_SESSION_STATE_STOPPING)
        return fail(XR_ERROR_SESSION_NOT_STOPPING, fn, std::string("the session is ") + stateName(s->state) + ", not STOPPING");
    s->running = false;
    s->waited = false;
    s->frameBegun = false;
    setState(sId, *s, XR_SESSION_STATE_IDLE);
    setState(sId, *s, XR_SESSION_STATE_EXITING);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL RequestExitSession(XrSession session) {
    SOMA_XRT_LOCK;
    const char* fn = "xrRequestExitSession";
    SOMA_XRT_SESSION(s, session, fn);
    if (!s->running) return fail(XR_ERROR_SESSION_NOT_RUNNING, fn, "the session is not running");
    stepDownToStopping(sId, *s);
    return XR_SUCCESS;
}

// ---------------------------------------------------------------------------
// Spaces

XrResult XRAPI_CALL EnumerateReferenceSpaces(XrSession session, uint32_t capacity, uint32_t* countOutput,
                                             XrReferenceSpaceType* spaces) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEnumerateReferenceSpaces";
    SOMA_XRT_SESSION(s, session, fn);
    static const XrReferenceSpaceType kTypes[] = {XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                  XR_REFERENCE_SPACE_TYPE_STAGE};
    return twoCall(fn, capacity, countOutput, spaces, 3, [](XrReferenceSpaceType& t, uint32_t i) {
        t = kTypes[i];
        return XR_SUCCESS;
    });
}

XrResult XRAPI_CALL CreateReferenceSpace(XrSession session, const XrReferenceSpaceCreateInfo* info, XrSpace* space) {
    SOMA_XRT_LOCK;
    const char* fn = "xrCreateReferenceSpace";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_REFERENCE_SPACE_CREATE_INFO, fn, "createInfo");
    if (!space) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "space pointer is NULL");
    if (info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_VIEW && info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_LOCAL &&
        info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_STAGE)
        return fail(XR_ERROR_REFERENCE_SPACE_UNSUPPORTED, fn,
                    "reference space type " + std::to_string(static_cast<int>(info->referenceSpaceType)) + " is not offered");
    if (!poseValid(info->poseInReferenceSpace)) return fail(XR_ERROR_POSE_INVALID, fn, "poseInReferenceSpace is not a valid pose");
    Space sp;
    sp.session = sId;
    sp.type = info->referenceSpaceType;
    sp.offset = info->poseInReferenceSpace;
    uint64_t id = rt().nextId++;
    rt().spaces.emplace(id, sp);
    *space = toHandle<XrSpace>(id);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL CreateActionSpace(XrSession session, const XrActionSpaceCreateInfo* info, XrSpace* space) {
    SOMA_XRT_LOCK;
    const char* fn = "xrCreateActionSpace";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_ACTION_SPACE_CREATE_INFO, fn, "createInfo");
    if (!space) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "space pointer is NULL");
    Action* a = findAction(info->action);
    if (!a) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrAction handle");
    if (a->type != XR_ACTION_TYPE_POSE_INPUT) return fail(XR_ERROR_ACTION_TYPE_MISMATCH, fn, "the action is not a pose action");
    if (info->subactionPath != XR_NULL_PATH &&
        std::find(a->subactions.begin(), a->subactions.end(), info->subactionPath) == a->subactions.end())
        return fail(XR_ERROR_PATH_UNSUPPORTED, fn, "subactionPath is not one the action was created with");
    if (!poseValid(info->poseInActionSpace)) return fail(XR_ERROR_POSE_INVALID, fn, "poseInActionSpace is not a valid pose");
    Space sp;
    sp.session = sId;
    sp.isAction = true;
    sp.action = fromHandle(info->action);
    sp.subaction = info->subactionPath;
    sp.offset = info->poseInActionSpace;
    uint64_t id = rt().nextId++;
    rt().spaces.emplace(id, sp);
    *space = toHandle<XrSpace>(id);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroySpace(XrSpace space) {
    SOMA_XRT_LOCK;
    if (!findSpace(space)) return fail(XR_ERROR_HANDLE_INVALID, "xrDestroySpace", "invalid XrSpace handle");
    rt().spaces.erase(fromHandle(space));
    return XR_SUCCESS;
}

// Pose of a reference space in LOCAL (= STAGE, the world here).
XrPosef worldFromSpace(const Space& sp) {
    XrPosef base = sp.type == XR_REFERENCE_SPACE_TYPE_VIEW ? rt().config.head : identityPose();
    return compose(base, sp.offset);
}

XrResult XRAPI_CALL LocateSpace(XrSpace space, XrSpace baseSpace, XrTime time, XrSpaceLocation* location) {
    SOMA_XRT_LOCK;
    const char* fn = "xrLocateSpace";
    Space* a = findSpace(space);
    Space* b = findSpace(baseSpace);
    if (!a || !b) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrSpace handle");
    if (a->session != b->session) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "the two spaces belong to different sessions");
    Session* s = findSession(toHandle<XrSession>(a->session));
    if (s && s->lost) return XR_ERROR_SESSION_LOST;
    SOMA_XRT_CHECK_TYPE(location, XR_TYPE_SPACE_LOCATION, fn, "location");
    if (time <= 0) return fail(XR_ERROR_TIME_INVALID, fn, "time is not positive");
    XrSpaceVelocity* velocity = nullptr;
    for (auto* p = static_cast<XrBaseOutStructure*>(location->next); p; p = p->next)
        if (p->type == XR_TYPE_SPACE_VELOCITY) velocity = reinterpret_cast<XrSpaceVelocity*>(p);
    if (a->isAction || b->isAction) {
        // No controllers: action spaces are never tracked.
        location->locationFlags = 0;
        location->pose = identityPose();
        if (velocity) {
            velocity->velocityFlags = 0;
            velocity->linearVelocity = {0, 0, 0};
            velocity->angularVelocity = {0, 0, 0};
        }
        return XR_SUCCESS;
    }
    location->pose = compose(inverse(worldFromSpace(*b)), worldFromSpace(*a));
    location->locationFlags = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
                              XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
    if (velocity) {
        velocity->velocityFlags = XR_SPACE_VELOCITY_LINEAR_VALID_BIT | XR_SPACE_VELOCITY_ANGULAR_VALID_BIT;
        velocity->linearVelocity = {0, 0, 0};
        velocity->angularVelocity = {0, 0, 0};
    }
    return XR_SUCCESS;
}

XrResult XRAPI_CALL LocateViews(XrSession session, const XrViewLocateInfo* info, XrViewState* viewState, uint32_t capacity,
                                uint32_t* countOutput, XrView* views) {
    SOMA_XRT_LOCK;
    const char* fn = "xrLocateViews";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_VIEW_LOCATE_INFO, fn, "viewLocateInfo");
    SOMA_XRT_CHECK_TYPE(viewState, XR_TYPE_VIEW_STATE, fn, "viewState");
    if (XrResult r = checkViewConfig(fn, info->viewConfigurationType); XR_FAILED(r)) return r;
    if (info->displayTime <= 0) return fail(XR_ERROR_TIME_INVALID, fn, "displayTime is not positive");
    Space* base = findSpace(info->space);
    if (!base) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrSpace handle");
    if (base->session != sId) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "the space belongs to another session");
    const Config& c = rt().config;
    XrPosef head{};
    bool tracked = !base->isAction;
    if (tracked) {
        Space viewSpace;
        viewSpace.type = XR_REFERENCE_SPACE_TYPE_VIEW;
        viewSpace.offset = identityPose();
        head = compose(inverse(worldFromSpace(*base)), worldFromSpace(viewSpace));
    }
    viewState->viewStateFlags = tracked ? (XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                                           XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT)
                                        : 0;
    return twoCall(fn, capacity, countOutput, views, 2, [&](XrView& v, uint32_t i) {
        if (v.type != XR_TYPE_VIEW)
            return fail(XR_ERROR_VALIDATION_FAILURE, fn, "views[" + std::to_string(i) + "].type is not XR_TYPE_VIEW");
        XrPosef eye = identityPose();
        eye.position.x = (i == 0 ? -0.5f : 0.5f) * c.ipd;
        v.pose = tracked ? compose(head, eye) : identityPose();
        v.fov = c.fov;
        return XR_SUCCESS;
    });
}

// ---------------------------------------------------------------------------
// Swapchains

XrResult XRAPI_CALL EnumerateSwapchainFormats(XrSession session, uint32_t capacity, uint32_t* countOutput, int64_t* formats) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEnumerateSwapchainFormats";
    SOMA_XRT_SESSION(s, session, fn);
    return twoCall(fn, capacity, countOutput, formats, 2, [](int64_t& f, uint32_t i) {
        f = i == 0 ? kFormatSrgb8Alpha8 : kFormatRgba8;
        return XR_SUCCESS;
    });
}

XrResult XRAPI_CALL CreateSwapchain(XrSession session, const XrSwapchainCreateInfo* info, XrSwapchain* swapchain) {
    SOMA_XRT_LOCK;
    const char* fn = "xrCreateSwapchain";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_SWAPCHAIN_CREATE_INFO, fn, "createInfo");
    if (!swapchain) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "swapchain pointer is NULL");
    const XrSwapchainCreateFlags knownCreate = XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT | XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
    if (info->createFlags & ~knownCreate) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "createFlags has unknown bits");
    if (info->createFlags & XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT)
        return fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "protected content is not supported");
    const XrSwapchainUsageFlags supportedUsage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT |
                                                 XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT |
                                                 XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT;
    if (info->usageFlags & ~supportedUsage)
        return fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "usageFlags asks for depth/stencil or unordered access on a colour format");
    if (info->format != kFormatSrgb8Alpha8 && info->format != kFormatRgba8)
        return fail(XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED, fn,
                    "format " + std::to_string(info->format) + " is not one xrEnumerateSwapchainFormats offered");
    if (info->sampleCount != 1) return fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "sampleCount must be 1");
    if (info->arraySize != 1) return fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "arraySize must be 1");
    if (info->faceCount != 1) return fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "faceCount must be 1");
    if (info->mipCount != 1) return fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "mipCount must be 1");
    if (info->width == 0 || info->height == 0 || info->width > kMaxImageSize || info->height > kMaxImageSize)
        return fail(XR_ERROR_VALIDATION_FAILURE, fn,
                    "size " + std::to_string(info->width) + "x" + std::to_string(info->height) + " is outside 1.." +
                        std::to_string(kMaxImageSize));
    if (!contextCurrent(*s))
        return fail(XR_ERROR_RUNTIME_FAILURE, fn, "the session's GL context is not current on this thread (this runtime needs it)");

    Swapchain sc;
    sc.session = sId;
    sc.format = info->format;
    sc.width = info->width;
    sc.height = info->height;
    sc.staticImage = (info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) != 0;
    const uint32_t count = sc.staticImage ? 1 : kImageCount;
    sc.textures.resize(count);
    GlFunctions& gl = s->gl;
    GLint prevTexture = 0, prevUnpack = 0;
    gl.GetIntegerv(GL_TEXTURE_BINDING_2D, &prevTexture);
    gl.GetIntegerv(GL_PIXEL_UNPACK_BUFFER_BINDING, &prevUnpack);
    if (prevUnpack) gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
    gl.GenTextures(static_cast<GLsizei>(count), sc.textures.data());
    for (GLuint t : sc.textures) {
        gl.BindTexture(GL_TEXTURE_2D, t);
        gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 0);
        gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
        gl.TexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(info->format), static_cast<GLsizei>(info->width),
                      static_cast<GLsizei>(info->height), 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    }
    gl.BindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prevTexture));
    if (prevUnpack) gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, static_cast<GLuint>(prevUnpack));

    uint64_t id = rt().nextId++;
    rt().swapchains.emplace(id, std::move(sc));
    *swapchain = toHandle<XrSwapchain>(id);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroySwapchain(XrSwapchain swapchain) {
    SOMA_XRT_LOCK;
    if (!findSwapchain(swapchain)) return fail(XR_ERROR_HANDLE_INVALID, "xrDestroySwapchain", "invalid XrSwapchain handle");
    destroySwapchainLocked(fromHandle(swapchain), true);
    return XR_SUCCESS;
}

// Looks up a swapchain and its session; lost session -> XR_ERROR_SESSION_LOST.
#define SOMA_XRT_SWAPCHAIN(var, handle, fn)                                                          \
    Swapchain* var = findSwapchain(handle);                                                          \
    if (!var) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrSwapchain handle");               \
    Session* var##Session = findSession(toHandle<XrSession>(var->session));                          \
    if (var##Session && var##Session->lost) return XR_ERROR_SESSION_LOST

XrResult XRAPI_CALL EnumerateSwapchainImages(XrSwapchain swapchain, uint32_t capacity, uint32_t* countOutput,
                                             XrSwapchainImageBaseHeader* images) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEnumerateSwapchainImages";
    SOMA_XRT_SWAPCHAIN(sc, swapchain, fn);
    auto* gl = reinterpret_cast<XrSwapchainImageOpenGLKHR*>(images);
    return twoCall(fn, capacity, countOutput, gl, static_cast<uint32_t>(sc->textures.size()),
                   [&](XrSwapchainImageOpenGLKHR& img, uint32_t i) {
                       if (img.type != XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR)
                           return fail(XR_ERROR_VALIDATION_FAILURE, fn,
                                       "images[" + std::to_string(i) + "].type is not XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR");
                       img.image = sc->textures[i];
                       return XR_SUCCESS;
                   });
}

XrResult XRAPI_CALL AcquireSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageAcquireInfo* info, uint32_t* index) {
    SOMA_XRT_LOCK;
    const char* fn = "xrAcquireSwapchainImage";
    SOMA_XRT_SWAPCHAIN(sc, swapchain, fn);
    if (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO)
        return fail(XR_ERROR_VALIDATION_FAILURE, fn, "acquireInfo has the wrong type");
    if (!index) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "index is NULL");
    if (sc->staticImage && sc->lastReleased >= 0)
        return fail(XR_ERROR_CALL_ORDER_INVALID, fn, "a static swapchain's image was already released once");
    if (sc->acquired.size() >= sc->textures.size())
        return fail(XR_ERROR_CALL_ORDER_INVALID, fn, "every image is already acquired and not released");
    uint32_t i = sc->nextAcquire;
    sc->nextAcquire = (sc->nextAcquire + 1) % static_cast<uint32_t>(sc->textures.size());
    sc->acquired.push_back({i, false});
    *index = i;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL WaitSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageWaitInfo* info) {
    SOMA_XRT_LOCK;
    const char* fn = "xrWaitSwapchainImage";
    SOMA_XRT_SWAPCHAIN(sc, swapchain, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, fn, "waitInfo");
    if (sc->acquired.empty()) return fail(XR_ERROR_CALL_ORDER_INVALID, fn, "no image is acquired");
    if (sc->acquired.front().waited)
        return fail(XR_ERROR_CALL_ORDER_INVALID, fn, "the image already waited on was not released yet");
    sc->acquired.front().waited = true;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL ReleaseSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageReleaseInfo* info) {
    SOMA_XRT_LOCK;
    const char* fn = "xrReleaseSwapchainImage";
    SOMA_XRT_SWAPCHAIN(sc, swapchain, fn);
    if (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO)
        return fail(XR_ERROR_VALIDATION_FAILURE, fn, "releaseInfo has the wrong type");
    if (sc->acquired.empty() || !sc->acquired.front().waited)
        return fail(XR_ERROR_CALL_ORDER_INVALID, fn, "no image has been waited on (acquire, wait, then release)");
    sc->lastReleased = static_cast<int>(sc->acquired.front().index);
    sc->acquired.pop_front();
    return XR_SUCCESS;
}

// ---------------------------------------------------------------------------
// Frames

XrResult XRAPI_CALL WaitFrame(XrSession session, const XrFrameWaitInfo* info, XrFrameState* state) {
    SOMA_XRT_LOCK;
    const char* fn = "xrWaitFrame";
    SOMA_XRT_SESSION(s, session, fn);
    if (info && info->type != XR_TYPE_FRAME_WAIT_INFO) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "frameWaitInfo has the wrong type");
    SOMA_XRT_CHECK_TYPE(state, XR_TYPE_FRAME_STATE, fn, "frameState");
    if (!s->running) return fail(XR_ERROR_SESSION_NOT_RUNNING, fn, "the session is not running (xrBeginSession first)");
    if (s->waited)
        return fail(XR_ERROR_CALL_ORDER_INVALID, fn,
                    "xrWaitFrame again before xrBeginFrame (a real runtime would block here for ever)");
    Runtime& r = rt();
    XrTime t = s->nextDisplayTime;
    s->nextDisplayTime += kFramePeriod;
    r.now = std::max(r.now, t - kFramePeriod);
    s->issuedTimes.push_back(t);
    while (s->issuedTimes.size() > 16) s->issuedTimes.pop_front();
    s->waited = true;
    state->predictedDisplayTime = t;
    state->predictedDisplayPeriod = kFramePeriod;
    state->shouldRender = (s->state == XR_SESSION_STATE_VISIBLE || s->state == XR_SESSION_STATE_FOCUSED) ? XR_TRUE : XR_FALSE;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL BeginFrame(XrSession session, const XrFrameBeginInfo* info) {
    SOMA_XRT_LOCK;
    const char* fn = "xrBeginFrame";
    SOMA_XRT_SESSION(s, session, fn);
    if (info && info->type != XR_TYPE_FRAME_BEGIN_INFO) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "frameBeginInfo has the wrong type");
    if (!s->running) return fail(XR_ERROR_SESSION_NOT_RUNNING, fn, "the session is not running");
    if (!s->waited) return fail(XR_ERROR_CALL_ORDER_INVALID, fn, "no xrWaitFrame precedes this xrBeginFrame");
    s->waited = false;
    if (s->frameBegun) return XR_FRAME_DISCARDED;  // the frame begun before is discarded; this one is begun
    s->frameBegun = true;
    return XR_SUCCESS;
}

struct ViewCapture {
    uint64_t swapchain;
    XrRect2Di rect;
    XrPosef pose;
    XrFovf fov;
};

XrResult checkSubImage(const char* fn, uint64_t sessionId, const XrSwapchainSubImage& sub, const std::string& where) {
    Swapchain* sc = findSwapchain(sub.swapchain);
    if (!sc) return fail(XR_ERROR_HANDLE_INVALID, fn, where + ": invalid XrSwapchain handle");
    if (sc->session != sessionId) return fail(XR_ERROR_VALIDATION_FAILURE, fn, where + ": the swapchain belongs to another session");
    if (sc->lastReleased < 0) return fail(XR_ERROR_LAYER_INVALID, fn, where + ": the swapchain has no released image");
    if (!sc->acquired.empty())
        return fail(XR_ERROR_LAYER_INVALID, fn, where + ": the swapchain has an image acquired and not yet released");
    if (sub.imageArrayIndex != 0) return fail(XR_ERROR_VALIDATION_FAILURE, fn, where + ": imageArrayIndex must be 0");
    const XrRect2Di& r = sub.imageRect;
    if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
        static_cast<int64_t>(r.offset.x) + r.extent.width > sc->width ||
        static_cast<int64_t>(r.offset.y) + r.extent.height > sc->height)
        return fail(XR_ERROR_SWAPCHAIN_RECT_INVALID, fn,
                    where + ": imageRect (" + std::to_string(r.offset.x) + "," + std::to_string(r.offset.y) + " " +
                        std::to_string(r.extent.width) + "x" + std::to_string(r.extent.height) + ") is outside the " +
                        std::to_string(sc->width) + "x" + std::to_string(sc->height) + " swapchain");
    return XR_SUCCESS;
}

int spaceCode(const Space& sp) { return sp.isAction ? -1 : static_cast<int>(sp.type); }

XrResult XRAPI_CALL EndFrame(XrSession session, const XrFrameEndInfo* info) {
    SOMA_XRT_LOCK;
    const char* fn = "xrEndFrame";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_FRAME_END_INFO, fn, "frameEndInfo");
    if (!s->running) return fail(XR_ERROR_SESSION_NOT_RUNNING, fn, "the session is not running");
    if (!s->frameBegun) return fail(XR_ERROR_CALL_ORDER_INVALID, fn, "no xrBeginFrame precedes this xrEndFrame");
    if (std::find(s->issuedTimes.begin(), s->issuedTimes.end(), info->displayTime) == s->issuedTimes.end())
        return fail(XR_ERROR_TIME_INVALID, fn,
                    "displayTime " + std::to_string(info->displayTime) + " is not a predictedDisplayTime xrWaitFrame gave");
    if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
        return fail(XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED, fn, "environmentBlendMode is not OPAQUE");
    if (info->layerCount > kMaxLayers) return fail(XR_ERROR_LAYER_LIMIT_EXCEEDED, fn, "more than 16 layers");
    if (info->layerCount > 0 && !info->layers) return fail(XR_ERROR_LAYER_INVALID, fn, "layers is NULL");

    bool haveProjection = false;
    std::vector<ViewCapture> capture;
    int captureSpace = 0;
    for (uint32_t li = 0; li < info->layerCount; ++li) {
        const XrCompositionLayerBaseHeader* layer = info->layers[li];
        const std::string where = "layers[" + std::to_string(li) + "]";
        if (!layer) return fail(XR_ERROR_LAYER_INVALID, fn, where + " is NULL");
        Space* sp = findSpace(layer->space);
        if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
            auto* proj = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
            if (!sp) return fail(XR_ERROR_HANDLE_INVALID, fn, where + ": invalid XrSpace handle");
            if (sp->session != sId) return fail(XR_ERROR_VALIDATION_FAILURE, fn, where + ": the space belongs to another session");
            if (proj->viewCount != 2)
                return fail(XR_ERROR_VALIDATION_FAILURE, fn,
                            where + ": a projection layer needs exactly 2 views, not " + std::to_string(proj->viewCount));
            if (!proj->views) return fail(XR_ERROR_VALIDATION_FAILURE, fn, where + ": views is NULL");
            std::vector<ViewCapture> views;
            for (uint32_t v = 0; v < 2; ++v) {
                const XrCompositionLayerProjectionView& pv = proj->views[v];
                const std::string vw = where + ".views[" + std::to_string(v) + "]";
                if (pv.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW)
                    return fail(XR_ERROR_VALIDATION_FAILURE, fn, vw + " is not XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW");
                if (!poseValid(pv.pose)) return fail(XR_ERROR_POSE_INVALID, fn, vw + ".pose is not a valid pose");
                if (XrResult r = checkSubImage(fn, sId, pv.subImage, vw); XR_FAILED(r)) return r;
                views.push_back({fromHandle(pv.subImage.swapchain), pv.subImage.imageRect, pv.pose, pv.fov});
            }
            haveProjection = true;
            capture = std::move(views);  // the last projection layer is the one kept
            captureSpace = spaceCode(*sp);
        } else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
            auto* quad = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
            if (!sp) return fail(XR_ERROR_HANDLE_INVALID, fn, where + ": invalid XrSpace handle");
            if (!poseValid(quad->pose)) return fail(XR_ERROR_POSE_INVALID, fn, where + ".pose is not a valid pose");
            if (XrResult r = checkSubImage(fn, sId, quad->subImage, where); XR_FAILED(r)) return r;
        } else {
            return fail(XR_ERROR_LAYER_INVALID, fn, where + " has an unsupported layer type " + std::to_string(static_cast<int>(layer->type)));
        }
    }
    if (info->layerCount > 0 && !contextCurrent(*s))
        return fail(XR_ERROR_RUNTIME_FAILURE, fn,
                    "the session's GL context is not current on this thread (this runtime reads the images back in it)");

    Runtime& r = rt();
    if (haveProjection) {
        for (size_t v = 0; v < 2; ++v) {
            const ViewCapture& c = capture[v];
            Swapchain& sc = r.swapchains.at(c.swapchain);
            LastView& lv = r.lastViews[v];
            readBack(*s, sc, sc.textures[static_cast<size_t>(sc.lastReleased)], c.rect, lv.rgba);
            lv.has = true;
            lv.width = c.rect.extent.width;
            lv.height = c.rect.extent.height;
            lv.pose = c.pose;
            lv.fov = c.fov;
        }
        r.lastLayerSpace = captureSpace;
        ++r.framesSubmitted;
    }
    s->frameBegun = false;
    progressAfterFrame(sId, *s);
    // A program run whole in a child process (`soma run --xr`) cannot be
    // driven through the control functions: SOMA_XRT_EXIT_AFTER_FRAMES=N
    // has the runtime ask it to quit after N frames with a projection layer.
    if (const char* n = std::getenv("SOMA_XRT_EXIT_AFTER_FRAMES"); n && *n && s->running && !s->exitRequested && !s->lost &&
        r.framesSubmitted >= std::atoi(n))
        stepDownToStopping(sId, *s);
    return XR_SUCCESS;
}

// ---------------------------------------------------------------------------
// Paths

XrResult XRAPI_CALL StringToPath(XrInstance instance, const char* pathString, XrPath* path) {
    SOMA_XRT_LOCK;
    const char* fn = "xrStringToPath";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    (void)inst;
    if (!pathString || !path) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "pathString or path is NULL");
    if (!pathFormatValid(pathString)) return fail(XR_ERROR_PATH_FORMAT_INVALID, fn, std::string("\"") + pathString + "\" is not a well-formed path");
    *path = internPath(pathString);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL PathToString(XrInstance instance, XrPath path, uint32_t capacity, uint32_t* countOutput, char* buffer) {
    SOMA_XRT_LOCK;
    const char* fn = "xrPathToString";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    (void)inst;
    const std::string* s = pathString(path);
    if (!s) return fail(XR_ERROR_PATH_INVALID, fn, "path " + std::to_string(path) + " was never made by xrStringToPath");
    return twoCall(fn, capacity, countOutput, buffer, static_cast<uint32_t>(s->size() + 1), [&](char& c, uint32_t i) {
        c = i < s->size() ? (*s)[i] : '\0';
        return XR_SUCCESS;
    });
}

// ---------------------------------------------------------------------------
// Actions

XrResult XRAPI_CALL CreateActionSet(XrInstance instance, const XrActionSetCreateInfo* info, XrActionSet* actionSet) {
    SOMA_XRT_LOCK;
    const char* fn = "xrCreateActionSet";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    (void)inst;
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_ACTION_SET_CREATE_INFO, fn, "createInfo");
    if (!actionSet) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "actionSet pointer is NULL");
    if (!nameValid(info->actionSetName, XR_MAX_ACTION_SET_NAME_SIZE))
        return fail(XR_ERROR_PATH_FORMAT_INVALID, fn, "actionSetName is empty or has characters outside [a-z0-9-_.]");
    if (strnlen(info->localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE) == 0)
        return fail(XR_ERROR_LOCALIZED_NAME_INVALID, fn, "localizedActionSetName is empty");
    const uint64_t instanceId = fromHandle(instance);
    for (auto& [id, set] : rt().actionSets) {
        if (set.instance != instanceId) continue;
        if (set.name == info->actionSetName) return fail(XR_ERROR_NAME_DUPLICATED, fn, std::string("action set \"") + info->actionSetName + "\" exists");
        if (set.localizedName == info->localizedActionSetName)
            return fail(XR_ERROR_LOCALIZED_NAME_DUPLICATED, fn, "localizedActionSetName is used already");
    }
    ActionSet set;
    set.instance = instanceId;
    set.name = info->actionSetName;
    set.localizedName = info->localizedActionSetName;
    uint64_t id = rt().nextId++;
    rt().actionSets.emplace(id, std::move(set));
    *actionSet = toHandle<XrActionSet>(id);
    return XR_SUCCESS;
}

void destroyActionSetLocked(uint64_t id) {
    Runtime& r = rt();
    for (auto it = r.actions.begin(); it != r.actions.end();)
        it = it->second.set == id ? r.actions.erase(it) : std::next(it);
    r.actionSets.erase(id);
}

XrResult XRAPI_CALL DestroyActionSet(XrActionSet actionSet) {
    SOMA_XRT_LOCK;
    if (!findActionSet(actionSet)) return fail(XR_ERROR_HANDLE_INVALID, "xrDestroyActionSet", "invalid XrActionSet handle");
    destroyActionSetLocked(fromHandle(actionSet));
    return XR_SUCCESS;
}

XrResult XRAPI_CALL CreateAction(XrActionSet actionSet, const XrActionCreateInfo* info, XrAction* action) {
    SOMA_XRT_LOCK;
    const char* fn = "xrCreateAction";
    ActionSet* set = findActionSet(actionSet);
    if (!set) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrActionSet handle");
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_ACTION_CREATE_INFO, fn, "createInfo");
    if (!action) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "action pointer is NULL");
    if (set->attached) return fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, fn, "the action set is attached to a session already");
    if (!nameValid(info->actionName, XR_MAX_ACTION_NAME_SIZE))
        return fail(XR_ERROR_PATH_FORMAT_INVALID, fn, "actionName is empty or has characters outside [a-z0-9-_.]");
    if (strnlen(info->localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE) == 0)
        return fail(XR_ERROR_LOCALIZED_NAME_INVALID, fn, "localizedActionName is empty");
    switch (info->actionType) {
        case XR_ACTION_TYPE_BOOLEAN_INPUT:
        case XR_ACTION_TYPE_FLOAT_INPUT:
        case XR_ACTION_TYPE_VECTOR2F_INPUT:
        case XR_ACTION_TYPE_POSE_INPUT:
        case XR_ACTION_TYPE_VIBRATION_OUTPUT: break;
        default: return fail(XR_ERROR_VALIDATION_FAILURE, fn, "actionType is not a valid XrActionType");
    }
    const uint64_t setId = fromHandle(actionSet);
    for (auto& [id, a] : rt().actions) {
        if (a.set != setId) continue;
        if (a.name == info->actionName) return fail(XR_ERROR_NAME_DUPLICATED, fn, std::string("action \"") + info->actionName + "\" exists");
        if (a.localizedName == info->localizedActionName)
            return fail(XR_ERROR_LOCALIZED_NAME_DUPLICATED, fn, "localizedActionName is used already");
    }
    Action a;
    a.set = setId;
    a.name = info->actionName;
    a.localizedName = info->localizedActionName;
    a.type = info->actionType;
    for (uint32_t i = 0; i < info->countSubactionPaths; ++i) {
        XrPath p = info->subactionPaths ? info->subactionPaths[i] : XR_NULL_PATH;
        const std::string* s = pathString(p);
        if (!s) return fail(XR_ERROR_PATH_INVALID, fn, "subactionPaths[" + std::to_string(i) + "] is not a valid path");
        if (!isTopLevelUserPath(*s)) return fail(XR_ERROR_PATH_UNSUPPORTED, fn, "subaction path " + *s + " is not a top level /user path");
        if (std::find(a.subactions.begin(), a.subactions.end(), p) != a.subactions.end())
            return fail(XR_ERROR_PATH_UNSUPPORTED, fn, "subaction path " + *s + " is given twice");
        a.subactions.push_back(p);
    }
    uint64_t id = rt().nextId++;
    rt().actions.emplace(id, std::move(a));
    *action = toHandle<XrAction>(id);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroyAction(XrAction action) {
    SOMA_XRT_LOCK;
    if (!findAction(action)) return fail(XR_ERROR_HANDLE_INVALID, "xrDestroyAction", "invalid XrAction handle");
    rt().actions.erase(fromHandle(action));
    return XR_SUCCESS;
}

XrResult XRAPI_CALL SuggestInteractionProfileBindings(XrInstance instance, const XrInteractionProfileSuggestedBinding* suggested) {
    SOMA_XRT_LOCK;
    const char* fn = "xrSuggestInteractionProfileBindings";
    SOMA_XRT_INSTANCE(inst, instance, fn);
    SOMA_XRT_CHECK_TYPE(suggested, XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING, fn, "suggestedBindings");
    if (inst->anyAttached) return fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, fn, "action sets are attached to a session already");
    const std::string* profile = pathString(suggested->interactionProfile);
    if (!profile) return fail(XR_ERROR_PATH_INVALID, fn, "interactionProfile is not a valid path");
    if (profile->rfind("/interaction_profiles/", 0) != 0)
        return fail(XR_ERROR_PATH_UNSUPPORTED, fn, *profile + " is not an interaction profile path");
    const bool simple = *profile == "/interaction_profiles/khr/simple_controller";
    if (suggested->countSuggestedBindings == 0 || !suggested->suggestedBindings)
        return fail(XR_ERROR_VALIDATION_FAILURE, fn, "no suggested bindings");
    std::vector<std::pair<uint64_t, XrPath>> list;
    for (uint32_t i = 0; i < suggested->countSuggestedBindings; ++i) {
        const XrActionSuggestedBinding& b = suggested->suggestedBindings[i];
        const std::string where = "suggestedBindings[" + std::to_string(i) + "]";
        Action* a = findAction(b.action);
        if (!a) return fail(XR_ERROR_HANDLE_INVALID, fn, where + ": invalid XrAction handle");
        ActionSet* set = findActionSet(toHandle<XrActionSet>(a->set));
        if (!set || set->instance != fromHandle(instance))
            return fail(XR_ERROR_HANDLE_INVALID, fn, where + ": the action belongs to another instance");
        const std::string* bp = pathString(b.binding);
        if (!bp) return fail(XR_ERROR_PATH_INVALID, fn, where + ": binding is not a valid path");
        if (bp->rfind("/user/", 0) != 0) return fail(XR_ERROR_PATH_UNSUPPORTED, fn, where + ": " + *bp + " is not under /user/");
        if (simple && !simpleControllerPathValid(*bp))
            return fail(XR_ERROR_PATH_UNSUPPORTED, fn, where + ": " + *bp + " is not an input or output of " + *profile);
        list.emplace_back(fromHandle(b.action), b.binding);
    }
    for (auto& entry : inst->bindings) {
        if (entry.first == suggested->interactionProfile) {
            entry.second = std::move(list);
            return XR_SUCCESS;
        }
    }
    inst->bindings.emplace_back(suggested->interactionProfile, std::move(list));
    return XR_SUCCESS;
}

XrResult XRAPI_CALL AttachSessionActionSets(XrSession session, const XrSessionActionSetsAttachInfo* info) {
    SOMA_XRT_LOCK;
    const char* fn = "xrAttachSessionActionSets";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO, fn, "attachInfo");
    if (s->attached) return fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, fn, "action sets are attached to this session already");
    if (info->countActionSets == 0 || !info->actionSets) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "no action sets");
    std::vector<uint64_t> sets;
    for (uint32_t i = 0; i < info->countActionSets; ++i) {
        ActionSet* set = findActionSet(info->actionSets[i]);
        if (!set) return fail(XR_ERROR_HANDLE_INVALID, fn, "actionSets[" + std::to_string(i) + "] is not a valid XrActionSet");
        sets.push_back(fromHandle(info->actionSets[i]));
    }
    for (uint64_t id : sets) rt().actionSets.at(id).attached = true;
    s->attached = true;
    s->attachedSets = sets;
    Instance* inst = findInstance(toHandle<XrInstance>(s->instance));
    inst->anyAttached = true;
    // The "connected controller": simple_controller if the application
    // suggested bindings for it, otherwise the first profile it suggested.
    XrPath simple = internPath("/interaction_profiles/khr/simple_controller");
    for (auto& entry : inst->bindings)
        if (entry.first == simple) s->currentProfile = simple;
    if (s->currentProfile == XR_NULL_PATH && !inst->bindings.empty()) s->currentProfile = inst->bindings.front().first;
    if (s->currentProfile != XR_NULL_PATH) {
        XrEventDataInteractionProfileChanged e{};
        e.type = XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED;
        e.session = session;
        pushEvent(s->instance, &e, sizeof e);
    }
    return XR_SUCCESS;
}

bool bindingMatches(const std::string& bound, const std::string& pressed) {
    if (bound == pressed) return true;
    // A shorthand binding (".../select") matches its component (".../select/click") and back.
    auto under = [](const std::string& child, const std::string& parent) {
        return child.size() > parent.size() && child.compare(0, parent.size(), parent) == 0 && child[parent.size()] == '/';
    };
    return under(pressed, bound) || under(bound, pressed);
}

XrResult XRAPI_CALL SyncActions(XrSession session, const XrActionsSyncInfo* info) {
    SOMA_XRT_LOCK;
    const char* fn = "xrSyncActions";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_ACTIONS_SYNC_INFO, fn, "syncInfo");
    if (!s->attached) return fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "no action sets are attached to the session");
    std::vector<uint64_t> active;
    for (uint32_t i = 0; i < info->countActiveActionSets; ++i) {
        if (!info->activeActionSets) return fail(XR_ERROR_VALIDATION_FAILURE, fn, "activeActionSets is NULL");
        const XrActiveActionSet& as = info->activeActionSets[i];
        if (!findActionSet(as.actionSet)) return fail(XR_ERROR_HANDLE_INVALID, fn, "activeActionSets[" + std::to_string(i) + "] is not a valid XrActionSet");
        uint64_t id = fromHandle(as.actionSet);
        if (std::find(s->attachedSets.begin(), s->attachedSets.end(), id) == s->attachedSets.end())
            return fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "activeActionSets[" + std::to_string(i) + "] is not attached to this session");
        if (as.subactionPath != XR_NULL_PATH) {
            const std::string* sp = pathString(as.subactionPath);
            if (!sp) return fail(XR_ERROR_PATH_INVALID, fn, "an active subactionPath is not a valid path");
            if (!isTopLevelUserPath(*sp)) return fail(XR_ERROR_PATH_UNSUPPORTED, fn, *sp + " is not a top level /user path");
        }
        active.push_back(id);
    }
    Runtime& r = rt();
    const bool focused = s->state == XR_SESSION_STATE_FOCUSED;
    std::vector<std::string> presses;
    if (focused) presses.swap(r.pendingPresses);
    Instance* inst = findInstance(toHandle<XrInstance>(s->instance));
    const std::vector<std::pair<uint64_t, XrPath>>* bindings = nullptr;
    for (auto& entry : inst->bindings)
        if (entry.first == s->currentProfile) bindings = &entry.second;

    for (auto& [actionId, a] : r.actions) {
        if (a.type != XR_ACTION_TYPE_BOOLEAN_INPUT) continue;
        if (std::find(s->attachedSets.begin(), s->attachedSets.end(), a.set) == s->attachedSets.end()) continue;
        const bool setActive = std::find(active.begin(), active.end(), a.set) != active.end();
        std::vector<XrPath> keys{XR_NULL_PATH};
        keys.insert(keys.end(), a.subactions.begin(), a.subactions.end());
        for (XrPath key : keys) {
            const std::string* keyString = pathString(key);
            bool bound = false, value = false;
            if (bindings) {
                for (auto& [bid, bpath] : *bindings) {
                    if (bid != actionId) continue;
                    const std::string& bp = *pathString(bpath);
                    if (keyString && bp.compare(0, keyString->size() + 1, *keyString + "/") != 0) continue;
                    bound = true;
                    for (const std::string& p : presses)
                        if (bindingMatches(bp, p)) value = true;
                }
            }
            BoolState& st = s->boolStates[actionId][key];
            const bool isActive = focused && setActive && bound;
            if (!isActive) {
                st = BoolState{};
                continue;
            }
            st.changed = st.active && st.current != value;
            if (!st.active && value) st.changed = true;
            if (st.changed) st.lastChange = r.now;
            st.current = value;
            st.active = true;
        }
    }
    return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

XrResult XRAPI_CALL GetActionStateBoolean(XrSession session, const XrActionStateGetInfo* info, XrActionStateBoolean* state) {
    SOMA_XRT_LOCK;
    const char* fn = "xrGetActionStateBoolean";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(info, XR_TYPE_ACTION_STATE_GET_INFO, fn, "getInfo");
    SOMA_XRT_CHECK_TYPE(state, XR_TYPE_ACTION_STATE_BOOLEAN, fn, "state");
    Action* a = findAction(info->action);
    if (!a) return fail(XR_ERROR_HANDLE_INVALID, fn, "invalid XrAction handle");
    if (std::find(s->attachedSets.begin(), s->attachedSets.end(), a->set) == s->attachedSets.end())
        return fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "the action's set is not attached to this session");
    if (a->type != XR_ACTION_TYPE_BOOLEAN_INPUT) return fail(XR_ERROR_ACTION_TYPE_MISMATCH, fn, "the action is not a boolean action");
    if (info->subactionPath != XR_NULL_PATH &&
        std::find(a->subactions.begin(), a->subactions.end(), info->subactionPath) == a->subactions.end())
        return fail(XR_ERROR_PATH_UNSUPPORTED, fn, "subactionPath is not one the action was created with");
    BoolState st;
    auto it = s->boolStates.find(fromHandle(info->action));
    if (it != s->boolStates.end()) {
        auto jt = it->second.find(info->subactionPath);
        if (jt != it->second.end()) st = jt->second;
    }
    state->currentState = st.current ? XR_TRUE : XR_FALSE;
    state->changedSinceLastSync = st.changed ? XR_TRUE : XR_FALSE;
    state->lastChangeTime = st.lastChange;
    state->isActive = st.active ? XR_TRUE : XR_FALSE;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL GetCurrentInteractionProfile(XrSession session, XrPath topLevelUserPath, XrInteractionProfileState* profile) {
    SOMA_XRT_LOCK;
    const char* fn = "xrGetCurrentInteractionProfile";
    SOMA_XRT_SESSION(s, session, fn);
    SOMA_XRT_CHECK_TYPE(profile, XR_TYPE_INTERACTION_PROFILE_STATE, fn, "interactionProfile");
    if (!s->attached) return fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "no action sets are attached to the session");
    const std::string* p = pathString(topLevelUserPath);
    if (!p) return fail(XR_ERROR_PATH_INVALID, fn, "topLevelUserPath is not a valid path");
    if (!isTopLevelUserPath(*p)) return fail(XR_ERROR_PATH_UNSUPPORTED, fn, *p + " is not a top level /user path");
    const bool hand = *p == "/user/hand/left" || *p == "/user/hand/right";
    profile->interactionProfile = hand ? s->currentProfile : XR_NULL_PATH;
    return XR_SUCCESS;
}

// ---------------------------------------------------------------------------
// xrGetInstanceProcAddr

XrResult XRAPI_CALL GetInstanceProcAddr(XrInstance instance, const char* name, PFN_xrVoidFunction* function);

struct Entry {
    const char* name;
    PFN_xrVoidFunction fn;
};

#define SOMA_XRT_ENTRY(n) {"xr" #n, reinterpret_cast<PFN_xrVoidFunction>(&n)}
const Entry kEntries[] = {
    SOMA_XRT_ENTRY(GetInstanceProcAddr),
    SOMA_XRT_ENTRY(EnumerateInstanceExtensionProperties),
    SOMA_XRT_ENTRY(CreateInstance),
    SOMA_XRT_ENTRY(DestroyInstance),
    SOMA_XRT_ENTRY(GetInstanceProperties),
    SOMA_XRT_ENTRY(PollEvent),
    SOMA_XRT_ENTRY(ResultToString),
    SOMA_XRT_ENTRY(StructureTypeToString),
    SOMA_XRT_ENTRY(GetSystem),
    SOMA_XRT_ENTRY(GetSystemProperties),
    SOMA_XRT_ENTRY(EnumerateEnvironmentBlendModes),
    SOMA_XRT_ENTRY(EnumerateViewConfigurations),
    SOMA_XRT_ENTRY(GetViewConfigurationProperties),
    SOMA_XRT_ENTRY(EnumerateViewConfigurationViews),
    SOMA_XRT_ENTRY(GetOpenGLGraphicsRequirementsKHR),
    SOMA_XRT_ENTRY(CreateSession),
    SOMA_XRT_ENTRY(DestroySession),
    SOMA_XRT_ENTRY(BeginSession),
    SOMA_XRT_ENTRY(EndSession),
    SOMA_XRT_ENTRY(RequestExitSession),
    SOMA_XRT_ENTRY(EnumerateReferenceSpaces),
    SOMA_XRT_ENTRY(CreateReferenceSpace),
    SOMA_XRT_ENTRY(CreateActionSpace),
    SOMA_XRT_ENTRY(DestroySpace),
    SOMA_XRT_ENTRY(LocateSpace),
    SOMA_XRT_ENTRY(LocateViews),
    SOMA_XRT_ENTRY(EnumerateSwapchainFormats),
    SOMA_XRT_ENTRY(CreateSwapchain),
    SOMA_XRT_ENTRY(DestroySwapchain),
    SOMA_XRT_ENTRY(EnumerateSwapchainImages),
    SOMA_XRT_ENTRY(AcquireSwapchainImage),
    SOMA_XRT_ENTRY(WaitSwapchainImage),
    SOMA_XRT_ENTRY(ReleaseSwapchainImage),
    SOMA_XRT_ENTRY(WaitFrame),
    SOMA_XRT_ENTRY(BeginFrame),
    SOMA_XRT_ENTRY(EndFrame),
    SOMA_XRT_ENTRY(StringToPath),
    SOMA_XRT_ENTRY(PathToString),
    SOMA_XRT_ENTRY(CreateActionSet),
    SOMA_XRT_ENTRY(DestroyActionSet),
    SOMA_XRT_ENTRY(CreateAction),
    SOMA_XRT_ENTRY(DestroyAction),
    SOMA_XRT_ENTRY(SuggestInteractionProfileBindings),
    SOMA_XRT_ENTRY(AttachSessionActionSets),
    SOMA_XRT_ENTRY(SyncActions),
    SOMA_XRT_ENTRY(GetActionStateBoolean),
    SOMA_XRT_ENTRY(GetCurrentInteractionProfile),
};
#undef SOMA_XRT_ENTRY

XrResult XRAPI_CALL GetInstanceProcAddr(XrInstance instance, const char* name, PFN_xrVoidFunction* function) {
    if (!function) return XR_ERROR_VALIDATION_FAILURE;
    *function = nullptr;
    if (!name) return XR_ERROR_VALIDATION_FAILURE;
    // Without an instance only these three may be asked for.
    const bool preInstance = std::strcmp(name, "xrEnumerateInstanceExtensionProperties") == 0 ||
                             std::strcmp(name, "xrCreateInstance") == 0 || std::strcmp(name, "xrGetInstanceProcAddr") == 0;
    if (instance == XR_NULL_HANDLE) {
        if (!preInstance) return XR_ERROR_HANDLE_INVALID;
    } else {
        SOMA_XRT_LOCK;
        Instance* inst = findInstance(instance);
        if (!inst) return fail(XR_ERROR_HANDLE_INVALID, "xrGetInstanceProcAddr", "invalid XrInstance handle");
        if (std::strcmp(name, "xrGetOpenGLGraphicsRequirementsKHR") == 0 && !inst->glEnabled) return XR_ERROR_FUNCTION_UNSUPPORTED;
    }
    for (const Entry& e : kEntries) {
        if (std::strcmp(e.name, name) == 0) {
            *function = e.fn;
            return XR_SUCCESS;
        }
    }
    return XR_ERROR_FUNCTION_UNSUPPORTED;
}

}  // namespace

// ---------------------------------------------------------------------------
// Loader negotiation

extern "C" XrResult xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* loaderInfo,
                                                      XrNegotiateRuntimeRequest* runtimeRequest) {
    if (!loaderInfo || !runtimeRequest) return XR_ERROR_INITIALIZATION_FAILED;
    if (loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
        loaderInfo->structVersion != SOMA_XRT_LOADER_INFO_STRUCT_VERSION || loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo))
        return XR_ERROR_INITIALIZATION_FAILED;
    if (runtimeRequest->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
        runtimeRequest->structVersion != SOMA_XRT_RUNTIME_INFO_STRUCT_VERSION ||
        runtimeRequest->structSize != sizeof(XrNegotiateRuntimeRequest))
        return XR_ERROR_INITIALIZATION_FAILED;
    if (loaderInfo->minInterfaceVersion > SOMA_XRT_CURRENT_LOADER_RUNTIME_VERSION ||
        loaderInfo->maxInterfaceVersion < SOMA_XRT_CURRENT_LOADER_RUNTIME_VERSION)
        return XR_ERROR_INITIALIZATION_FAILED;
    // This runtime speaks OpenXR 1.0.
    const XrVersion lowest = XR_MAKE_VERSION(1, 0, 0);
    if (loaderInfo->maxApiVersion < lowest || loaderInfo->minApiVersion > XR_CURRENT_API_VERSION ||
        XR_VERSION_MAJOR(loaderInfo->minApiVersion) > 1)
        return XR_ERROR_INITIALIZATION_FAILED;
    {
        std::lock_guard<std::mutex> lock(rt().mutex);
        const char* v = std::getenv("SOMA_XRT_VERBOSE");
        rt().verbose = v && *v && std::strcmp(v, "0") != 0;
    }
    runtimeRequest->runtimeInterfaceVersion = SOMA_XRT_CURRENT_LOADER_RUNTIME_VERSION;
    runtimeRequest->runtimeApiVersion = std::min<XrVersion>(XR_CURRENT_API_VERSION, loaderInfo->maxApiVersion);
    runtimeRequest->getInstanceProcAddr = &GetInstanceProcAddr;
    return XR_SUCCESS;
}

// ---------------------------------------------------------------------------
// Control interface

extern "C" {

void soma_xrt_reset(void) {
    SOMA_XRT_LOCK;
    Runtime& r = rt();
    r.config = defaultConfig();
    r.framesSubmitted = 0;
    for (LastView& v : r.lastViews) v = LastView{};
    r.lastLayerSpace = 0;
    r.violationCount = 0;
    r.lastViolation.clear();
    r.pendingPresses.clear();
}

void soma_xrt_set_head_pose(const float q[4], const float p[3]) {
    SOMA_XRT_LOCK;
    Config& c = rt().config;
    if (q) {
        float n = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (n > 0.f && std::isfinite(n)) c.head.orientation = {q[0] / n, q[1] / n, q[2] / n, q[3] / n};
    }
    if (p) c.head.position = {p[0], p[1], p[2]};
}

void soma_xrt_set_ipd(float metres) {
    SOMA_XRT_LOCK;
    rt().config.ipd = metres;
}

void soma_xrt_set_recommended_size(int width, int height) {
    SOMA_XRT_LOCK;
    rt().config.recommendedWidth = std::clamp(width, 1, static_cast<int>(kMaxImageSize));
    rt().config.recommendedHeight = std::clamp(height, 1, static_cast<int>(kMaxImageSize));
}

void soma_xrt_set_fov(float left, float right, float up, float down) {
    SOMA_XRT_LOCK;
    rt().config.fov = {left, right, up, down};
}

void soma_xrt_lose_focus(void) {
    SOMA_XRT_LOCK;
    rt().config.focusWanted = false;
    uint64_t id = 0;
    Session* s = liveSession(&id);
    if (s && !s->lost && s->state == XR_SESSION_STATE_FOCUSED) setState(id, *s, XR_SESSION_STATE_VISIBLE);
}

void soma_xrt_regain_focus(void) {
    SOMA_XRT_LOCK;
    rt().config.focusWanted = true;
    uint64_t id = 0;
    Session* s = liveSession(&id);
    if (s && !s->lost && s->running && !s->exitRequested && s->state == XR_SESSION_STATE_VISIBLE)
        setState(id, *s, XR_SESSION_STATE_FOCUSED);
}

void soma_xrt_request_exit(void) {
    SOMA_XRT_LOCK;
    uint64_t id = 0;
    Session* s = liveSession(&id);
    if (!s || s->lost || s->exitRequested) return;
    if (s->running) {
        stepDownToStopping(id, *s);
    } else if (s->state == XR_SESSION_STATE_IDLE) {
        s->exitRequested = true;
        setState(id, *s, XR_SESSION_STATE_EXITING);
    } else {
        s->exitPending = true;  // READY, not begun: goes down once xrBeginSession runs it
    }
}

void soma_xrt_lose_session(void) {
    SOMA_XRT_LOCK;
    uint64_t id = 0;
    Session* s = liveSession(&id);
    if (!s || s->lost) return;
    s->lost = true;
    setState(id, *s, XR_SESSION_STATE_LOSS_PENDING);
}

void soma_xrt_press(const char* inputPath) {
    SOMA_XRT_LOCK;
    if (inputPath) rt().pendingPresses.emplace_back(inputPath);
}

int soma_xrt_frames_submitted(void) {
    SOMA_XRT_LOCK;
    return rt().framesSubmitted;
}

int soma_xrt_state(void) {
    SOMA_XRT_LOCK;
    Session* s = liveSession();
    return s ? static_cast<int>(s->state) : 0;
}

int soma_xrt_last_image(int eye, unsigned char* rgba, int capacityBytes, int* width, int* height) {
    SOMA_XRT_LOCK;
    if (eye < 0 || eye > 1) return 0;
    const LastView& v = rt().lastViews[eye];
    if (!v.has) return 0;
    if (width) *width = v.width;
    if (height) *height = v.height;
    if (!rgba) return 1;
    if (capacityBytes < 0 || static_cast<size_t>(capacityBytes) < v.rgba.size()) return -1;
    std::memcpy(rgba, v.rgba.data(), v.rgba.size());
    return 1;
}

int soma_xrt_last_view(int eye, float orientation_xyzw[4], float position[3], float fov_lrud[4]) {
    SOMA_XRT_LOCK;
    if (eye < 0 || eye > 1) return 0;
    const LastView& v = rt().lastViews[eye];
    if (!v.has) return 0;
    if (orientation_xyzw) {
        orientation_xyzw[0] = v.pose.orientation.x;
        orientation_xyzw[1] = v.pose.orientation.y;
        orientation_xyzw[2] = v.pose.orientation.z;
        orientation_xyzw[3] = v.pose.orientation.w;
    }
    if (position) {
        position[0] = v.pose.position.x;
        position[1] = v.pose.position.y;
        position[2] = v.pose.position.z;
    }
    if (fov_lrud) {
        fov_lrud[0] = v.fov.angleLeft;
        fov_lrud[1] = v.fov.angleRight;
        fov_lrud[2] = v.fov.angleUp;
        fov_lrud[3] = v.fov.angleDown;
    }
    return 1;
}

int soma_xrt_last_layer_space(void) {
    SOMA_XRT_LOCK;
    return rt().lastLayerSpace;
}

int soma_xrt_violation_count(void) {
    SOMA_XRT_LOCK;
    return rt().violationCount;
}

const char* soma_xrt_last_violation(void) {
    SOMA_XRT_LOCK;
    rt().lastViolationCopy = rt().lastViolation;
    return rt().lastViolationCopy.c_str();
}

int soma_xrt_live_objects(void) {
    SOMA_XRT_LOCK;
    Runtime& r = rt();
    return static_cast<int>(r.instances.size() + r.sessions.size() + r.swapchains.size() + r.spaces.size() + r.actionSets.size() +
                            r.actions.size());
}

}  // extern "C"
