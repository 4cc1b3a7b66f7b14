// ui/TherapistScreens: the therapist's screens. Unlocking the practice's
// client records with its passphrase (or choosing one, the first time);
// the clients and, beside the chosen one, their tension maps by date;
// and marking a map on the figure: turn it, choose the skin or the inner
// layer, tap a region, rate it 0 to 10 with a note, the figure lit as a
// heat map with its legend as you go.
//
// Ids:
//   unlock:  "current" (changing it), "passphrase", "repeat" (choosing one),
//            "open", "back"
//   clients: "name" (a new client's name or code), "add", "client:<id>",
//            "page:prev", "page:next", "new_map", "compare", "map:<n>", "change_passphrase",
//            "session:<exercise>" (made from the latest map), "report", "take",
//            "checkins", "export", "erase" (asked twice), "lock"
//   mark:    "figure" (a tap picks, a drag turns; focused, the arrows point
//            and Enter picks), "pose:<id>",
//            "view:front", "view:back", "layer:skin", "layer:inner",
//            "rate:<0-10>", "note", "clear", "save", "back"
//   compare: "figure:left", "figure:right" (pictures), "left:prev",
//            "left:next", "right:prev", "right:next", "view:front",
//            "view:back", "region:<id>" (the chart's region), "back"
//   take:    "take:ex:<exercise>", "take:len:short", "take:len:long",
//            "take:form:video", "take:form:audio", "take:go", "back"
// Depends on ui/Screen, catalog/ and model/ (the colour scale). Must never
// hold a passphrase or a record: the owner (live/Therapist) keeps them and
// hands in only what is shown.
#pragma once

#include "ui/Screen.h"

#include <optional>
#include <string>
#include <vector>

namespace soma::ui {

struct UnlockState {
    std::string lang;
    bool create = false;              // no records yet: choose a passphrase, typed twice
    bool change = false;              // a new passphrase for open records: the current one, then the new one twice
    size_t current = 0;               // characters of the current one typed (change)
    size_t typed = 0, repeated = 0;   // characters typed (shown as dots, never the letters)
    std::string message;              // what went wrong, kindly; empty: none
};
Screen layoutUnlock(const UnlockState& state, int width, int height, const TextRenderer& fonts);

struct ClientItem {
    std::string id, name;
    std::string detail;   // "3 maps, last 7 Dec", in the language
    bool damaged = false; // its record did not open: said, never hidden
};
struct MapItem {
    std::string title;  // its date, "7 Dec 2026, 10:15"
    std::string detail; // "5 regions, highest 7"
};
struct ClientsState {
    std::string lang;
    std::vector<ClientItem> clients; // in the order shown
    std::string chosen;              // a client id; empty: none
    std::vector<MapItem> maps;       // the chosen client's, newest first
    std::string newName;             // being typed
    std::vector<std::pair<std::string, std::string>> sessions; // personal sessions from the latest map: exercise id, title
    bool report = false;             // a report can be made
    bool checkIns = false;           // the client has check-ins to show
    bool eraseAsked = false;         // Erase was chosen once: the next one erases
    std::string message;
    int page = 0; // of the client list, when it is longer than the screen
};
// Compare is offered once the chosen client has two maps.
// How many clients one page shows at this size (the owner pages with it).
int clientsPerPage(int width, int height);
Screen layoutClients(const ClientsState& state, int width, int height, const TextRenderer& fonts);

struct MarkedItem {
    std::string name; // in the language, with its side
    int rating = 0;
};
struct MarkState {
    std::string lang;
    std::string title;                // the client and the map's date
    const Picture* figure = nullptr;  // drawn by the owner at the size of the "figure" widget
    std::vector<std::string> poses;   // the choices, pose ids
    std::string pose, view = "front", layer = "skin";
    std::string regionName;           // the region tapped; empty: none yet
    std::optional<int> rating;        // its rating, once given
    std::string note;                 // its note
    std::vector<MarkedItem> marked;   // every rated region, highest first
    std::string message;              // "not saved yet", a problem
    bool changed = false;             // something not yet saved
    // Keys and the gamepad point with a cross on the figure while it has
    // the focus: where a pick lands, as shares of the figure's width and
    // height.
    float cursorX = 0.5f, cursorY = 0.35f;
    bool figureFocused = false;
};
// Where the figure goes on this screen (the owner draws it that size
// before the layout places it).
OverlayRect markFigureRect(int width, int height);
Screen layoutMark(const MarkState& state, int width, int height, const TextRenderer& fonts);

// Two maps side by side and one region over time.
struct CompareSide {
    std::string date;                // the map's date, for people
    const Picture* figure = nullptr; // its heat map, drawn at compareFigureRect's size
    bool earlier = false, later = false; // another map that way
};
struct CompareChange {
    std::string name;                 // the region, in the language
    std::optional<int> before, after; // its rating in the left and the right map
};
struct CompareBar {
    std::string label;         // the map's date, short ("7 dec")
    std::optional<int> rating; // none: not rated in that map
    bool shown = false;        // one of the two maps side by side
};
struct CompareState {
    std::string lang;
    std::string title;
    CompareSide left, right;
    std::string view = "front";
    std::vector<std::pair<std::string, std::string>> regions; // the chart's choices: id, name
    std::string region;                                       // the chosen one
    std::vector<CompareBar> bars;                             // its ratings, oldest first
    std::vector<CompareChange> changes;                       // between left and right, biggest first
};
OverlayRect compareFigureRect(int width, int height, bool right);

// A session made from the latest map, exported for the client to take
// home: which exercise, how long, as a video or as sound, and a bar while
// it is being made.
struct TakeState {
    std::string lang;
    std::string title;
    std::vector<std::pair<std::string, std::string>> exercises; // id, title
    std::string exercise, variant = "short", form = "video";
    std::optional<double> progress; // 0..1 while it is being made
    std::string message;            // where it went, or what went wrong
};
Screen layoutTake(const TakeState& state, int width, int height, const TextRenderer& fonts);
Screen layoutCompare(const CompareState& state, int width, int height, const TextRenderer& fonts);

} // namespace soma::ui
