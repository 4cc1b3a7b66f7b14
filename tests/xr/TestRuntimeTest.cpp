// Tests of the OpenXR test runtime itself (tests/xr/runtime), through the
// real Khronos loader: XR_RUNTIME_JSON points the loader at the runtime's
// manifest, GL comes from SDL's offscreen driver (EGL on Mesa), and the test
// reaches the loaded runtime's control functions by dlopen()ing the same
// library (soma_xrt.h).
#include <gtest/gtest.h>

#include <SDL.h>

#include <EGL/egl.h>
#include <GL/glcorearb.h>

#define XR_USE_PLATFORM_EGL 1
#define XR_USE_GRAPHICS_API_OPENGL 1
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include "soma_xrt.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

// 1.0.20's openxr_platform.h declares XR_MNDX_egl_enable behind
// XR_USE_PLATFORM_EGL; declare it as the registry does where it is missing.
#ifndef XR_MNDX_egl_enable
typedef struct XrGraphicsBindingEGLMNDX {
    XrStructureType type;
    const void* XR_MAY_ALIAS next;
    PFNEGLGETPROCADDRESSPROC getProcAddress;
    EGLDisplay display;
    EGLConfig config;
    EGLContext context;
} XrGraphicsBindingEGLMNDX;
#endif

namespace {

constexpr XrStructureType kTypeBindingEglMndx = static_cast<XrStructureType>(1000048004);
constexpr int64_t kSrgb8Alpha8 = 0x8C43;
constexpr int64_t kRgba8 = 0x8058;
constexpr XrDuration kPeriod = 11111111;

template <typename T>
T xrStruct(XrStructureType type) {
    T v{};
    v.type = type;
    return v;
}

struct GlFunctions {
    PFNGLGENFRAMEBUFFERSPROC GenFramebuffers = nullptr;
    PFNGLDELETEFRAMEBUFFERSPROC DeleteFramebuffers = nullptr;
    PFNGLBINDFRAMEBUFFERPROC BindFramebuffer = nullptr;
    PFNGLFRAMEBUFFERTEXTURE2DPROC FramebufferTexture2D = nullptr;
    PFNGLCHECKFRAMEBUFFERSTATUSPROC CheckFramebufferStatus = nullptr;
    PFNGLGENTEXTURESPROC GenTextures = nullptr;
    PFNGLDELETETEXTURESPROC DeleteTextures = nullptr;
    PFNGLBINDTEXTUREPROC BindTexture = nullptr;
    PFNGLISTEXTUREPROC IsTexture = nullptr;
    PFNGLVIEWPORTPROC Viewport = nullptr;
    PFNGLSCISSORPROC Scissor = nullptr;
    PFNGLENABLEPROC Enable = nullptr;
    PFNGLDISABLEPROC Disable = nullptr;
    PFNGLCLEARCOLORPROC ClearColor = nullptr;
    PFNGLCLEARPROC Clear = nullptr;
    PFNGLGETINTEGERVPROC GetIntegerv = nullptr;
    PFNGLPIXELSTOREIPROC PixelStorei = nullptr;
    PFNGLGETERRORPROC GetError = nullptr;
};

struct Rgba {
    int r, g, b, a;
};

class XrTestRuntime : public ::testing::Test {
protected:
    SomaXrt xrt{SOMA_XR_TEST_RUNTIME_LIB};
    SDL_Window* window = nullptr;
    SDL_GLContext context = nullptr;
    GlFunctions gl;
    GLuint fbo = 0;

    XrInstance instance = XR_NULL_HANDLE;
    XrSystemId systemId = XR_NULL_SYSTEM_ID;
    XrSession session = XR_NULL_HANDLE;
    XrGraphicsBindingEGLMNDX binding{};
    std::vector<XrSessionState> states;  // every state change polled, in order
    int profileEvents = 0;

    void SetUp() override {
        ASSERT_TRUE(xrt.ok()) << "cannot use " << SOMA_XR_TEST_RUNTIME_LIB << ": " << xrt.error();
        xrt.reset();
        setenv("XR_RUNTIME_JSON", SOMA_XR_TEST_RUNTIME_JSON, 1);
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        ASSERT_EQ(SDL_Init(SDL_INIT_VIDEO), 0) << SDL_GetError();
        SDL_GL_ResetAttributes();
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
        window = SDL_CreateWindow("soma-xrt", 0, 0, 16, 16, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
        ASSERT_NE(window, nullptr) << SDL_GetError();
        context = SDL_GL_CreateContext(window);
        ASSERT_NE(context, nullptr) << SDL_GetError();
        ASSERT_EQ(SDL_GL_MakeCurrent(window, context), 0) << SDL_GetError();
        auto load = [](auto& fn, const char* name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(SDL_GL_GetProcAddress(name));
            ASSERT_NE(fn, nullptr) << name;
        };
        load(gl.GenFramebuffers, "glGenFramebuffers");
        load(gl.DeleteFramebuffers, "glDeleteFramebuffers");
        load(gl.BindFramebuffer, "glBindFramebuffer");
        load(gl.FramebufferTexture2D, "glFramebufferTexture2D");
        load(gl.CheckFramebufferStatus, "glCheckFramebufferStatus");
        load(gl.GenTextures, "glGenTextures");
        load(gl.DeleteTextures, "glDeleteTextures");
        load(gl.BindTexture, "glBindTexture");
        load(gl.IsTexture, "glIsTexture");
        load(gl.Viewport, "glViewport");
        load(gl.Scissor, "glScissor");
        load(gl.Enable, "glEnable");
        load(gl.Disable, "glDisable");
        load(gl.ClearColor, "glClearColor");
        load(gl.Clear, "glClear");
        load(gl.GetIntegerv, "glGetIntegerv");
        load(gl.PixelStorei, "glPixelStorei");
        load(gl.GetError, "glGetError");
        gl.GenFramebuffers(1, &fbo);
    }

    void TearDown() override {
        // The loader allows one instance at a time: never leave one behind.
        if (session != XR_NULL_HANDLE) xrDestroySession(session);
        if (instance != XR_NULL_HANDLE) xrDestroyInstance(instance);
        if (fbo) gl.DeleteFramebuffers(1, &fbo);
        if (context) SDL_GL_DeleteContext(context);
        if (window) SDL_DestroyWindow(window);
        SDL_Quit();
    }

    // -- OpenXR steps -------------------------------------------------------

    void createInstance() {
        const char* extensions[] = {"XR_KHR_opengl_enable", "XR_MNDX_egl_enable"};
        auto info = xrStruct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
        std::strcpy(info.applicationInfo.applicationName, "soma-xrt-tests");
        info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
        info.enabledExtensionCount = 2;
        info.enabledExtensionNames = extensions;
        ASSERT_EQ(xrCreateInstance(&info, &instance), XR_SUCCESS);
        auto get = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
        get.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
        ASSERT_EQ(xrGetSystem(instance, &get, &systemId), XR_SUCCESS);
    }

    void callGraphicsRequirements() {
        PFN_xrGetOpenGLGraphicsRequirementsKHR fn = nullptr;
        ASSERT_EQ(xrGetInstanceProcAddr(instance, "xrGetOpenGLGraphicsRequirementsKHR", reinterpret_cast<PFN_xrVoidFunction*>(&fn)),
                  XR_SUCCESS);
        ASSERT_NE(fn, nullptr);
        auto req = xrStruct<XrGraphicsRequirementsOpenGLKHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR);
        ASSERT_EQ(fn(instance, systemId, &req), XR_SUCCESS);
        EXPECT_LE(req.minApiVersionSupported, XR_MAKE_VERSION(3, 3, 0));
    }

