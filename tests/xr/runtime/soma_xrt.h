/* Control interface of the Soma OpenXR test runtime (tests/xr/runtime).
 *
 * The OpenXR loader loads the runtime library named by XR_RUNTIME_JSON. A
 * test reaches the very same loaded copy (same globals) by dlopen()ing the
 * same library path, SOMA_XR_TEST_RUNTIME_LIB, and looking these functions
 * up with dlsym(); SomaXrt below does exactly that. The functions take one
 * mutex, so they may be called from any thread, but soma_xrt_reset() only
 * belongs between tests.
 *
 * Plain C, so it can be included from C and C++ alike.
 */
#ifndef SOMA_XRT_H
#define SOMA_XRT_H

#if defined(SOMA_XRT_BUILDING_RUNTIME)
#define SOMA_XRT_API __attribute__((visibility("default")))
#else
#define SOMA_XRT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Back to the defaults (head pose, IPD, view size, field of view, focus);
 * forgets the last images, the frame counter and the violations. Objects the
 * application still holds stay valid. */
SOMA_XRT_API void soma_xrt_reset(void);

/* Head pose in LOCAL (= STAGE) space. Default: identity at (0, 1.2, 0).
 * The quaternion is normalised. */
SOMA_XRT_API void soma_xrt_set_head_pose(const float orientation_xyzw[4], const float position[3]);
/* Distance between the eyes in metres (default 0.063). */
SOMA_XRT_API void soma_xrt_set_ipd(float metres);
/* recommendedImageRectWidth/Height of both views (default 96 x 96). */
SOMA_XRT_API void soma_xrt_set_recommended_size(int width, int height);
/* Field of view of both eyes in radians, angleLeft/Right/Up/Down as OpenXR
 * signs them (default -pi/4, pi/4, pi/4, -pi/4). */
SOMA_XRT_API void soma_xrt_set_fov(float left, float right, float up, float down);

/* FOCUSED -> VISIBLE at once (the event is read by the next xrPollEvent), and
 * the session does not become FOCUSED again until soma_xrt_regain_focus. */
SOMA_XRT_API void soma_xrt_lose_focus(void);
/* VISIBLE -> FOCUSED (or lets the normal progression reach FOCUSED). */
SOMA_XRT_API void soma_xrt_regain_focus(void);
/* The runtime wants the application to quit: a running session goes down to
 * STOPPING; after xrEndSession it goes IDLE then EXITING. A session that is
 * not running goes to EXITING. */
SOMA_XRT_API void soma_xrt_request_exit(void);
/* The live session goes to LOSS_PENDING; from then on every call on it (or
 * its swapchains, spaces) returns XR_ERROR_SESSION_LOST, except destroying. */
SOMA_XRT_API void soma_xrt_lose_session(void);
/* The boolean action(s) bound to inputPath in the current interaction profile
 * read currentState true (changedSinceLastSync true) at the next focused
 * xrSyncActions, false again at the one after. */
SOMA_XRT_API void soma_xrt_press(const char* inputPath);

/* xrEndFrame calls that succeeded with at least one projection layer. */
SOMA_XRT_API int soma_xrt_frames_submitted(void);
/* XrSessionState of the most recently created live session, 0 if none. */
SOMA_XRT_API int soma_xrt_state(void);
/* The image of eye 0 (left) or 1 (right) in the last submitted projection
 * layer: RGBA8, rows top first, the view's imageRect only. Sets *width and
 * *height (when not NULL) whenever there is an image. Returns 0 if there is
 * none, 1 if there is one (copied when rgba is not NULL), -1 if rgba is not
 * NULL and capacityBytes is under width * height * 4 (nothing copied). */
SOMA_XRT_API int soma_xrt_last_image(int eye, unsigned char* rgba, int capacityBytes, int* width, int* height);
/* Pose and fov (angleLeft, angleRight, angleUp, angleDown) of that view, as
 * the application submitted them, in the layer's space. Returns 1 if there
 * is one, else 0. Any pointer may be NULL. */
SOMA_XRT_API int soma_xrt_last_view(int eye, float orientation_xyzw[4], float position[3], float fov_lrud[4]);
/* XrReferenceSpaceType of the last submitted projection layer's space
 * (VIEW 1, LOCAL 2, STAGE 3), -1 for an action space, 0 if none. */
