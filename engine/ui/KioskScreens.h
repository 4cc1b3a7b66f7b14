// ui/KioskScreens: what a visitor sees at a wellness centre's kiosk. The
// attract screen (the figure breathing slowly, "touch the screen to
// begin", the languages), the exercises the centre chose as large cards
// with a button for each length, the gentle "are you still there?" before
// the kiosk starts again, and the staff's PIN pad.
//
// Ids: attract "figure" (a finger's target: begins, as a touch anywhere
// else does), "lang:<tag>"; cards "begin:<exercise>:<variant>", "lang:<tag>",
// "back"; PIN pad "digit:<0-9>", "erase", "pin-ok", "pin-cancel". The owner
// (live/Kiosk) acts on them. Depends on ui/Screen and catalog/ (the
// words). Must never keep a PIN: it sees only how many digits are typed.
#pragma once

#include "ui/HomeScreen.h"
#include "ui/Screen.h"

#include <string>
#include <vector>

namespace soma::ui {

struct KioskState {
    std::string lang;                   // the screen's language
    std::vector<std::string> languages; // the config's, in its order
    std::vector<HomeCard> cards;        // the config's exercises; variants are the lengths it allows
    const Picture* figure = nullptr;    // attract: the figure breathing, drawn anew each frame
    bool anonymousCounts = false;       // the privacy line says what is kept
    std::string preparing;              // "exercise:variant" being prepared; empty: none
    std::string message;                // a problem to say kindly; empty: none
    int pinDigits = 0;                  // PIN pad: digits typed so far
    std::string pinMessage;             // PIN pad: wrong, or wait
};

Screen layoutAttract(const KioskState& state, int width, int height, const TextRenderer& fonts);
Screen layoutKioskCards(const KioskState& state, int width, int height, const TextRenderer& fonts);
Screen layoutPinPad(const KioskState& state, int width, int height, const TextRenderer& fonts);

// The gentle warning over any of them: "are you still there?" and in how
// many seconds the kiosk starts again. Not a target: any touch answers it.
void addIdleWarning(Screen& screen, const std::string& lang, int secondsLeft, const TextRenderer& fonts);

} // namespace soma::ui