    XrResult tryCreateSession() {
        binding = XrGraphicsBindingEGLMNDX{};
        binding.type = kTypeBindingEglMndx;
        binding.getProcAddress = &eglGetProcAddress;
        binding.display = eglGetCurrentDisplay();
        binding.context = eglGetCurrentContext();
        EGLint configId = 0;
        EXPECT_TRUE(eglQueryContext(binding.display, binding.context, EGL_CONFIG_ID, &configId));
        const EGLint attribs[] = {EGL_CONFIG_ID, configId, EGL_NONE};
        EGLint found = 0;
        EXPECT_TRUE(eglChooseConfig(binding.display, attribs, &binding.config, 1, &found));
        EXPECT_EQ(found, 1);
        auto info = xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
        info.next = &binding;
        info.systemId = systemId;
        return xrCreateSession(instance, &info, &session);
    }

    void createSession() {
        callGraphicsRequirements();
        ASSERT_EQ(tryCreateSession(), XR_SUCCESS);
    }

    // Polls every pending event; returns the session states among them.
    std::vector<XrSessionState> poll() {
        std::vector<XrSessionState> got;
        for (;;) {
            auto e = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
            XrResult r = xrPollEvent(instance, &e);
            EXPECT_TRUE(r == XR_SUCCESS || r == XR_EVENT_UNAVAILABLE) << r;
            if (r != XR_SUCCESS) break;
            if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
                auto* sc = reinterpret_cast<XrEventDataSessionStateChanged*>(&e);
                EXPECT_EQ(sc->session, session);
                got.push_back(sc->state);
            } else if (e.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) {
                ++profileEvents;
            }
        }
        states.insert(states.end(), got.begin(), got.end());
        return got;
    }

    void beginSession() {
        poll();
        ASSERT_FALSE(states.empty());
        ASSERT_EQ(states.back(), XR_SESSION_STATE_READY);
        auto info = xrStruct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
        info.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        ASSERT_EQ(xrBeginSession(session, &info), XR_SUCCESS);
    }

    XrSpace referenceSpace(XrReferenceSpaceType type) {
        auto info = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
        info.referenceSpaceType = type;
        info.poseInReferenceSpace.orientation.w = 1.f;
        XrSpace space = XR_NULL_HANDLE;
        EXPECT_EQ(xrCreateReferenceSpace(session, &info, &space), XR_SUCCESS);
        return space;
    }

    XrSwapchain swapchain(int64_t format, uint32_t width, uint32_t height, std::vector<GLuint>* images = nullptr) {
        auto info = xrStruct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
        info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT;
        info.format = format;
        info.sampleCount = info.arraySize = info.faceCount = info.mipCount = 1;
        info.width = width;
        info.height = height;
        XrSwapchain sc = XR_NULL_HANDLE;
        EXPECT_EQ(xrCreateSwapchain(session, &info, &sc), XR_SUCCESS);
        if (images && sc != XR_NULL_HANDLE) {
            uint32_t n = 0;
            EXPECT_EQ(xrEnumerateSwapchainImages(sc, 0, &n, nullptr), XR_SUCCESS);
            std::vector<XrSwapchainImageOpenGLKHR> list(n, xrStruct<XrSwapchainImageOpenGLKHR>(XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR));
            EXPECT_EQ(xrEnumerateSwapchainImages(sc, n, &n, reinterpret_cast<XrSwapchainImageBaseHeader*>(list.data())), XR_SUCCESS);
            images->clear();
            for (auto& i : list) images->push_back(i.image);
        }
        return sc;
    }

    // One frame that submits no layer; returns its frame state.
    XrFrameState emptyFrame() {
        auto fs = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
        EXPECT_EQ(xrWaitFrame(session, nullptr, &fs), XR_SUCCESS);
        EXPECT_EQ(xrBeginFrame(session, nullptr), XR_SUCCESS);
        auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
        end.displayTime = fs.predictedDisplayTime;
        end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
        EXPECT_EQ(xrEndFrame(session, &end), XR_SUCCESS);
        poll();
        return fs;
    }

    // Empty frames until FOCUSED is polled; returns how many it took.
    int framesUntilFocused(int limit = 10) {
        for (int i = 1; i <= limit; ++i) {
            emptyFrame();
            if (!states.empty() && states.back() == XR_SESSION_STATE_FOCUSED) return i;
        }
        return -1;
    }

