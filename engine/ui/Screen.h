// ui/Screen: the program's screens (home, settings, and those the
// therapist and kiosk modes add) as data: widgets with rectangles, text
// already broken into lines and placed, and which widget has the focus.
//
// A screen is laid out once per change (not per frame) by the function that
// knows it (ui/HomeScreen, ui/SettingsScreen), drawn by drawScreen() through
// render/Painter, and navigated by the person: a point (mouse, touch) hits
// a widget, arrows (keys, gamepad) move the focus to the nearest widget
// that way. Sizes follow the screen height (screenMetrics): every target at
// least 48 px, body text at least 2.5% of the height.
//
// Depends on render/Painter (drawing, text measure). Must never decide what
// a widget does (its owner acts on its id) nor animate by itself: the same
// Screen gives the same pixels.
#pragma once

#include "render/Painter.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soma::ui {

// How a line of text reads: its size and colour come from the role.
enum class Tone { Normal, Dim, Strong, OnPrimary };

struct TextLine {
    std::string text;
    float x = 0, baseline = 0, px = 0;
    Tone tone = Tone::Normal;
    bool cut = false; // the text did not fit and ends in '…' (layout tests look for it)
};

enum class Look {
    Card,    // an exercise: picture and words, chosen or not
    Button,  // a quiet rounded button
    Primary, // the one thing to do next (Start)
    Choice,  // one of a few options side by side (language, length)
    Row,     // a setting: its name and value
    Panel,   // a backdrop that is not a target
    BarBefore, // a chart's bar: the tension before a session (cool)
    BarAfter,  // ... and after it (warm)
    Rule,      // a chart's thin guide line
    Field,     // a place to type (a name, a note, a passphrase); caretX shows where
    Swatch,    // a patch of one colour (a legend's), `colour`
};

struct Widget {
    Widget() = default;
    Widget(std::string id, Look look) : id(std::move(id)), look(look) {}
    std::string id; // what its owner acts on: "card:body-scan", "start", "setting:captions"
    Look look = Look::Button;
    OverlayRect rect;
    bool selected = false;  // the chosen card, language or length
    bool focusable = true;
    bool pointOnly = false; // a finger's target the focus skips (a row's − and +)
    const Picture* picture = nullptr; // drawn in pictureRect
    OverlayRect pictureRect;
    std::vector<TextLine> lines; // the widget's words, placed
    float caretX = -1;           // Field: where the next letter goes, when it has the focus
    glm::vec4 colour{0.0f};      // Swatch: its colour
};

struct Screen {
    int width = 0, height = 0;
    std::vector<Widget> widgets; // drawn in order
    std::vector<TextLine> lines; // words outside any widget
    std::string focus;           // the focused widget's id; empty: none
    bool highContrast = false;

    const Widget* find(std::string_view id) const;
    // The widget under a point (focusable or pointOnly), in target pixels.
    const Widget* at(float x, float y) const;
};

// Sizes for a screen of this height, in pixels.
struct Metrics {
    float unit = 1;      // 1 at 720 lines
    float bodyPx = 20;   // at least 2.5% of the height
    float titlePx = 27;  // card titles, buttons
    float headingPx = 36;
    float target = 56;   // the smallest side of anything to press, at least 48
    float margin = 24;
    float gap = 16;
};
Metrics screenMetrics(int width, int height);

enum class Move { Up, Down, Left, Right };
// The focusable widget nearest `from` in that direction (a widget that lies
// mostly that way, the nearest along the move first, then the least off to
// the side); `from` itself when there is none. An unknown `from` gives the
// first focusable widget.
std::string moveFocus(const Screen& screen, std::string_view from, Move move);

// Breaks `text` into lines no wider than maxW (at most maxLines; the last
// ends in '…' only when even that is not enough) and places them from
// `top` down, each starting at x (or centred in maxW). Returns the y below
// the last line.
enum class Align { Left, Centre };
float placeText(std::vector<TextLine>& out, const TextRenderer& fonts, std::string_view text, float x, float top, float maxW,
                float px, int maxLines, Tone tone, Align align = Align::Left);

// The words of a button, centred in it (one line; the layout gives the
// button room for them).
void centreLabel(Widget& widget, const TextRenderer& fonts, const std::string& label, float px, Tone tone);

// A button just wide enough for its words at px, at least a square target.
float buttonWidth(const TextRenderer& fonts, const std::string& label, float px, const Metrics& m);

// A text field: `shown` (the text, or dots for a passphrase) on one line,
// its end kept in view; `hint` in a dim tone while it is empty.
Widget textField(std::string id, const OverlayRect& rect, const TextRenderer& fonts, const std::string& shown, const std::string& hint,
                 float px);

// A heading on the left of a header row of height h at top.
void placeHeading(Screen& screen, const TextRenderer& fonts, const std::string& text, float x, float top, float h, float maxW, float px);

// Draws the screen over a plain calm background.
void drawScreen(Painter& painter, const RenderTarget& target, const Screen& screen);
// The background's colour over what drawScreen drew, `amount` (0..1) of
// it: a screen fading in from the calm dark (its caller eases it, slowly).
void drawVeil(Painter& painter, const RenderTarget& target, const Screen& screen, float amount);

// A button in a screen's header row, placed right to left from `right`
// (its words at the body size, or the title size for Look::Primary);
// returns its left edge.
float headerButton(Screen& screen, const TextRenderer& fonts, const Metrics& m, std::string id, Look look, const std::string& label,
                   float right, float top);

} // namespace soma::ui
