// live/Therapist: therapist mode, behind the home screen's Therapist
// button and `soma therapist`. The practice's client records are opened
// with its passphrase (records/Practice); the therapist chooses or adds a
// client, sees their tension maps by date, and marks a map on the figure:
// turning it with a drag, the wheel, a pinch or the right stick, front or
// behind, skin or inner layer; a tap picks the region under the finger
// (render/Picking), a number rates it, a note may go with it, and the
// figure glows with every rating in the one colour scale as it goes.
//
// Screens are ui/TherapistScreens, drawn by the Shell like every other.
// Depends on records/, render/ and ui/. Must never keep the passphrase
// after the records are open, never write anything of a client outside the
// encrypted records, and never keep the records open once the therapist
// leaves: leaving locks them.
#pragma once

#include "live/CheckIns.h"
#include "live/SessionLoad.h"
#include "live/VoiceRecorder.h"
#include "model/BodyState.h"
#include "model/RegionAtlas.h"
#include "records/Practice.h"
#include "records/Sealed.h"
#include "render/Image.h"
#include "render/Painter.h"
#include "render/Renderer.h"
#include "ui/Input.h"
#include "ui/TherapistScreens.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace soma {

struct TherapistDesc {
    std::filesystem::path practiceDir; // empty: Practice::defaultFolder()
    std::string lang = "en";
    KdfCost kdf;                       // how hard a passphrase is stretched (tests lower it)
    std::function<std::string()> now;  // the local time a new map is dated; empty: localTimeNow()
    // The exercises a client's map can become (id, title in lang), offered
    // on the clients screen: pendulation, the personal scan.
    std::vector<std::pair<std::string, std::string>> personalSessions;
    std::filesystem::path exportDir;   // where a readable export or a report goes; empty: paths::documentsDir()
    std::map<std::string, std::string> exerciseTitles; // every exercise's title in lang (a report's sessions)
    std::filesystem::path soma;        // the program a take-home export runs; empty: the soma beside this one
    // Recording the therapist's own voice (the Own voice screen): the
    // program's audio engine plays a take back (null: silent), the
    // microphone, and where recordings go (empty: userRecordingsDir()).
    std::function<AudioEngine*()> audio;
    CaptureDesc capture;
    std::filesystem::path recordings;
};

// A session the therapist began for a client: the Shell plays it and
// hands its answers and log back (Therapist::sessionEnded).
struct ClientSessionRequest {
    SessionChoice choice;
    std::string clientId;
};

class Therapist {
public:
    Therapist(Renderer& renderer, TherapistDesc desc);
    ~Therapist();

    enum class Page { Unlock, Clients, Mark, Compare, Take, CheckIns, Passphrase, Record };
    Page page() const { return mPage; }

    // The screen to show now, at this size; draws the figure first when
    // what it shows changed.
    ui::Screen layout(int width, int height, const TextRenderer& fonts, const std::string& focus = {});
    // What the person did on `shown` (the screen last drawn). `focus` is
    // the focused widget's id, moved here. False once they left therapist
    // mode: the records are locked then.
    bool act(const ui::Input& input, const ui::Screen& shown, std::string& focus);
    // The focus a page opens with.
    std::string firstFocus() const;

    // A session asked for on the last act(), once.
    std::optional<ClientSessionRequest> takeSessionRequest();
    // The client's session ended: its check-ins and its log (read from
    // `answers.log`, then deleted) go into the client's record.
    void sessionEnded(const CheckIn& answers);

