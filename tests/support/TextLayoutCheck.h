// What is wrong with the text a screen actually drew (TextRenderer::Run
// boxes around the ink of each line): a line off the screen, a line
// leaving the box it belongs in, two lines touching. Empty: nothing.
#pragma once

#include "render/Painter.h"
#include "render/TextRenderer.h"

#include <string>
#include <vector>

namespace soma::test {

struct TextBox {
    std::string text;  // the run's text
    OverlayRect rect;  // the box it must stay in (a button, a card)
};

std::vector<std::string> textLayoutProblems(const std::vector<TextRenderer::Run>& runs, int width, int height,
                                            const std::vector<TextBox>& boxes = {});

} // namespace soma::test