    void acquireWaitRelease(XrSwapchain sc, uint32_t* index = nullptr) {
        uint32_t i = 0;
        ASSERT_EQ(xrAcquireSwapchainImage(sc, nullptr, &i), XR_SUCCESS);
        auto wait = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
        wait.timeout = XR_INFINITE_DURATION;
        ASSERT_EQ(xrWaitSwapchainImage(sc, &wait), XR_SUCCESS);
        ASSERT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_SUCCESS);
        if (index) *index = i;
    }

    std::vector<XrView> locateViews(XrSpace space, XrTime time, XrViewState* stateOut = nullptr) {
        auto info = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
        info.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        info.displayTime = time;
        info.space = space;
        auto vs = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
        std::vector<XrView> views(2, xrStruct<XrView>(XR_TYPE_VIEW));
        uint32_t n = 0;
        EXPECT_EQ(xrLocateViews(session, &info, &vs, 2, &n, views.data()), XR_SUCCESS);
        EXPECT_EQ(n, 2u);
        if (stateOut) *stateOut = vs;
        return views;
    }

    // Paints `texture` (width x height) for a side-by-side eye pair whose
    // rects start `y0` rows up: below y0 black, above it the left half
    // (255, g, 0) and the right half (0, g, 255), each with its top `band`
    // rows white, so a read-back that crops or flips wrongly shows.
    void paintHalves(GLuint texture, int width, int height, int y0, int band, int g) {
        gl.BindFramebuffer(GL_FRAMEBUFFER, fbo);
        gl.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
        ASSERT_EQ(gl.CheckFramebufferStatus(GL_FRAMEBUFFER), static_cast<GLenum>(GL_FRAMEBUFFER_COMPLETE));
        gl.Viewport(0, 0, width, height);
        gl.Enable(GL_SCISSOR_TEST);
        auto fill = [&](int x, int y, int w, int h, float r, float gr, float b) {
            gl.Scissor(x, y, w, h);
            gl.ClearColor(r, gr, b, 1.f);
            gl.Clear(GL_COLOR_BUFFER_BIT);
        };
        const float gf = static_cast<float>(g) / 255.f;
        fill(0, 0, width, y0, 0.f, 0.f, 0.f);
        fill(0, y0, width / 2, height - y0, 1.f, gf, 0.f);
        fill(width / 2, y0, width - width / 2, height - y0, 0.f, gf, 1.f);
        fill(0, height - band, width, band, 1.f, 1.f, 1.f);
        gl.Disable(GL_SCISSOR_TEST);
        gl.BindFramebuffer(GL_FRAMEBUFFER, 0);
    }

    // Every pixel of the last image of `eye`, with its size.
    std::vector<unsigned char> lastImage(int eye, int* w, int* h) {
        *w = *h = 0;
        EXPECT_EQ(xrt.last_image(eye, nullptr, 0, w, h), 1);
        std::vector<unsigned char> px(static_cast<size_t>(*w) * static_cast<size_t>(*h) * 4);
        if (!px.empty()) {
            EXPECT_EQ(xrt.last_image(eye, px.data(), 3, w, h), -1) << "a too small buffer must be refused";
            EXPECT_EQ(xrt.last_image(eye, px.data(), static_cast<int>(px.size()), w, h), 1);
        }
        return px;
    }

    // Pixels of rows [row0, row1) of a `width` wide image that differ from
    // `want` by more than 1 in any channel.
    static int countOff(const std::vector<unsigned char>& px, int width, int row0, int row1, Rgba want) {
        int off = 0;
        for (size_t i = static_cast<size_t>(row0 * width) * 4; i + 3 < px.size() && i < static_cast<size_t>(row1 * width) * 4; i += 4) {
            if (std::abs(px[i] - want.r) > 1 || std::abs(px[i + 1] - want.g) > 1 || std::abs(px[i + 2] - want.b) > 1 ||
                std::abs(px[i + 3] - want.a) > 1)
                ++off;
        }
        return off;
    }

    void expectNoViolations() { EXPECT_EQ(xrt.violation_count(), 0) << "last violation: " << xrt.last_violation(); }

    // One more violation than `before`, naming `function`.
    void expectViolation(int before, const char* function) {
        EXPECT_EQ(xrt.violation_count(), before + 1);
        std::string last = xrt.last_violation();
        EXPECT_NE(last.find(function), std::string::npos) << last;
    }
};

void expectNear(const XrVector3f& v, float x, float y, float z) {
    EXPECT_NEAR(v.x, x, 1e-5f);
    EXPECT_NEAR(v.y, y, 1e-5f);
    EXPECT_NEAR(v.z, z, 1e-5f);
}

void expectNear(const XrQuaternionf& q, float x, float y, float z, float w) {
    EXPECT_NEAR(q.x, x, 1e-5f);
    EXPECT_NEAR(q.y, y, 1e-5f);
    EXPECT_NEAR(q.z, z, 1e-5f);
    EXPECT_NEAR(q.w, w, 1e-5f);
}

// ---------------------------------------------------------------------------

