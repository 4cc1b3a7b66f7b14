// `soma record`: a person's own voice for an exercise from one audio file
// made elsewhere (a phone, a studio): the file is cut into the exercise's
// texts by aligning it with the built-in voice, and each text is saved as
// the recording screen saves a take (session/OwnRecordings): trimmed, the
// written pauses put back, loudness at -18 LUFS, every mark on its word.
// `--text SLOT` takes a file of one text only, to redo it.
#include "app/CliChecks.h"
#include "app/CommandRegistry.h"

#include "audio/AudioFileStream.h"
#include "core/Log.h"
#include "live/SessionLoad.h"
#include "session/OwnRecordings.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

namespace soma::app {
namespace {

struct RecordOptions {
    std::string exercise;
    std::string lang;
    std::string variant = "short";
    std::string in;
    std::string text; // one text's slot: the file holds that text alone
    bool list = false;
};

Result<std::vector<float>> readWhole(const std::string& file) {
    auto stream = AudioFileStream::open(file);
    if (!stream) return stream.error();
    std::vector<float> pcm(std::size_t(std::max<Samples>(0, (*stream)->length())));
    pcm.resize((*stream)->read(pcm.data(), pcm.size()));
    if ((*stream)->failed()) return Error{"record.read", fmt::format("{}: could not be read to its end", file)};
    return pcm;
}

int fail(const Error& e) {
    std::fprintf(stderr, "%s\n", e.message.c_str());
    return 1;
}

const char* stateName(RecordingState s) {
    switch (s) {
    case RecordingState::None: return "not recorded";
    case RecordingState::Recorded: return "recorded";
    case RecordingState::Stale: return "recorded for an earlier text";
    case RecordingState::Broken: return "broken";
    }
    return "";
}

int record(const RecordOptions& o) {
    auto registry = PluginRegistry::loadDefault();
    auto exercise = findExercise(registry, o.exercise);
    if (!exercise) return fail(exercise.error());
    SessionChoice choice;
    choice.exercise = o.exercise;
    choice.lang = o.lang;
    choice.variant = o.variant;
    DescribeOptions describe;
    auto request = describeChoice(**exercise, choice, describe);
    if (!request) return fail(request.error());
    std::vector<StepToRead> texts = stepsToRead(*request);
    const OwnRecordings own(userRecordingsDir() / request->exercise / request->lang);
    if (texts.empty()) {
        std::fprintf(stderr, "%s (%s, %s) has no text for a person to record: its steps are silent or come with recordings of their own\n",
                     o.exercise.c_str(), request->lang.c_str(), request->variant.c_str());
        return 1;
    }
    if (o.list) {
        for (const StepToRead& t : texts) std::printf("%-24s %-28s %s\n", t.slot.c_str(), stateName(own.state(t)), t.text.c_str());
        return 0;
    }
    if (o.in.empty()) {
        std::fprintf(stderr, "record: --in FILE is needed (a WAV, FLAC or Ogg file of the texts read aloud; --list shows them)\n");
        return 1;
    }
    if (!o.text.empty()) {
        const auto it = std::find_if(texts.begin(), texts.end(), [&](const StepToRead& t) { return t.slot == o.text; });
        if (it == texts.end()) {
            std::string known;
            for (const StepToRead& t : texts) known += (known.empty() ? "" : ", ") + t.slot;
            std::fprintf(stderr, "record: %s has no text '%s' in %s %s; its texts are: %s\n", o.exercise.c_str(), o.text.c_str(),
                         request->lang.c_str(), request->variant.c_str(), known.c_str());
            return 1;
        }
        texts = {*it};
    }

    auto pcm = readWhole(o.in);
    if (!pcm) return fail(pcm.error());
    std::vector<std::shared_ptr<const Utterance>> references;
    for (const StepToRead& t : texts) {
        auto ref = readingReference(t, request->lang, {});
        if (!ref) return fail(ref.error());
        references.push_back(*ref);
    }
    std::vector<TakePiece> pieces{{0, pcm->size(), 1.0}};
    if (texts.size() > 1) {
        auto cut = cutIntoTexts(references, *pcm);
        if (!cut) return fail(Error{cut.error().id, fmt::format("{}: {}", o.in, cut.error().message)});
        pieces = std::move(*cut);
    }

    std::printf("%s: %.1f s, %zu text%s of %s (%s, %s)\n", o.in.c_str(), toSeconds(Samples(pcm->size())), texts.size(),
                texts.size() == 1 ? "" : "s", o.exercise.c_str(), request->lang.c_str(), request->variant.c_str());
    int saved = 0, doubtful = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::span<const float> piece(pcm->data() + pieces[i].from, pieces[i].to - pieces[i].from);
        auto take = own.save(texts[i], *references[i], piece, kMixRate);
        if (!take) {
            std::printf("  %-24s at %6.1f s  not saved: %s\n", texts[i].slot.c_str(), toSeconds(Samples(pieces[i].from)),
                        take.error().message.c_str());
            continue;
        }
        ++saved;
        doubtful += take->doubtful ? 1 : 0;
        std::printf("  %-24s at %6.1f s  %5.1f s, %zu mark%s, pauses +%.1f s, %+.1f dB%s\n", texts[i].slot.c_str(),
                    toSeconds(Samples(pieces[i].from)), take->seconds, take->marks.size(), take->marks.size() == 1 ? "" : "s",
                    take->pausesAddedSec, take->gainDb,
                    take->doubtful ? "  - listen again: it may not read this text, or a mark is unsure" : "");
    }
    std::printf("saved %d of %zu in %s%s\n", saved, texts.size(), own.folder().c_str(),
                doubtful ? fmt::format("; {} to listen to again (the recording screen plays them and lets you move a mark)", doubtful).c_str()
                         : "");
    return saved == int(texts.size()) ? 0 : 1;
}

const CommandRegistrar kRecord(
    55, "record", "Save your own voice for an exercise from an audio file: cut into its texts, every mark placed on its word",
    [](CLI::App&, CLI::App& sub) -> CommandAction {
        auto opt = std::make_shared<RecordOptions>();
        sub.add_option("exercise", opt->exercise, "The exercise (soma plugins lists them)")->required();
        sub.add_option("--lang", opt->lang, "nl or en (default: the system's language)")->check(languageTag());
        sub.add_option("--variant", opt->variant, "short or long")->capture_default_str()->check(idWord("a variant", {"short", "long"}));
        sub.add_option("--in", opt->in, "The recording: all texts read in order (WAV, FLAC or Ogg)");
        sub.add_option("--text", opt->text, "The recording holds this one text only (its name from --list)");
        sub.add_flag("--list", opt->list, "List the texts to read, in order, and which are recorded");
        return [opt] { return record(*opt); };
    });

} // namespace
} // namespace soma::app