SOMA_XRT_API int soma_xrt_last_layer_space(void);

/* Wrong calls seen since the last reset, and the text of the latest one
 * ("xrBeginFrame: ..."), "" if none. The pointer is valid until the next
 * call of any soma_xrt_ function. */
SOMA_XRT_API int soma_xrt_violation_count(void);
SOMA_XRT_API const char* soma_xrt_last_violation(void);

/* Instances, sessions, swapchains, spaces, action sets and actions not yet
 * destroyed (explicitly or with their parent). */
SOMA_XRT_API int soma_xrt_live_objects(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#ifdef __cplusplus
#include <dlfcn.h>

#include <type_traits>

/* Binds every control function of the runtime loaded from `libraryPath`
 * (the same path as the manifest's library_path, so the same loaded copy the
 * loader uses). ok() is false, and error() says why, when anything is missing.
 * The library stays loaded while this object lives. */
struct SomaXrt {
    void* handle = nullptr;
    const char* why = nullptr;
    decltype(&soma_xrt_reset) reset = nullptr;
    decltype(&soma_xrt_set_head_pose) set_head_pose = nullptr;
    decltype(&soma_xrt_set_ipd) set_ipd = nullptr;
    decltype(&soma_xrt_set_recommended_size) set_recommended_size = nullptr;
    decltype(&soma_xrt_set_fov) set_fov = nullptr;
    decltype(&soma_xrt_lose_focus) lose_focus = nullptr;
    decltype(&soma_xrt_regain_focus) regain_focus = nullptr;
    decltype(&soma_xrt_request_exit) request_exit = nullptr;
    decltype(&soma_xrt_lose_session) lose_session = nullptr;
    decltype(&soma_xrt_press) press = nullptr;
    decltype(&soma_xrt_frames_submitted) frames_submitted = nullptr;
    decltype(&soma_xrt_state) state = nullptr;
    decltype(&soma_xrt_last_image) last_image = nullptr;
    decltype(&soma_xrt_last_view) last_view = nullptr;
    decltype(&soma_xrt_last_layer_space) last_layer_space = nullptr;
    decltype(&soma_xrt_violation_count) violation_count = nullptr;
    decltype(&soma_xrt_last_violation) last_violation = nullptr;
    decltype(&soma_xrt_live_objects) live_objects = nullptr;

    explicit SomaXrt(const char* libraryPath) {
        handle = dlopen(libraryPath, RTLD_NOW);
        if (!handle) {
            why = dlerror();
            return;
        }
        bool all = true;
        auto bind = [&](auto& fn, const char* name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(handle, name));
            if (!fn) all = false;
        };
        bind(reset, "soma_xrt_reset");
        bind(set_head_pose, "soma_xrt_set_head_pose");
        bind(set_ipd, "soma_xrt_set_ipd");
        bind(set_recommended_size, "soma_xrt_set_recommended_size");
        bind(set_fov, "soma_xrt_set_fov");
        bind(lose_focus, "soma_xrt_lose_focus");
        bind(regain_focus, "soma_xrt_regain_focus");
        bind(request_exit, "soma_xrt_request_exit");
        bind(lose_session, "soma_xrt_lose_session");
        bind(press, "soma_xrt_press");
        bind(frames_submitted, "soma_xrt_frames_submitted");
        bind(state, "soma_xrt_state");
        bind(last_image, "soma_xrt_last_image");
        bind(last_view, "soma_xrt_last_view");
        bind(last_layer_space, "soma_xrt_last_layer_space");
        bind(violation_count, "soma_xrt_violation_count");
        bind(last_violation, "soma_xrt_last_violation");
        bind(live_objects, "soma_xrt_live_objects");
        if (!all) why = "a soma_xrt_ function is missing from the runtime library";
    }
    ~SomaXrt() {
        if (handle) dlclose(handle);
    }
    SomaXrt(const SomaXrt&) = delete;
    SomaXrt& operator=(const SomaXrt&) = delete;

    bool ok() const { return handle && !why; }
    const char* error() const { return why ? why : ""; }
};
#endif /* __cplusplus */

#endif /* SOMA_XRT_H */