TEST_F(XrTestRuntime, ThreeHundredFramesThroughTheLoaderAreKeptAndShutDownCleanly) {
    // The loader found this runtime, and offers its extensions.
    uint32_t n = 0;
    ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr), XR_SUCCESS);
    std::vector<XrExtensionProperties> exts(n, xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
    ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, exts.data()), XR_SUCCESS);
    std::vector<std::string> names;
    for (auto& e : exts) names.push_back(e.extensionName);
    EXPECT_NE(std::find(names.begin(), names.end(), "XR_KHR_opengl_enable"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "XR_MNDX_egl_enable"), names.end());

    ASSERT_NO_FATAL_FAILURE(createInstance());
    auto props = xrStruct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    ASSERT_EQ(xrGetInstanceProperties(instance, &props), XR_SUCCESS);
    EXPECT_STREQ(props.runtimeName, "Soma test runtime");

    uint32_t viewCount = 0;
    ASSERT_EQ(xrEnumerateViewConfigurationViews(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &viewCount, nullptr),
              XR_SUCCESS);
    ASSERT_EQ(viewCount, 2u);
    std::vector<XrViewConfigurationView> configViews(2, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
    ASSERT_EQ(xrEnumerateViewConfigurationViews(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &viewCount,
                                                configViews.data()),
              XR_SUCCESS);
    const int w = static_cast<int>(configViews[0].recommendedImageRectWidth);
    const int h = static_cast<int>(configViews[0].recommendedImageRectHeight);
    EXPECT_EQ(w, 96);
    EXPECT_EQ(h, 96);
    XrEnvironmentBlendMode blend{};
    uint32_t blendCount = 0;
    ASSERT_EQ(xrEnumerateEnvironmentBlendModes(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 1, &blendCount, &blend),
              XR_SUCCESS);
    EXPECT_EQ(blend, XR_ENVIRONMENT_BLEND_MODE_OPAQUE);

    ASSERT_NO_FATAL_FAILURE(createSession());
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
    EXPECT_EQ(xrt.state(), XR_SESSION_STATE_READY);

    XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    uint32_t formatCount = 0;
    ASSERT_EQ(xrEnumerateSwapchainFormats(session, 0, &formatCount, nullptr), XR_SUCCESS);
    std::vector<int64_t> formats(formatCount);
    ASSERT_EQ(xrEnumerateSwapchainFormats(session, formatCount, &formatCount, formats.data()), XR_SUCCESS);
    ASSERT_EQ(formats, (std::vector<int64_t>{kSrgb8Alpha8, kRgba8}));
    std::vector<GLuint> images;
    // One double-wide swapchain; the eyes' rects start 16 rows up.
    const int y0 = 16, band = 8;
    XrSwapchain sc = swapchain(formats[0], static_cast<uint32_t>(2 * w), static_cast<uint32_t>(h + y0), &images);
    ASSERT_EQ(images.size(), 3u);
    for (GLuint img : images) EXPECT_TRUE(gl.IsTexture(img));
    EXPECT_NE(images[0], images[1]);
    EXPECT_NE(images[1], images[2]);

    ASSERT_NO_FATAL_FAILURE(beginSession());
    states.clear();

    // A texture bound and a pack alignment set by the application, which
    // the runtime's read-back must leave as they were.
    GLuint sentinel = 0;
    gl.GenTextures(1, &sentinel);
    gl.BindTexture(GL_TEXTURE_2D, sentinel);
    gl.PixelStorei(GL_PACK_ALIGNMENT, 8);

    XrTime previous = 0;
    std::vector<bool> shouldRender;
    int focusedAfter = -1;
    std::vector<XrView> views;
    const int kFrames = 300;
    for (int frame = 0; frame < kFrames; ++frame) {
        auto fs = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
        ASSERT_EQ(xrWaitFrame(session, nullptr, &fs), XR_SUCCESS);
        if (frame > 0) {
            ASSERT_EQ(fs.predictedDisplayTime - previous, kPeriod) << "frame " << frame;
        }
        EXPECT_EQ(fs.predictedDisplayPeriod, kPeriod);
        previous = fs.predictedDisplayTime;
        shouldRender.push_back(fs.shouldRender == XR_TRUE);
        ASSERT_EQ(xrBeginFrame(session, nullptr), XR_SUCCESS);

        views = locateViews(local, fs.predictedDisplayTime);
        uint32_t index = 0;
        ASSERT_EQ(xrAcquireSwapchainImage(sc, nullptr, &index), XR_SUCCESS);
        EXPECT_EQ(index, static_cast<uint32_t>(frame % 3)) << "round robin";
        auto wait = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
        wait.timeout = XR_INFINITE_DURATION;
        ASSERT_EQ(xrWaitSwapchainImage(sc, &wait), XR_SUCCESS);
        ASSERT_NO_FATAL_FAILURE(paintHalves(images[index], 2 * w, h + y0, y0, band, frame % 256));
        ASSERT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_SUCCESS);

        XrCompositionLayerProjectionView pv[2];
        for (int eye = 0; eye < 2; ++eye) {
            pv[eye] = xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
            pv[eye].pose = views[static_cast<size_t>(eye)].pose;
            pv[eye].fov = views[static_cast<size_t>(eye)].fov;
            pv[eye].subImage.swapchain = sc;
            pv[eye].subImage.imageRect = {{eye * w, y0}, {w, h}};
        }
        auto layer = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
        layer.space = local;
        layer.viewCount = 2;
        layer.views = pv;
        const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
        auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
        end.displayTime = fs.predictedDisplayTime;
        end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
        end.layerCount = 1;
        end.layers = layers;
        ASSERT_EQ(xrEndFrame(session, &end), XR_SUCCESS) << "frame " << frame << ": " << xrt.last_violation();
        poll();
        if (focusedAfter < 0 && !states.empty() && states.back() == XR_SESSION_STATE_FOCUSED) focusedAfter = frame + 1;
    }

    EXPECT_EQ(states, (std::vector<XrSessionState>{XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE,
                                                   XR_SESSION_STATE_FOCUSED}));
    EXPECT_GE(focusedAfter, 1);
    EXPECT_LE(focusedAfter, 3);
    // shouldRender only once VISIBLE: READY and SYNCHRONIZED frames come first.
    EXPECT_FALSE(shouldRender[0]);
    EXPECT_FALSE(shouldRender[1]);
    EXPECT_EQ(std::count(shouldRender.begin(), shouldRender.end(), true), kFrames - 2);
    EXPECT_EQ(xrt.frames_submitted(), kFrames);
    EXPECT_EQ(xrt.state(), XR_SESSION_STATE_FOCUSED);

    GLint boundTexture = 0, packAlignment = 0;
    gl.GetIntegerv(GL_TEXTURE_BINDING_2D, &boundTexture);
    gl.GetIntegerv(GL_PACK_ALIGNMENT, &packAlignment);
    EXPECT_EQ(static_cast<GLuint>(boundTexture), sentinel) << "the runtime changed the application's texture binding";
    EXPECT_EQ(packAlignment, 8) << "the runtime changed the application's pack alignment";
    EXPECT_EQ(gl.GetError(), static_cast<GLenum>(GL_NO_ERROR));
    gl.DeleteTextures(1, &sentinel);

    // The last frame's images, rows top first: a white band on top, then
    // the left eye red, the right blue, green carrying the last frame's
    // number (so an older image would show), and none of the black below.
    const int lastG = (kFrames - 1) % 256;
    int iw = 0, ih = 0;
    auto left = lastImage(0, &iw, &ih);
    ASSERT_EQ(iw, w);
    ASSERT_EQ(ih, h);
    EXPECT_EQ(countOff(left, w, 0, band, {255, 255, 255, 255}), 0);
    EXPECT_EQ(countOff(left, w, band, h, {255, lastG, 0, 255}), 0)
        << "bottom left pixel " << int(left[left.size() - 4]) << "," << int(left[left.size() - 3]) << "," << int(left[left.size() - 2]);
    auto right = lastImage(1, &iw, &ih);
    ASSERT_EQ(iw, w);
    ASSERT_EQ(ih, h);
    EXPECT_EQ(countOff(right, w, 0, band, {255, 255, 255, 255}), 0);
    EXPECT_EQ(countOff(right, w, band, h, {0, lastG, 255, 255}), 0)
        << "bottom left pixel " << int(right[right.size() - 4]) << "," << int(right[right.size() - 3]) << "," << int(right[right.size() - 2]);

    // The views as submitted, in the layer's space.
    for (int eye = 0; eye < 2; ++eye) {
        float q[4], p[3], fov[4];
        ASSERT_EQ(xrt.last_view(eye, q, p, fov), 1);
        const XrView& v = views[static_cast<size_t>(eye)];
        EXPECT_FLOAT_EQ(p[0], v.pose.position.x);
        EXPECT_FLOAT_EQ(p[1], v.pose.position.y);
        EXPECT_FLOAT_EQ(q[3], v.pose.orientation.w);
        EXPECT_FLOAT_EQ(fov[0], v.fov.angleLeft);
        EXPECT_FLOAT_EQ(fov[2], v.fov.angleUp);
    }
    EXPECT_EQ(xrt.last_layer_space(), XR_REFERENCE_SPACE_TYPE_LOCAL);
    EXPECT_NEAR(views[0].pose.position.x, -0.0315f, 1e-6f);
    EXPECT_NEAR(views[1].pose.position.x, 0.0315f, 1e-6f);
    EXPECT_NEAR(views[0].pose.position.y, 1.2f, 1e-6f);

    // Clean shutdown: the application asks to exit, STOPPING, end, EXITING.
    states.clear();
    ASSERT_EQ(xrRequestExitSession(session), XR_SUCCESS);
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED,
                                                   XR_SESSION_STATE_STOPPING}));
    ASSERT_EQ(xrEndSession(session), XR_SUCCESS);
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
    EXPECT_EQ(xrt.state(), XR_SESSION_STATE_EXITING);
    EXPECT_EQ(xrt.live_objects(), 4);  // instance, session, space, swapchain
    EXPECT_EQ(xrDestroySwapchain(sc), XR_SUCCESS);
    for (GLuint img : images) EXPECT_FALSE(gl.IsTexture(img)) << "the swapchain's textures are deleted with it";
    EXPECT_EQ(xrDestroySpace(local), XR_SUCCESS);
    EXPECT_EQ(xrDestroySession(session), XR_SUCCESS);
    session = XR_NULL_HANDLE;
    EXPECT_EQ(xrDestroyInstance(instance), XR_SUCCESS);
    instance = XR_NULL_HANDLE;
    EXPECT_EQ(xrt.live_objects(), 0);
    EXPECT_EQ(xrt.state(), 0);
    expectNoViolations();
}

