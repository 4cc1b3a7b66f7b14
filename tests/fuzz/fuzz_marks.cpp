// A recording's marks: WebVTT (what Soma writes for a person's own
// recording) or an Audacity label track, with and without a known length.
#include "FuzzInput.h"
#include "audio/RecordedVoice.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = soma::fuzz::asFile(data, size, "marks.vtt");
    (void)soma::loadMarks(file);
    (void)soma::loadMarks(file, soma::Samples(48000) * 60);
    return 0;
}
