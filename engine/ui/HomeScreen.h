// ui/HomeScreen: the first screen a person sees. One card per exercise
// (its pose, lit where it works, its title and both lengths), the chosen
// exercise told in a sentence beside them with its lengths and a Begin
// button, a language switch, and the ways to the check-in history and the
// settings.
//
// Ids of its widgets: "card:<exercise>", "length:<variant>", "start",
// "start-headset" (where a headset runtime is installed),
// "lang:<tag>", "history", "settings", "therapist". The owner (live/Shell) acts on them.
// Depends on ui/Screen and catalog/ (its words). Must never load, build or
// start anything itself.
#pragma once

#include "ui/Screen.h"

#include <map>
#include <string>
#include <vector>

namespace soma::ui {

struct HomeCard {
    std::string id;
    std::string title;   // in the screen's language
    std::string summary; // one sentence
    std::vector<std::string> variants;     // "short", "long": what the exercise offers
    std::map<std::string, double> seconds; // variant -> its real length, once it is known
    const Picture* picture = nullptr;      // its pose, drawn by the engine
};

struct HomeState {
    std::string lang;                   // the screen's language
    std::vector<std::string> languages; // the switch's choices
    std::vector<HomeCard> cards;
    std::string exercise; // the chosen card
    std::string variant = "short";
    bool preparing = false; // the chosen session is being built: Start waits
    std::string message;    // a problem to say kindly under Start; empty: none
    bool headset = false;   // an OpenXR runtime is installed: "In de headset" beside Start
};

// "6 min", rounded to whole minutes (at least 1); "…" while unknown.
std::string lengthText(const std::string& lang, const HomeCard& card, const std::string& variant);

Screen layoutHome(const HomeState& state, int width, int height, const TextRenderer& fonts);

} // namespace soma::ui
