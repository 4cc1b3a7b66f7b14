// render/Overlay: the calm 2D layer over a frame: a caption (up to two
// lines, centred near the bottom), a status line, a paused indicator,
// large rounded touch buttons, a small panel of rows under them (the
// session's sound levels, each with its own buttons), and the closing
// words at the end of a session with a dark veil for its last moment.
// Plain struct in, pixels out: the caller says what to show, the overlay
// decides how it looks and where the pixels go.
//
// Coordinates are pixels of the render target, origin top-left, y down (the
// way SDL reports mouse and touch positions once scaled to the drawable).
// Depends on render/Painter. Must never decide what is shown
// (the session does) nor animate by itself: the same OverlayState always
// gives the same pixels, so nothing can flash.
#pragma once

#include "core/Result.h"
#include "render/Painter.h"
#include "render/RenderTarget.h"
#include "render/TextRenderer.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soma {

struct OverlayButton {
    std::string id;     // what the caller acts on: "back", "pause", "stop", "grounding"
    std::string label;  // what the person reads (UTF-8): "Pauze", "Stoppen", "Rustig afronden"
    OverlayRect rect;   // pixels; layoutButtons() gives sensible large ones
    bool enabled = true;
    bool active = false; // drawn as held down: what it opens is open
};

// One row of a panel: a label on the left, then a button, a value and a
// button ("Stem  –  70%  +"). The rectangles are the room each text has.
struct OverlayPanelRow {
    std::string label;      // "Stem"
    std::string value;      // "70%"
    OverlayRect labelRect;  // the label starts at its left, centred up and down
    OverlayRect valueRect;  // the value is centred in it
};

// A small panel under the buttons (layoutPanel() places it): its rows and
// their buttons, drawn as the other buttons are.
struct OverlayPanel {
    OverlayRect rect;                   // its backdrop; empty: no panel
    std::vector<OverlayPanelRow> rows;
    std::vector<OverlayButton> buttons; // each row's two, in row order
    bool open = false;     // its buttons answer a tap (Overlay::hit); fading out, it is drawn but closed
    float opacity = 0.0f;  // 0..1, on top of the overlay's; the caller eases it
};

struct OverlayState {
    std::string caption; // UTF-8; '\n' separates the (at most two) lines; longer text wraps to two lines
    std::string status;  // one line near the top, e.g. "Stil: geen geluidsapparaat, ondertitels staan aan"
    bool paused = false; // shows a quiet "paused" mark in the middle
    std::string pausedLabel = "Gepauzeerd"; // its text (the session picks the language)
    std::vector<OverlayButton> buttons;
    float opacity = 1.0f; // 0..1 for the whole overlay; the caller eases it (slow fades, never blinks)
    float captionScale = 1.0f; // the person's caption size: 0.8 small, 1 medium, 1.3 large
    float progress = -1.0f;    // 0..1: a thin line along the top edge; < 0: none
    std::string timeLeft;      // beside it, under the buttons: "nog 4 min"
    bool highContrast = false; // near-opaque backdrops, pure white text, clear button outlines
    // The end of a session: its closing words, centred in the lower part of
    // the screen above the button closingButton() places (up to three lines).
    std::string closing;
    // 0..1: a dark veil over the whole picture, under everything else and
    // apart from `opacity` (the caller eases it: the very end fading out).
    float veil = 0.0f;
    OverlayPanel panel; // drawn over the rest, under nothing
};

// Large touch buttons (at least 56 px high, more on large targets) in a row
// along the top-right corner, clear of the caption at the bottom and the
// status line at the top left. When one row does not fit the target, two
// rows, right-aligned, the first ids on top, split where the two are most
// even; only a row that still does not fit is squeezed (and its labels may
// then leave their buttons: the layout tests catch that). `ids` and
// `labels` must be the same length.
std::vector<OverlayButton> layoutButtons(int targetWidth, int targetHeight, const std::vector<std::string>& ids,
                                         const std::vector<std::string>& labels);

// What one panel row shows and the ids and labels of its two buttons.
struct PanelRowDesc {
    std::string label, value;
    std::string downId, downLabel; // the left button ("–")
    std::string upId, upLabel;     // the right button ("+")
};
// A panel at the right edge, under `buttons` and the line of time left
// below them (so nothing there moves when it opens), its rows' buttons as
// large as `buttons`; on a target too small for that, over the time left
// rather than off the screen. The value column fits `widestValue` ("100%").
OverlayPanel layoutPanel(int targetWidth, int targetHeight, const std::vector<OverlayButton>& buttons,
                         const std::vector<PanelRowDesc>& rows, const std::string& widestValue);

// The closing screen's one large button, centred near the bottom, clear
// of the closing words above it.
OverlayButton closingButton(int targetWidth, int targetHeight, const std::string& id, const std::string& label);

class Overlay {
public:
    // Needs a current GL context; finds the font through paths::findFont().
    static Result<std::unique_ptr<Overlay>> create();

    // Draws over whatever the target holds (call after Renderer::draw).
    void draw(const RenderTarget& target, const OverlayState& state);
    // The words alone, large, for a panel standing in a headset's world
    // (render/WorldPanel): the status line small at the top, the caption
    // (or the paused mark) in up to two lines under it, centred; the target
    // is the whole panel, cleared to its ground first.
    void drawPanel(const RenderTarget& target, const OverlayState& state);

    // The index of the enabled button under (x, y), in target pixels.
    static std::optional<int> buttonAt(const OverlayState& state, float x, float y);
    // The enabled button under (x, y), the open panel's first (it is on
    // top); null when there is none. Points into `state`.
    static const OverlayButton* hit(const OverlayState& state, float x, float y);

    // The rectangle the caption's backdrop covers for this state and target
    // size (empty when there is no caption); for tests and layout.
    OverlayRect captionRect(int targetWidth, int targetHeight, const OverlayState& state);
    // The same for the closing words (empty when there are none).
    OverlayRect closingRect(int targetWidth, int targetHeight, const OverlayState& state);

    TextRenderer& text() { return mPainter->fonts(); }

private:
    Overlay() = default;
    std::unique_ptr<Painter> mPainter;
};

} // namespace soma
