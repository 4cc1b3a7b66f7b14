// ui/RecordScreen: the therapist records their own voice for an exercise
// (from therapist mode). Which exercise, language and length; then one text
// at a time: the words to read, the words the figure lights up on stronger,
// whether it is recorded, a level meter while recording, and once saved
// the moments the figure lights up, each one to choose, move and hear,
// with the figure beside it lit where the chosen moment lights it.
//
// Ids: "rec:ex:prev", "rec:ex:next" (the exercise), "rec:lang:<nl|en>", "rec:len:<short|long>",
//      "rec:record" (start, or stop and save), "rec:listen", "rec:prev",
//      "rec:next", "rec:mark:<name>", "rec:nudge:<-50|-10|10|50>" (ms),
//      "rec:hear", "back".
// Depends on ui/Screen. Must never capture, play or save anything: the
// owner (live/VoiceRecorder) does, and hands in what is shown.
#pragma once

#include "ui/Screen.h"

#include <optional>
#include <string>
#include <vector>

namespace soma::ui {

struct RecordWord {
    std::string text;
    bool lights = false; // the figure lights up on this word
};
struct RecordMoment {
    std::string name;  // the mark
    std::string label; // the word it lies on, and the region in the language
    double sec = 0;    // in the recording
};
struct RecordState {
    std::string lang;
    std::vector<std::pair<std::string, std::string>> exercises; // id, title
    std::string exercise, voiceLang = "nl", variant = "short";
    int index = 0, count = 0;     // the text shown, of how many
    std::vector<RecordWord> words; // its words as written
    std::string status;            // recorded or not, in words
    bool recorded = false;         // a saved take to listen to and moments to move
    bool recording = false, saving = false;
    bool canRecord = true;         // a microphone is there
    double seconds = 0;            // recorded so far
    float peakDb = -120;           // the meter, while recording
    bool clipped = false;
    std::vector<RecordMoment> moments;
    std::string chosen;                 // the chosen moment's mark
    const Picture* figure = nullptr;    // drawn at recordFigureRect's size
    std::string message;                // saved, not saved, too loud, ...
};
OverlayRect recordFigureRect(int width, int height);
Screen layoutRecord(const RecordState& state, int width, int height, const TextRenderer& fonts);

} // namespace soma::ui