TEST_F(XrTestRuntime, CreateSessionWithoutGraphicsRequirementsFails) {
    ASSERT_NO_FATAL_FAILURE(createInstance());
    EXPECT_EQ(tryCreateSession(), XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
    expectViolation(0, "xrCreateSession");
    EXPECT_EQ(xrt.live_objects(), 1);
    // With the call made, the same session is created.
    ASSERT_NO_FATAL_FAILURE(callGraphicsRequirements());
    EXPECT_EQ(tryCreateSession(), XR_SUCCESS);
    EXPECT_EQ(xrt.violation_count(), 1);
    EXPECT_EQ(xrt.live_objects(), 2);
}

TEST_F(XrTestRuntime, CallsOutOfOrderFailAndAreRecorded) {
    ASSERT_NO_FATAL_FAILURE(createInstance());
    ASSERT_NO_FATAL_FAILURE(createSession());
    XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    XrSwapchain sc = swapchain(kRgba8, 32, 32);
    expectNoViolations();

    // Frames before xrBeginSession.
    auto fs = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    EXPECT_EQ(xrWaitFrame(session, nullptr, &fs), XR_ERROR_SESSION_NOT_RUNNING);
    expectViolation(0, "xrWaitFrame");
    EXPECT_EQ(xrBeginFrame(session, nullptr), XR_ERROR_SESSION_NOT_RUNNING);
    expectViolation(1, "xrBeginFrame");
    EXPECT_EQ(xrRequestExitSession(session), XR_ERROR_SESSION_NOT_RUNNING);
    expectViolation(2, "xrRequestExitSession");
    int v = xrt.violation_count();

    ASSERT_NO_FATAL_FAILURE(beginSession());
    auto begin = xrStruct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
    begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    EXPECT_EQ(xrBeginSession(session, &begin), XR_ERROR_SESSION_RUNNING);
    expectViolation(v++, "xrBeginSession");

    // xrBeginFrame without xrWaitFrame, xrEndFrame without xrBeginFrame.
    EXPECT_EQ(xrBeginFrame(session, nullptr), XR_ERROR_CALL_ORDER_INVALID);
    expectViolation(v++, "xrBeginFrame");
    auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    end.displayTime = 1;
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_CALL_ORDER_INVALID);
    expectViolation(v++, "xrEndFrame");
    // Ending a running session that is not STOPPING.
    EXPECT_EQ(xrEndSession(session), XR_ERROR_SESSION_NOT_STOPPING);
    expectViolation(v++, "xrEndSession");

    // A second xrBeginFrame discards the frame begun before: not an error.
    ASSERT_EQ(xrWaitFrame(session, nullptr, &fs), XR_SUCCESS);
    ASSERT_EQ(xrBeginFrame(session, nullptr), XR_SUCCESS);
    ASSERT_EQ(xrWaitFrame(session, nullptr, &fs), XR_SUCCESS);
    EXPECT_EQ(xrBeginFrame(session, nullptr), XR_FRAME_DISCARDED);
    EXPECT_EQ(xrt.violation_count(), v);

    // xrEndFrame's checks, each failing alone.
    end.displayTime = fs.predictedDisplayTime + 1;
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_TIME_INVALID);
    expectViolation(v++, "xrEndFrame");
    end.displayTime = fs.predictedDisplayTime;
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_ADDITIVE;
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
    expectViolation(v++, "xrEndFrame");
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;

    XrCompositionLayerProjectionView pv[2];
    for (int eye = 0; eye < 2; ++eye) {
        pv[eye] = xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
        pv[eye].pose.orientation.w = 1.f;
        pv[eye].fov = {-0.7f, 0.7f, 0.7f, -0.7f};
        pv[eye].subImage.swapchain = sc;
        pv[eye].subImage.imageRect = {{eye * 16, 0}, {16, 32}};
    }
    auto layer = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    layer.space = local;
    layer.viewCount = 2;
    layer.views = pv;
    const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
    end.layerCount = 1;
    end.layers = layers;
    // The swapchain never released an image.
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_LAYER_INVALID);
    expectViolation(v++, "xrEndFrame");

    // Release without wait; wait without acquire.
    uint32_t index = 0;
    ASSERT_EQ(xrAcquireSwapchainImage(sc, nullptr, &index), XR_SUCCESS);
    EXPECT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_ERROR_CALL_ORDER_INVALID);
    expectViolation(v++, "xrReleaseSwapchainImage");
    // Acquired, not released: still not submittable.
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_LAYER_INVALID);
    expectViolation(v++, "xrEndFrame");
    auto wait = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
    wait.timeout = XR_INFINITE_DURATION;
    ASSERT_EQ(xrWaitSwapchainImage(sc, &wait), XR_SUCCESS);
    EXPECT_EQ(xrWaitSwapchainImage(sc, &wait), XR_ERROR_CALL_ORDER_INVALID);
    expectViolation(v++, "xrWaitSwapchainImage");
    ASSERT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_SUCCESS);
    EXPECT_EQ(xrWaitSwapchainImage(sc, &wait), XR_ERROR_CALL_ORDER_INVALID);
    expectViolation(v++, "xrWaitSwapchainImage");

    // A rectangle outside the swapchain; one view instead of two.
    pv[1].subImage.imageRect = {{20, 0}, {16, 32}};
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_SWAPCHAIN_RECT_INVALID);
    expectViolation(v++, "xrEndFrame");
    pv[1].subImage.imageRect = {{16, 0}, {16, 32}};
    layer.viewCount = 1;
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_VALIDATION_FAILURE);
    expectViolation(v++, "xrEndFrame");
    layer.viewCount = 2;
    EXPECT_EQ(xrt.frames_submitted(), 0);

    // All put right, the same frame is accepted.
    EXPECT_EQ(xrEndFrame(session, &end), XR_SUCCESS) << xrt.last_violation();
    EXPECT_EQ(xrt.frames_submitted(), 1);
    EXPECT_EQ(xrt.violation_count(), v);
    // And a second xrEndFrame has no frame to end.
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_CALL_ORDER_INVALID);
    expectViolation(v++, "xrEndFrame");

    // Swapchains the runtime does not make.
    auto info = xrStruct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
    info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
    info.format = kRgba8;
    info.sampleCount = info.faceCount = info.mipCount = 1;
    info.arraySize = 2;
    info.width = info.height = 16;
    XrSwapchain bad = XR_NULL_HANDLE;
    EXPECT_EQ(xrCreateSwapchain(session, &info, &bad), XR_ERROR_FEATURE_UNSUPPORTED);
    expectViolation(v++, "xrCreateSwapchain");
    info.arraySize = 1;
    info.format = 0x881A;  // GL_RGBA16F
    EXPECT_EQ(xrCreateSwapchain(session, &info, &bad), XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
    expectViolation(v++, "xrCreateSwapchain");
    EXPECT_EQ(bad, XR_NULL_HANDLE);

    // Bindings the simple controller does not have.
    XrActionSet set = XR_NULL_HANDLE;
    auto setInfo = xrStruct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
    std::strcpy(setInfo.actionSetName, "main");
    std::strcpy(setInfo.localizedActionSetName, "Main");
    ASSERT_EQ(xrCreateActionSet(instance, &setInfo, &set), XR_SUCCESS);
    XrAction act = XR_NULL_HANDLE;
    auto actInfo = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
    std::strcpy(actInfo.actionName, "Select");  // upper case is not allowed
    std::strcpy(actInfo.localizedActionName, "Select");
    actInfo.actionType = XR_ACTION_TYPE_BOOLEAN_INPUT;
    EXPECT_EQ(xrCreateAction(set, &actInfo, &act), XR_ERROR_PATH_FORMAT_INVALID);
    expectViolation(v++, "xrCreateAction");
    std::strcpy(actInfo.actionName, "select");
    ASSERT_EQ(xrCreateAction(set, &actInfo, &act), XR_SUCCESS);
    XrPath profile = XR_NULL_PATH, trigger = XR_NULL_PATH;
    ASSERT_EQ(xrStringToPath(instance, "/interaction_profiles/khr/simple_controller", &profile), XR_SUCCESS);
    ASSERT_EQ(xrStringToPath(instance, "/user/hand/right/input/trigger/value", &trigger), XR_SUCCESS);
    XrActionSuggestedBinding sb{act, trigger};
    auto suggested = xrStruct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    suggested.interactionProfile = profile;
    suggested.countSuggestedBindings = 1;
    suggested.suggestedBindings = &sb;
    EXPECT_EQ(xrSuggestInteractionProfileBindings(instance, &suggested), XR_ERROR_PATH_UNSUPPORTED);
    expectViolation(v++, "xrSuggestInteractionProfileBindings");
    XrPath badPath = XR_NULL_PATH;
    EXPECT_EQ(xrStringToPath(instance, "/user//hand", &badPath), XR_ERROR_PATH_FORMAT_INVALID);
    expectViolation(v++, "xrStringToPath");
    // Syncing before any action set is attached.
    auto sync = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
    EXPECT_EQ(xrSyncActions(session, &sync), XR_ERROR_ACTIONSET_NOT_ATTACHED);
    expectViolation(v++, "xrSyncActions");

    // A function the runtime does not have: null, and no violation.
    PFN_xrVoidFunction fn = reinterpret_cast<PFN_xrVoidFunction>(&xrPollEvent);
    EXPECT_EQ(xrGetInstanceProcAddr(instance, "xrCreateHandTrackerEXT", &fn), XR_ERROR_FUNCTION_UNSUPPORTED);
    EXPECT_EQ(fn, nullptr);
    EXPECT_EQ(xrt.violation_count(), v);

    // Once ended, the session is neither running nor ready.
    ASSERT_EQ(xrRequestExitSession(session), XR_SUCCESS);
    EXPECT_EQ(xrBeginSession(session, &begin), XR_ERROR_SESSION_RUNNING) << "STOPPING is still running";
    expectViolation(v++, "xrBeginSession");
    ASSERT_EQ(xrEndSession(session), XR_SUCCESS);
    EXPECT_EQ(xrt.state(), XR_SESSION_STATE_EXITING);
    EXPECT_EQ(xrBeginSession(session, &begin), XR_ERROR_SESSION_NOT_READY);
    expectViolation(v++, "xrBeginSession");
    EXPECT_EQ(xrEndSession(session), XR_ERROR_SESSION_NOT_RUNNING);
    expectViolation(v++, "xrEndSession");
}

