// ui/Input: what a person does, whatever they do it with. Keys (arrows,
// Enter, Esc), a gamepad (its pad and stick, A, B), a mouse and a finger
// all become the same few actions, so every screen is driven alike and a
// test sends the real SDL events a person's hands would.
//
// Depends on SDL (its events). Must never act: it only says what was asked.
#pragma once

#include <SDL.h>

#include <optional>
#include <string>

namespace soma::ui {

enum class Action {
    Up, Down, Left, Right, // move the focus, or change the focused value
    Activate,              // Enter, Space, gamepad A
    Back,                  // Esc, the Back key, gamepad B
    Point,                 // a click or a tap at (x, y)
    Quit,                  // the window's close
    Fullscreen,            // F11
    Text,                  // typed text (SDL's text input: any keyboard layout, accents composed)
    Erase,                 // Backspace: the last character of a text field, else as Back
    Drag,                  // a held mouse button or a finger moved (dx, dy); the right stick
    Zoom,                  // the wheel, a pinch, the shoulder buttons: `zoom` > 1 comes nearer
    Release,               // the button or finger lifted at (x, y)
};

struct Input {
    Input(Action action = Action::Activate, float x = 0, float y = 0) : action(action), x(x), y(y) {}
    Action action = Action::Activate;
    float x = 0, y = 0;   // Point, Release: target pixels
    float dx = 0, dy = 0; // Drag: target pixels
    float zoom = 1;       // Zoom
    std::string text;     // Text: UTF-8
};

// Turns one event into an action, or nothing. `pointScale` converts mouse
// positions from window points to drawable pixels (1 unless the screen is
// high-dpi); a finger's 0..1 position is scaled by the drawable size.
class InputReader {
public:
    std::optional<Input> read(const SDL_Event& event, int drawableW, int drawableH, float pointScale = 1.0f);

private:
    // A stick counts as a press when it crosses most of the way, and again
    // only after it came back towards the middle.
    int mStickX = 0, mStickY = 0, mLookX = 0, mLookY = 0;
};

} // namespace soma::ui
