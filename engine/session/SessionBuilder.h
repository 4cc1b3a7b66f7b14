// session/SessionBuilder: the one way a session is made, whether from a
// script exercise or by a native plugin through the C ABI.
//
// A builder collects steps in order; each step may speak narration (with
// <mark>/<break> tags), start highlights on a mark or at a time, set a breath
// pattern, a pose, a camera preset or ambience, and add quiet. build()
// synthesises the narration ahead of time (so marks have exact sample times)
// and lays everything on one timeline of absolute sample times.
//
// Depends on core/, model/ (the request) and audio/ (voice synthesis). Must never touch GL or a
// real-time device: building is pure and repeatable.
#pragma once

#include "core/Result.h"
#include "core/Time.h"
#include "model/SessionRequest.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace soma {

struct Session;
struct ReactionRecord;
struct NarrationMarkup;
struct Utterance;

struct SessionBuildOptions {
    int rateWpm = 0;               // 0: the voice's relaxed default
    int pitch = 0;                 // 0: the voice's relaxed default
    bool note = true;              // open with the one-line not-medical-treatment note
    double leadInSec = 0.6;        // quiet at the start of a step before its narration
    double poseTransitionSec = 6.0;  // a pose change, eased, never sudden
    double cameraMoveSec = 8.0;      // a camera move, eased, slower still
    // A person's own recordings of this exercise in this language (the
    // therapist's voice): a step whose name (StepRequest::recordingSlot, or
    // its id) has <name>.flac, .wav or .ogg here (with <name>.vtt for its
    // words and marks) is spoken by it, unless the
    // exercise gives a recording of its own. Empty: none.
    std::filesystem::path userRecordings{};
};

// Builds the session: synthesises all narration ahead (cached in memory by
// text, language and voice settings), lays every step on one timeline of
// absolute sample times, places highlights on their marks and makes the
// captions from the word timings. A step with a recording in the session's
// language uses it (streamed, never decoded whole) with its marks file's
// word and mark times; when it cannot be opened or lacks a mark a highlight
// needs, one error is logged (the recording's own id: recording.open,
// recording.truncated, marks.open, marks.syntax; or session.recording_mark)
// and the built-in voice speaks the step, so the session goes on. Errors:
// "session.narration" (bad markup, naming the step's file:line),
// "session.mark" (a highlight names a mark its narration lacks),
// "session.empty", and the voice's own errors.
Result<Session> buildSession(const SessionRequest& request, const SessionBuildOptions& options = {});

// The built-in voice's rendition of narration markup in `lang`, through the
// same cache a build uses (a recording screen aligns a person's take with it).
Result<std::shared_ptr<const Utterance>> speakNarration(const NarrationMarkup& markup, const std::string& lang,
                                                        const SessionBuildOptions& options = {});

// Applies a plugin's reaction at its sample time: only steps that start
// after the step playing then are changed; the record is appended to
// session.reactions. Applying the same records in order to a fresh build
// gives the same session (that is how an export replays a live run).
Status applyReaction(Session& session, const ReactionRecord& record, const SessionBuildOptions& options = {});

// The note each session opens with, in `lang` (English when there is none).
std::string notMedicalNote(const std::string& lang);

// The narration cache (tests and `soma bench`). It holds at most a limit of
// PCM bytes (256 MiB by default), dropping the oldest clips first.
std::size_t narrationCacheSize();
std::size_t narrationCacheBytes();
void setNarrationCacheLimit(std::size_t bytes);
void clearNarrationCache();

} // namespace soma