TEST_F(XrTestRuntime, ScriptedHeadPoseFocusAndPresses) {
    // Head turned 90 degrees left (about +y), somewhere in the room.
    const float s = std::sqrt(0.5f);
    const float q[4] = {0.f, s, 0.f, s};
    const float p[3] = {1.f, 1.5f, -2.f};
    xrt.set_head_pose(q, p);
    xrt.set_ipd(0.07f);
    xrt.set_fov(-0.5f, 0.6f, 0.7f, -0.8f);

    ASSERT_NO_FATAL_FAILURE(createInstance());
    ASSERT_NO_FATAL_FAILURE(createSession());

    // Actions: select on both hands, menu on the right, a pose.
    auto setInfo = xrStruct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
    std::strcpy(setInfo.actionSetName, "scan");
    std::strcpy(setInfo.localizedActionSetName, "Scan");
    XrActionSet set = XR_NULL_HANDLE;
    ASSERT_EQ(xrCreateActionSet(instance, &setInfo, &set), XR_SUCCESS);
    XrPath left = XR_NULL_PATH, right = XR_NULL_PATH;
    ASSERT_EQ(xrStringToPath(instance, "/user/hand/left", &left), XR_SUCCESS);
    ASSERT_EQ(xrStringToPath(instance, "/user/hand/right", &right), XR_SUCCESS);
    const XrPath hands[] = {left, right};
    auto makeAction = [&](const char* name, XrActionType type, bool perHand) {
        auto info = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
        std::strcpy(info.actionName, name);
        std::strcpy(info.localizedActionName, name);
        info.actionType = type;
        if (perHand) {
            info.countSubactionPaths = 2;
            info.subactionPaths = hands;
        }
        XrAction a = XR_NULL_HANDLE;
        EXPECT_EQ(xrCreateAction(set, &info, &a), XR_SUCCESS);
        return a;
    };
    XrAction select = makeAction("select", XR_ACTION_TYPE_BOOLEAN_INPUT, true);
    XrAction menu = makeAction("menu", XR_ACTION_TYPE_BOOLEAN_INPUT, false);
    XrAction pose = makeAction("hand_pose", XR_ACTION_TYPE_POSE_INPUT, true);
    auto path = [&](const char* s) {
        XrPath out = XR_NULL_PATH;
        EXPECT_EQ(xrStringToPath(instance, s, &out), XR_SUCCESS);
        return out;
    };
    const XrPath simple = path("/interaction_profiles/khr/simple_controller");
    std::vector<XrActionSuggestedBinding> bindings = {
        {select, path("/user/hand/left/input/select/click")},
        {select, path("/user/hand/right/input/select/click")},
        {menu, path("/user/hand/right/input/menu/click")},
        {pose, path("/user/hand/right/input/grip/pose")},
    };
    auto suggested = xrStruct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    suggested.interactionProfile = simple;
    suggested.countSuggestedBindings = static_cast<uint32_t>(bindings.size());
    suggested.suggestedBindings = bindings.data();
    ASSERT_EQ(xrSuggestInteractionProfileBindings(instance, &suggested), XR_SUCCESS);
    auto attach = xrStruct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
    attach.countActionSets = 1;
    attach.actionSets = &set;
    ASSERT_EQ(xrAttachSessionActionSets(session, &attach), XR_SUCCESS);
    auto poseSpaceInfo = xrStruct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
    poseSpaceInfo.action = pose;
    poseSpaceInfo.subactionPath = right;
    poseSpaceInfo.poseInActionSpace.orientation.w = 1.f;
    XrSpace handSpace = XR_NULL_HANDLE;
    ASSERT_EQ(xrCreateActionSpace(session, &poseSpaceInfo, &handSpace), XR_SUCCESS);

    XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    ASSERT_NO_FATAL_FAILURE(beginSession());
    EXPECT_EQ(profileEvents, 1);
    auto current = xrStruct<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
    ASSERT_EQ(xrGetCurrentInteractionProfile(session, right, &current), XR_SUCCESS);
    EXPECT_EQ(current.interactionProfile, simple);

    const int focusedAfter = framesUntilFocused();
    EXPECT_GE(focusedAfter, 1);
    EXPECT_LE(focusedAfter, 3);
    EXPECT_EQ(xrt.frames_submitted(), 0) << "frames without layers are not counted";
    const XrTime t = emptyFrame().predictedDisplayTime;

    // The eyes in LOCAL: the head pose, each eye half the IPD along the
    // head's own x axis, which the turn points at -z.
    XrViewState vs{};
    auto eyes = locateViews(local, t, &vs);
    const XrViewStateFlags all = XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                                 XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT;
    EXPECT_EQ(vs.viewStateFlags, all);
    expectNear(eyes[0].pose.position, 1.f, 1.5f, -2.f + 0.035f);
    expectNear(eyes[1].pose.position, 1.f, 1.5f, -2.f - 0.035f);
    for (auto& e : eyes) {
        expectNear(e.pose.orientation, 0.f, s, 0.f, s);
        EXPECT_FLOAT_EQ(e.fov.angleLeft, -0.5f);
        EXPECT_FLOAT_EQ(e.fov.angleRight, 0.6f);
        EXPECT_FLOAT_EQ(e.fov.angleUp, 0.7f);
        EXPECT_FLOAT_EQ(e.fov.angleDown, -0.8f);
    }
    const float dx = eyes[0].pose.position.x - eyes[1].pose.position.x;
    const float dz = eyes[0].pose.position.z - eyes[1].pose.position.z;
    EXPECT_NEAR(std::sqrt(dx * dx + dz * dz), 0.07f, 1e-5f);
    // STAGE is the same room here.
    auto stageEyes = locateViews(stage, t);
    expectNear(stageEyes[0].pose.position, 1.f, 1.5f, -1.965f);
    // In VIEW space the head is the origin.
    auto viewEyes = locateViews(view, t);
    expectNear(viewEyes[0].pose.position, -0.035f, 0.f, 0.f);
    expectNear(viewEyes[1].pose.position, 0.035f, 0.f, 0.f);
    expectNear(viewEyes[0].pose.orientation, 0.f, 0.f, 0.f, 1.f);
    // xrLocateSpace: VIEW in LOCAL is the head pose, and LOCAL in VIEW its inverse.
    auto loc = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    ASSERT_EQ(xrLocateSpace(view, local, t, &loc), XR_SUCCESS);
    EXPECT_TRUE(loc.locationFlags & XR_SPACE_LOCATION_POSITION_TRACKED_BIT);
    expectNear(loc.pose.position, 1.f, 1.5f, -2.f);
    expectNear(loc.pose.orientation, 0.f, s, 0.f, s);
    ASSERT_EQ(xrLocateSpace(local, view, t, &loc), XR_SUCCESS);
    // Inverse: -(R^-1 p); R^-1 turns 90 degrees right: (1, 1.5, -2) -> (2, 1.5, 1).
    expectNear(loc.pose.position, -2.f, -1.5f, -1.f);
    // No controllers: the hand is not tracked.
    ASSERT_EQ(xrLocateSpace(handSpace, local, t, &loc), XR_SUCCESS);
    EXPECT_EQ(loc.locationFlags, 0u);

    // A new pose is seen at once.
    const float q2[4] = {0.f, 0.f, 0.f, 1.f};
    const float p2[3] = {0.f, 1.f, 0.f};
    xrt.set_head_pose(q2, p2);
    eyes = locateViews(local, t);
    expectNear(eyes[0].pose.position, -0.035f, 1.f, 0.f);

    // Focus lost: a VISIBLE event, and frames do not bring focus back.
    XrActiveActionSet active{set, XR_NULL_PATH};
    auto sync = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
    sync.countActiveActionSets = 1;
    sync.activeActionSets = &active;
    auto get = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    auto state = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
    auto read = [&](XrAction a, XrPath sub) {
        get.action = a;
        get.subactionPath = sub;
        state = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
        EXPECT_EQ(xrGetActionStateBoolean(session, &get, &state), XR_SUCCESS);
        return state;
    };

    states.clear();
    xrt.lose_focus();
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_VISIBLE}));
    for (int i = 0; i < 4; ++i) emptyFrame();
    EXPECT_EQ(states, (std::vector<XrSessionState>{XR_SESSION_STATE_VISIBLE}));
    EXPECT_EQ(xrt.state(), XR_SESSION_STATE_VISIBLE);
    // Not focused: inputs are inactive, and a press waits for focus.
    xrt.press("/user/hand/right/input/select/click");
    EXPECT_EQ(xrSyncActions(session, &sync), XR_SESSION_NOT_FOCUSED);
    EXPECT_FALSE(read(select, XR_NULL_PATH).isActive);
    EXPECT_FALSE(state.currentState);

    xrt.regain_focus();
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_FOCUSED}));
    ASSERT_EQ(xrSyncActions(session, &sync), XR_SUCCESS);
    read(select, XR_NULL_PATH);
    EXPECT_TRUE(state.isActive);
    EXPECT_TRUE(state.currentState);
    EXPECT_TRUE(state.changedSinceLastSync);
    EXPECT_TRUE(read(select, right).currentState);
    EXPECT_FALSE(read(select, left).currentState) << "the right hand was pressed, not the left";
    read(menu, XR_NULL_PATH);
    EXPECT_TRUE(state.isActive);
    EXPECT_FALSE(state.currentState);
    EXPECT_FALSE(state.changedSinceLastSync);

    // Released at the next sync, then quiet.
    ASSERT_EQ(xrSyncActions(session, &sync), XR_SUCCESS);
    read(select, XR_NULL_PATH);
    EXPECT_FALSE(state.currentState);
    EXPECT_TRUE(state.changedSinceLastSync);
    ASSERT_EQ(xrSyncActions(session, &sync), XR_SUCCESS);
    read(select, XR_NULL_PATH);
    EXPECT_FALSE(state.currentState);
    EXPECT_FALSE(state.changedSinceLastSync);

    // The menu button, pressed once, reads true once.
    xrt.press("/user/hand/right/input/menu/click");
    ASSERT_EQ(xrSyncActions(session, &sync), XR_SUCCESS);
    EXPECT_TRUE(read(menu, XR_NULL_PATH).currentState);
    EXPECT_FALSE(read(select, XR_NULL_PATH).currentState);
    ASSERT_EQ(xrSyncActions(session, &sync), XR_SUCCESS);
    EXPECT_FALSE(read(menu, XR_NULL_PATH).currentState);

    // The runtime asks to quit: down to STOPPING, then IDLE and EXITING.
    states.clear();
    xrt.request_exit();
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED,
                                                   XR_SESSION_STATE_STOPPING}));
    ASSERT_EQ(xrEndSession(session), XR_SUCCESS);
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
    for (XrSpace sp : {local, view, stage, handSpace}) EXPECT_EQ(xrDestroySpace(sp), XR_SUCCESS);
    EXPECT_EQ(xrDestroySession(session), XR_SUCCESS);
    session = XR_NULL_HANDLE;
    EXPECT_EQ(xrDestroyInstance(instance), XR_SUCCESS);  // takes the action set and actions with it
    instance = XR_NULL_HANDLE;
    EXPECT_EQ(xrt.live_objects(), 0);
    expectNoViolations();
}

