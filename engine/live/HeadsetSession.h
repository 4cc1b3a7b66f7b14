// live/HeadsetSession: a LiveSession shown in a VR headset (xr/Headset).
// The window goes on showing the session as before (a mirror for whoever
// sits beside the person, whose keys and clicks still work); the headset
// gets the same moment, for both eyes, in a calm room:
//
// - the figure stands (or sits, or lies) at a comfortable distance in front
//   of a seated or reclining person, its feet on a floor under them; the
//   world is fixed in the runtime's LOCAL space, so the horizon never tilts
//   and nothing moves the person (no locomotion);
// - the picture fades in from black at the start and out to black at the
//   end, slowly;
// - the head's turn turns the listener, so the narrator's voice stays where
//   it is in the room (with HRTF on headphones);
// - the captions and the paused mark stand on a panel at reading distance,
//   below the figure; it follows the gaze slowly (with reduced motion it
//   stays where it is);
// - select (a controller's trigger or select button) pauses and resumes;
//   the menu button eases out; focus lost (the headset taken off, the
//   runtime's menu over Soma) pauses, and only the person resumes; the
//   session begins only once the runtime first shows its frames;
// - the runtime asking to stop ends the session softly (a pause, its log
//   closed), and a lost session ends it the same way: never a crash.
//
// Depends on live/LiveSession, xr/Headset, render/. Time for the fades is
// the runtime's display time, so they run at the headset's pace.
#pragma once

#include "core/Result.h"
#include "live/LiveSession.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "render/View.h"
#include "xr/Headset.h"

#include <glm/mat4x4.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace soma {

struct HeadsetSessionDesc {
    bool reducedMotion = false;
    // Where the figure's floor is, seen from the head's place at the start
    // (LOCAL space); nullopt: figurePlacement() for the session's first pose.
    std::optional<glm::vec3> figureAt;
};

// Where a figure starting in `pose` is placed for a person sitting or
// reclining with a headset (LOCAL space, the head at the origin looking
// along -z): standing or seated, 2.2 m ahead on a floor 1.2 m below the
// eyes, as someone across a room; lying, 1.9 m ahead on a surface 0.75 m
// below, as someone on a low bed in front of you, seen along the body.
// Chosen once: the figure never moves while the session runs.
glm::vec3 figurePlacement(const std::string& pose);

// The figure's world (body/Figure space) seen from one eye of the headset,
// drawn at `x` in a target `width` x `height`.
View headsetEyeView(const EyeView& eye, const glm::vec3& figureAt, int x, int width, int height);
// A head orientation in the LOCAL space (-z ahead) as the client's space of
// live/NarratorSpace has it (+z ahead, +x the person's left).
glm::quat headInClientSpace(const glm::quat& localHead);

class HeadsetSession {
public:
    // `live` and `headset` outlive it; the GL context is current.
    static Result<std::unique_ptr<HeadsetSession>> create(LiveSession& live, Headset& headset, const HeadsetSessionDesc& desc = {});
    ~HeadsetSession();

    // One turn of the loop: the runtime's events, the live session's frame
    // (in the window) and, while the headset runs, its frame.
    Status step();
    // Over: the session has ended and the runtime has let it go (or lost it).
    bool done() const { return mDone; }
    // Frames submitted with the scene in them.
    int framesShown() const { return mFramesShown; }
    // How dark the headset's picture is now, 0..1 (the fades).
    float veil() const { return mVeil; }

private:
    HeadsetSession() = default;
    Status drawFrame(const HeadsetFrame& f, double dt);

    struct Parts;
    std::unique_ptr<Parts> mParts;
    LiveSession* mLive = nullptr;
    Headset* mHeadset = nullptr;
    bool mReducedMotion = false;
    glm::vec3 mFigureAt{0.0f};
    bool mDone = false;
    bool mWasFocused = false;
    bool mLiveStopped = false;
    bool mExitAsked = false;
    bool mWaitingToBeSeen = false; // paused until the runtime first shows the frames
    int mFramesShown = 0;
    std::int64_t mLastTime = 0;
    double mFadeIn = 0.0;    // 0..1 from black at the start
    double mFadeOut = -1.0;  // 0..1 to black at the end; < 0 not yet
    float mVeil = 1.0f;
    float mPanelYaw = 0.0f;  // radians about +y, LOCAL space
    float mPanelOpacity = 0.0f;
};

} // namespace soma