    // For tests and the report: the client open now and the map being marked.
    const ClientRecord* client() const { return mRecord ? &*mRecord : nullptr; }
    const TensionMap& markedMap() const { return mMap; }
    std::pair<int, int> compared() const { return {mLeft, mRight}; } // the maps side by side, oldest 0
    const BodyState& figureState() const { return mState; }
    bool unlocked() const { return mPractice.has_value(); }
    // A take-home export is being made: the screen changes on its own (its bar).
    bool busy() const;
    // The export moved on (or ended) since the screen last showed it: worth drawing again.
    bool takeMoved() const;
    // Where the last take-home export went (empty: none yet, or it failed).
    std::filesystem::path takenTo() const;
    // The region a tap at (x, y) of `shown` would pick now (the layer
    // chosen), without picking it: for tests and for placing labels.
    std::optional<std::string> regionAt(float x, float y, const ui::Screen& shown);
    const std::string& chosenRegion() const { return mRegion; }
    float yawDeg() const { return mYawDeg; }
    float zoom() const { return mZoom; }
    void setClock(std::function<std::string()> now) { mDesc.now = std::move(now); }
    // Once a frame: the recording screen's microphone and saving. True when
    // the screen changed on its own and is worth laying out again.
    bool update();
    // The recording screen's state, while it is open (for tests).
    const VoiceRecorder* recorder() const { return mRecorder.get(); }

private:
    void activate(const std::string& id, std::string& focus);
    void type(const std::string& field, const std::string& text, bool erase);
    void unlock(std::string& focus);
    void changePassphrase(std::string& focus);
    void forgetTyped(); // the passphrases typed, wiped
    void refreshClients();
    void chooseClient(std::string id);
    void openMap(int index); // -1: a new one
    void saveMap(std::string& focus);
    void pick(float x, float y, const ui::Screen& shown);
    std::optional<int> hitAt(float x, float y, const ui::Screen& shown);
    void rate(int value);
    void lightFigure();
    void drawFigure(int width, int height);
    void openCompare();
    Picture drawHeatMap(const TensionMap& map, int width, int height);
    Image heatImage(const TensionMap& map, const std::string& pose, bool behind, int width, int height);
    void writeReports();
    void startTake();
    void collectTake();
    ui::CompareState compareState();
    std::optional<View> figureView(int width, int height);
    std::string& field(const std::string& id);

    Renderer& mRenderer;
    TherapistDesc mDesc;
    Page mPage = Page::Unlock;
    std::optional<Practice> mPractice;
    std::string mPass, mRepeat, mCurrent; // wiped once used
    std::string mMessage;

    // Clients.
    std::vector<ClientEntry> mClients;
    std::string mChosen, mNewName;
    std::optional<ClientRecord> mRecord;
    int mClientPage = 0;
    bool mEraseAsked = false;
    std::optional<ClientSessionRequest> mRequest;

    // Taking a session home: exported by a child `soma export` on a thread.
    struct Take;
    std::shared_ptr<Take> mTake; // shared with its thread, which may outlive therapist mode
    std::string mTakeExercise, mTakeVariant = "short", mTakeForm = "video";
    std::filesystem::path mTakenTo;
    int mShownHundredths = -1; // the bar as last laid out
    std::string mHistoryChosen; // the exercise whose check-ins are shown

    // Marking.
    int mMapIndex = -1;
    std::string mMapWhen;
    TensionMap mMap;
    std::string mRegion;   // the region tapped last, atlas id
    std::string mNote;     // its note, as typed
    bool mChanged = false, mLeaveAsked = false;
    BodyState mState;
    std::string mView = "front", mLayer = "skin";
    float mYawDeg = 0, mPitchDeg = 0, mZoom = 1;
    Picture mFigure;
    bool mFigureStale = true;

    // Comparing: two of the client's maps (indices, oldest 0) and a region over time.
    int mLeft = 0, mRight = 0;
    std::string mChartRegion;
    Picture mLeftPicture, mRightPicture;
    bool mCompareStale = true;
    std::optional<glm::vec2> mPress; // where a press on the figure began
    float mDragged = 0;              // how far it moved since, in pixels
    bool mPointerDown = false;       // a button or finger is down (anywhere)
    float mCursorX = 0.5f, mCursorY = 0.35f; // keys and the gamepad point here on the figure (shares)
    bool mFigureFocused = false;             // as the screen was last laid out

    // Recording the therapist's own voice.
    std::unique_ptr<VoiceRecorder> mRecorder;
    Picture mRecordFigure;
};

} // namespace soma