TEST_F(XrTestRuntime, ALostSessionRefusesEverythingButDestroy) {
    ASSERT_NO_FATAL_FAILURE(createInstance());
    ASSERT_NO_FATAL_FAILURE(createSession());
    XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    XrSwapchain sc = swapchain(kSrgb8Alpha8, 32, 32);
    ASSERT_NO_FATAL_FAILURE(beginSession());
    ASSERT_GT(framesUntilFocused(), 0);
    const XrTime t = emptyFrame().predictedDisplayTime;
    EXPECT_EQ(xrt.live_objects(), 4);

    states.clear();
    xrt.lose_session();
    EXPECT_EQ(poll(), (std::vector<XrSessionState>{XR_SESSION_STATE_LOSS_PENDING}));
    EXPECT_EQ(xrt.state(), XR_SESSION_STATE_LOSS_PENDING);

    auto fs = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    EXPECT_EQ(xrWaitFrame(session, nullptr, &fs), XR_ERROR_SESSION_LOST);
    EXPECT_EQ(xrBeginFrame(session, nullptr), XR_ERROR_SESSION_LOST);
    auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    end.displayTime = t;
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    EXPECT_EQ(xrEndFrame(session, &end), XR_ERROR_SESSION_LOST);
    EXPECT_EQ(xrRequestExitSession(session), XR_ERROR_SESSION_LOST);
    EXPECT_EQ(xrEndSession(session), XR_ERROR_SESSION_LOST);
    uint32_t index = 0;
    EXPECT_EQ(xrAcquireSwapchainImage(sc, nullptr, &index), XR_ERROR_SESSION_LOST);
    auto info = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
    info.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    info.displayTime = t;
    info.space = local;
    auto vs = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
    std::vector<XrView> views(2, xrStruct<XrView>(XR_TYPE_VIEW));
    uint32_t n = 0;
    EXPECT_EQ(xrLocateViews(session, &info, &vs, 2, &n, views.data()), XR_ERROR_SESSION_LOST);
    auto loc = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    EXPECT_EQ(xrLocateSpace(local, local, t, &loc), XR_ERROR_SESSION_LOST);
    auto spaceInfo = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
    spaceInfo.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    spaceInfo.poseInReferenceSpace.orientation.w = 1.f;
    XrSpace another = XR_NULL_HANDLE;
    EXPECT_EQ(xrCreateReferenceSpace(session, &spaceInfo, &another), XR_ERROR_SESSION_LOST);
    EXPECT_EQ(another, XR_NULL_HANDLE);
    // The application did nothing wrong.
    expectNoViolations();

    // Destroying still works, and takes the session's children with it.
    EXPECT_EQ(xrDestroySession(session), XR_SUCCESS);
    session = XR_NULL_HANDLE;
    EXPECT_EQ(xrt.live_objects(), 1);
    EXPECT_EQ(xrt.state(), 0);
    EXPECT_EQ(xrDestroyInstance(instance), XR_SUCCESS);
    instance = XR_NULL_HANDLE;
    EXPECT_EQ(xrt.live_objects(), 0);
    expectNoViolations();
}

