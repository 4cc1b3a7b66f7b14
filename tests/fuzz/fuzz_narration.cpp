// Narration markup on its own, and what is made of it: the SSML handed to
// espeak-ng, the caption text and the word count.
#include "FuzzInput.h"
#include "model/Narration.h"
#include "model/Rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    soma::NarrationMarkup markup;
    if (soma::checkNarration(soma::fuzz::text(data, size), markup)) return 0;
    (void)soma::toSsml(markup);
    (void)markup.plainText();
    (void)markup.wordCount();
    (void)markup.breakSeconds();
    return 0;
}