TEST_F(XrTestRuntime, ControlsAndLookupsAnswerAsSet) {
    xrt.set_recommended_size(64, 48);
    ASSERT_NO_FATAL_FAILURE(createInstance());
    std::vector<XrViewConfigurationView> views(2, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
    uint32_t n = 0;
    ASSERT_EQ(xrEnumerateViewConfigurationViews(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &n, views.data()),
              XR_SUCCESS);
    EXPECT_EQ(views[1].recommendedImageRectWidth, 64u);
    EXPECT_EQ(views[1].recommendedImageRectHeight, 48u);
    xrt.reset();
    ASSERT_EQ(xrEnumerateViewConfigurationViews(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &n, views.data()),
              XR_SUCCESS);
    EXPECT_EQ(views[0].recommendedImageRectWidth, 96u);

    // A too small array is refused (and is the application's mistake).
    EXPECT_EQ(xrEnumerateViewConfigurationViews(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 1, &n, views.data()),
              XR_ERROR_SIZE_INSUFFICIENT);
    EXPECT_EQ(n, 2u);
    expectViolation(0, "xrEnumerateViewConfigurationViews");
    auto get = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
    get.formFactor = XR_FORM_FACTOR_HANDHELD_DISPLAY;
    XrSystemId handheld = XR_NULL_SYSTEM_ID;
    EXPECT_EQ(xrGetSystem(instance, &get, &handheld), XR_ERROR_FORM_FACTOR_UNSUPPORTED);

    // Paths round-trip; names of results and structure types.
    XrPath pth = XR_NULL_PATH;
    ASSERT_EQ(xrStringToPath(instance, "/user/hand/left/input/select/click", &pth), XR_SUCCESS);
    char buffer[XR_MAX_PATH_LENGTH];
    ASSERT_EQ(xrPathToString(instance, pth, sizeof buffer, &n, buffer), XR_SUCCESS);
    EXPECT_STREQ(buffer, "/user/hand/left/input/select/click");
    EXPECT_EQ(n, std::strlen(buffer) + 1);
    char name[XR_MAX_RESULT_STRING_SIZE];
    ASSERT_EQ(xrResultToString(instance, XR_ERROR_SESSION_LOST, name), XR_SUCCESS);
    EXPECT_STREQ(name, "XR_ERROR_SESSION_LOST");
    char typeName[XR_MAX_STRUCTURE_NAME_SIZE];
    ASSERT_EQ(xrStructureTypeToString(instance, XR_TYPE_GRAPHICS_BINDING_EGL_MNDX, typeName), XR_SUCCESS);
    EXPECT_STREQ(typeName, "XR_TYPE_GRAPHICS_BINDING_EGL_MNDX");
    EXPECT_EQ(xrt.violation_count(), 1);
}

}  // namespace
