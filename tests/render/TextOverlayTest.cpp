#include "catalog/Catalog.h"
#include "live/LiveSession.h"
#include "platform/Window.h"
#include "render/Overlay.h"
#include "render/RenderTarget.h"
#include "render/TextRenderer.h"
#include "support/ImageCheck.h"
#include "support/TextLayoutCheck.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace soma {
namespace {

bool intersect(const OverlayRect& a, const OverlayRect& b) {
    return std::min(a.x + a.w, b.x + b.w) > std::max(a.x, b.x) && std::min(a.y + a.h, b.y + b.h) > std::max(a.y, b.y);
}

// Six buttons, too many for one row on a narrow screen in Dutch, and a
// panel of two rows.
const std::vector<std::string> kSixIds{"back", "pause", "next", "sound", "grounding", "stop"};
const std::vector<std::string> kSixLabels{"Terug", "Pauze", "Volgende", "Geluid", "Rustig afronden", "Stoppen"};
const std::vector<PanelRowDesc> kTwoRows{{"Stem", "80%", "voice-down", "\xe2\x80\x93", "voice-up", "+"},
                                         {"Achtergrond", "50%", "ambience-down", "\xe2\x80\x93", "ambience-up", "+"}};

} // namespace

class TextTest : public ::testing::Test {
protected:
    void SetUp() override {
        WindowDesc wd;
        wd.width = 320;
        wd.height = 180;
        wd.headless = true;
        auto w = Window::create(wd);
        ASSERT_TRUE(w.ok()) << w.error().message;
        window = std::move(*w);
        auto o = Overlay::create();
        ASSERT_TRUE(o.ok()) << o.error().message;
        overlay = std::move(*o);
    }
    static Image clearTarget(RenderTarget& t, float v) {
        t.bind();
        glClearColor(v, v, v, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        return t.readPixels();
    }
    std::unique_ptr<Window> window;
    std::unique_ptr<Overlay> overlay;
};

TEST_F(TextTest, AtlasHoldsDutchAndFrenchLetters) {
    TextRenderer& t = overlay->text();
    for (char32_t c : {U'\u00e9', U'\u00eb', U'\u00ef', U'\u00f6', U'\u00e8', U'\u00e7', U'\u0133', U'\u2019', U'\u2026'})
        EXPECT_TRUE(t.hasGlyph(c)) << "U+" << std::hex << unsigned(c);
    // Accented letters take real space, like their plain forms.
    EXPECT_NEAR(t.measure("\xc3\xab", 20), t.measure("e", 20), 0.5f);
    EXPECT_GT(t.measure("Adem rustig in", 20), t.measure("Adem", 20));
    EXPECT_NEAR(t.measure("Adem", 40), 2 * t.measure("Adem", 20), 0.01f);
}

TEST_F(TextTest, WrapKeepsLinesWithinWidthAndEndsCutTextWithAnEllipsis) {
    TextRenderer& t = overlay->text();
    const std::string text = "Laat je adem vanzelf komen en gaan, zonder iets te willen veranderen aan wat er nu is.";
    const float maxW = 160;
    auto two = t.wrap(text, 16, maxW, 2);
    ASSERT_EQ(two.size(), 2u);
    for (auto& l : two) EXPECT_LE(t.measure(l, 16), maxW) << l;
    EXPECT_EQ(two.back().substr(two.back().size() - 3), "\xe2\x80\xa6") << two.back();
    auto many = t.wrap(text, 16, maxW, 10);
    EXPECT_GT(many.size(), 2u);
    EXPECT_EQ(many.front(), two.front());
    auto explicitBreak = t.wrap("Eerste regel\nTweede", 16, 1000, 2);
    ASSERT_EQ(explicitBreak.size(), 2u);
    EXPECT_EQ(explicitBreak[1], "Tweede");
}

TEST_F(TextTest, CaptionDrawsInsideItsBackdropAndNowhereElse) {
    RenderTarget target({320, 180, 0});
    const Image before = clearTarget(target, 0.3f);
    OverlayState s;
    s.caption = "Voel hoe je buik zacht rijst en daalt. \xc3\x89\xc3\xa9n moment.";
    overlay->draw(target, s);
    const Image after = target.readPixels();
    const OverlayRect box = overlay->captionRect(320, 180, s);
    ASSERT_GT(box.w, 40);
    ASSERT_GT(box.h, 8);
    EXPECT_GT(box.y + box.h, 180 * 0.8f) << "the caption sits near the bottom";
    EXPECT_NEAR(box.x + box.w * 0.5f, 160, 1.0f) << "and is centred";
    int changedInside = 0, brightInside = 0, changedFar = 0;
    for (int y = 0; y < 180; ++y)
        for (int x = 0; x < 320; ++x) {
            const bool changed = std::abs(int(after.pixel(x, y)[0]) - int(before.pixel(x, y)[0])) > 3;
            const bool inside = box.contains(float(x), float(y));
            const bool far = x < box.x - 20 || x > box.x + box.w + 20 || y < box.y - 20;
            changedInside += inside && changed;
            brightInside += inside && after.pixel(x, y)[0] > 200;
            changedFar += far && changed;
        }
    EXPECT_GT(changedInside, int(box.w * box.h * 0.5f)) << "the backdrop darkens the box";
    EXPECT_GT(brightInside, 40) << "light letters on it";
    EXPECT_EQ(changedFar, 0);
}

TEST_F(TextTest, ButtonsAreLargeHitTestableAndDrawn) {
    RenderTarget target({320, 180, 0});
    const Image before = clearTarget(target, 0.6f);
    OverlayState s;
    s.buttons = layoutButtons(320, 180, {"pause", "stop", "grounding"}, {"Pauze", "Stoppen", "Rustig afronden"});
    ASSERT_EQ(s.buttons.size(), 3u);
    for (auto& b : s.buttons) {
        EXPECT_GE(b.rect.h, 56.0f) << b.id;
        EXPECT_GE(b.rect.x, 0.0f) << b.id;
        EXPECT_LE(b.rect.x + b.rect.w, 320.0f) << b.id;
    }
    EXPECT_LT(s.buttons[0].rect.x + s.buttons[0].rect.w, s.buttons[1].rect.x) << "no overlap";
    const auto& stop = s.buttons[1].rect;
    EXPECT_EQ(Overlay::buttonAt(s, stop.x + stop.w / 2, stop.y + stop.h / 2), 1);
    EXPECT_EQ(Overlay::buttonAt(s, 2, 170), std::nullopt);
    s.buttons[1].enabled = false;
    EXPECT_EQ(Overlay::buttonAt(s, stop.x + stop.w / 2, stop.y + stop.h / 2), std::nullopt);
    s.buttons[1].enabled = true;

    overlay->draw(target, s);
    const Image after = target.readPixels();
    const auto& p = s.buttons[0].rect;
    const int cx = int(p.x + 6), cy = int(p.y + p.h / 2); // inside the pill, left of the label
    EXPECT_LT(after.pixel(cx, cy)[0] + 20, before.pixel(cx, cy)[0]) << "the pill darkens what is behind it";
    EXPECT_EQ(after.pixel(5, 175)[0], before.pixel(5, 175)[0]) << "nothing drawn far from the buttons";
}

TEST_F(TextTest, OverlayWithEverythingMatchesGolden) {
    // A small laptop-like size where nothing overlaps.
    RenderTarget target({640, 360, 4});
    clearTarget(target, 0.12f);
    OverlayState s;
    s.caption = "Breng je aandacht naar je linkerheup. Adem rustig in\xe2\x80\xa6";
    s.status = "Stil: geen geluidsapparaat, ondertitels staan aan";
    s.paused = true;
    s.buttons = layoutButtons(640, 360, {"pause", "stop"}, {"Verder", "Stoppen"});
    overlay->draw(target, s);
    EXPECT_TRUE(test::matchesGolden(target.readPixels(), "overlay_all", {8, 0.01}));
}

// The controls of a session as a person sees them, in both languages, with
// the words from the catalogue: the way out is named for what it does;
// back, pause and next sit together as on any player.
TEST_F(TextTest, SessionControlsInBothLanguagesMatchGoldens) {
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        RenderTarget target({1280, 720, 4});
        clearTarget(target, 0.12f);
        OverlayState s;
        s.caption = uiText(lang, "session.note") + " " + uiText(lang, "session.way_out");
        s.status = uiText(lang, "session.grounding");
        s.progress = 0.3f;
        s.timeLeft = timeLeftText(liveWordsFor(lang), fromSeconds(250.0));
        s.buttons = sessionButtons(liveWordsFor(lang), 1280, 720, false, false);
        std::vector<std::string> ids;
        for (const auto& b : s.buttons) ids.push_back(b.id);
        EXPECT_EQ(ids, (std::vector<std::string>{"back", "pause", "next", "sound", "grounding", "stop"}));
        for (std::size_t i = 1; i < s.buttons.size(); ++i) {
            EXPECT_LT(s.buttons[i - 1].rect.x + s.buttons[i - 1].rect.w, s.buttons[i].rect.x) << "one row, no overlap";
            EXPECT_EQ(s.buttons[i - 1].rect.y, s.buttons[i].rect.y);
        }
        overlay->draw(target, s);
        EXPECT_TRUE(test::matchesGolden(target.readPixels(), std::string("session_controls_") + lang, {8, 0.01}));
    }
}

// The sound panel open under the controls, in both languages: the voice
// and the background sound, each with a large - and + and its level; the
// Sound button held down; the caption and the time left where they were.
TEST_F(TextTest, TheSoundPanelInBothLanguagesMatchesGoldens) {
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        RenderTarget target({1280, 720, 4});
        clearTarget(target, 0.12f);
        const LiveWords words = liveWordsFor(lang);
        OverlayState s;
        s.caption = uiText(lang, "session.note") + " " + uiText(lang, "session.way_out");
        s.progress = 0.3f;
        s.timeLeft = timeLeftText(words, fromSeconds(250.0));
        s.buttons = sessionButtons(words, 1280, 720, false, true);
        SessionMix mix;
        mix.voiceVolume = 0.8f;
        mix.ambienceVolume = 0.5f;
        s.panel = soundPanel(words, 1280, 720, s.buttons, mix);
        s.panel.open = true;
        s.panel.opacity = 1.0f;
        ASSERT_EQ(s.panel.rows.size(), 2u);
        EXPECT_EQ(s.panel.rows[0].label, uiText(lang, "session.sound_voice"));
        EXPECT_EQ(s.panel.rows[0].value, "80%");
        EXPECT_EQ(s.panel.rows[1].label, uiText(lang, "session.sound_ambience"));
        EXPECT_EQ(s.panel.rows[1].value, "50%");
        std::vector<std::string> ids;
        for (const auto& b : s.panel.buttons) {
            ids.push_back(b.id);
            EXPECT_GE(b.rect.w, 48.0f) << b.id;
            EXPECT_GE(b.rect.h, 48.0f) << b.id;
            EXPECT_EQ(b.rect.h, s.buttons[0].rect.h) << "as large as the buttons above";
        }
        EXPECT_EQ(ids, (std::vector<std::string>{"voice-down", "voice-up", "ambience-down", "ambience-up"}));
        for (const auto& b : s.buttons) {
            EXPECT_LT(b.rect.y + b.rect.h, s.panel.rect.y) << "under the buttons: " << b.id;
            EXPECT_EQ(b.active, b.id == "sound") << b.id;
        }
        EXPECT_FALSE(intersect(s.panel.rect, overlay->captionRect(1280, 720, s))) << "never over the caption";
        overlay->draw(target, s);
        EXPECT_TRUE(test::matchesGolden(target.readPixels(), std::string("session_sound_") + lang, {8, 0.01}));
    }
}

// Where one row of buttons does not fit, two, each label whole; a row
// that fits stays one.
TEST_F(TextTest, ButtonsThatDoNotFitOneRowTakeTwoRatherThanSqueezeTheirLabels) {
    const auto narrow = layoutButtons(800, 480, kSixIds, kSixLabels);
    ASSERT_EQ(narrow.size(), 6u);
    EXPECT_EQ(narrow[0].rect.y, narrow[2].rect.y) << "the first three on top";
    EXPECT_LT(narrow[2].rect.y + narrow[2].rect.h, narrow[3].rect.y) << "the other three below";
    EXPECT_EQ(narrow[3].rect.y, narrow[5].rect.y);
    EXPECT_FLOAT_EQ(narrow[2].rect.x + narrow[2].rect.w, narrow[5].rect.x + narrow[5].rect.w) << "both at the right edge";
    for (std::size_t i : {1u, 2u, 4u, 5u}) EXPECT_LT(narrow[i - 1].rect.x + narrow[i - 1].rect.w, narrow[i].rect.x) << "in order, apart";
    for (const auto& b : narrow) {
        EXPECT_FLOAT_EQ(b.rect.w, layoutButtons(800, 480, {b.id}, {b.label})[0].rect.w) << b.id << ": as wide as alone";
        EXPECT_GE(b.rect.x, 0.0f) << b.id;
    }
    const auto wide = layoutButtons(1280, 720, kSixIds, kSixLabels);
    for (const auto& b : wide) EXPECT_EQ(b.rect.y, wide[0].rect.y) << b.id << ": one row where it fits";
}

// A panel under the buttons: each row's buttons as large as theirs, inside
// it, apart; while open its buttons answer a tap before anything under
// them, closed (fading out) they do not; between them is the panel's.
TEST_F(TextTest, APanelSitsUnderTheButtonsAndOnlyAnOpenOneAnswers) {
    OverlayState s;
    s.buttons = layoutButtons(800, 480, kSixIds, kSixLabels);
    s.panel = layoutPanel(800, 480, s.buttons, kTwoRows, "100%");
    ASSERT_EQ(s.panel.rows.size(), 2u);
    ASSERT_EQ(s.panel.buttons.size(), 4u);
    const OverlayRect& panel = s.panel.rect;
    EXPECT_GE(panel.x, 0.0f);
    EXPECT_LE(panel.x + panel.w, 800.0f);
    EXPECT_LE(panel.y + panel.h, 480.0f);
    for (const auto& b : s.buttons) EXPECT_LT(b.rect.y + b.rect.h, panel.y) << b.id;
    for (std::size_t i = 0; i < s.panel.buttons.size(); ++i) {
        const OverlayButton& b = s.panel.buttons[i];
        EXPECT_GE(b.rect.w, 48.0f) << b.id;
        EXPECT_EQ(b.rect.h, s.buttons[0].rect.h) << b.id;
        EXPECT_TRUE(panel.contains(b.rect.x, b.rect.y) && panel.contains(b.rect.x + b.rect.w - 1, b.rect.y + b.rect.h - 1)) << b.id;
        for (std::size_t j = i + 1; j < s.panel.buttons.size(); ++j) EXPECT_FALSE(intersect(b.rect, s.panel.buttons[j].rect)) << b.id;
    }
    EXPECT_EQ(s.panel.buttons[1].id, "voice-up");
    const OverlayRect up = s.panel.buttons[1].rect;
    EXPECT_EQ(Overlay::hit(s, up.x + up.w / 2, up.y + up.h / 2), nullptr) << "closed";
    s.panel.open = true;
    const OverlayButton* hit = Overlay::hit(s, up.x + up.w / 2, up.y + up.h / 2);
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(hit->id, "voice-up");
    const OverlayRect value = s.panel.rows[0].valueRect;
    EXPECT_EQ(Overlay::hit(s, value.x + value.w / 2, value.y + value.h / 2), nullptr);
    const OverlayRect pause = s.buttons[1].rect;
    hit = Overlay::hit(s, pause.x + pause.w / 2, pause.y + pause.h / 2);
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(hit->id, "pause");
}

// Half faded in, the panel is drawn at half strength: between the picture
// behind it and the panel in full, never a step.
TEST_F(TextTest, APanelFadesByItsOpacity) {
    RenderTarget target({800, 480, 0});
    OverlayState s;
    s.buttons = layoutButtons(800, 480, kSixIds, kSixLabels);
    s.panel = layoutPanel(800, 480, s.buttons, kTwoRows, "100%");
    const OverlayRect& r = s.panel.rect;
    // In the panel, between its edge and its first row's label: only its backdrop.
    const int x = int(r.x + 4), y = int(r.y + r.h * 0.5f);
    auto at = [&](float opacity) {
        clearTarget(target, 0.6f);
        s.panel.opacity = opacity;
        overlay->draw(target, s);
        return int(target.readPixels().pixel(x, y)[0]);
    };
    const int none = at(0.0f), half = at(0.5f), full = at(1.0f);
    EXPECT_LT(full + 60, none) << "the backdrop darkens the picture";
    EXPECT_NEAR(half, (none + full) / 2, 12);
}

// The closing screen at the end of a session, in both languages: the
// closing words over the picture's lower part, one large button below.
TEST_F(TextTest, TheClosingScreenInBothLanguagesMatchesGoldens) {
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        RenderTarget target({1280, 720, 4});
        clearTarget(target, 0.12f);
        OverlayState s;
        s.closing = uiText(lang, "session.closing");
        s.buttons = {closingButton(1280, 720, "done", uiText(lang, "session.done"))};
        const OverlayRect words = overlay->closingRect(1280, 720, s), button = s.buttons[0].rect;
        EXPECT_LT(words.y + words.h, button.y) << "the words sit above their button";
        EXPECT_GT(words.y, 720.0f * 0.5f) << "the figure in the middle stays in view";
        EXPECT_NEAR(button.x + button.w * 0.5f, 640.0f, 1.0f);
        EXPECT_GE(button.h, 48.0f);
        overlay->draw(target, s);
        EXPECT_TRUE(test::matchesGolden(target.readPixels(), std::string("session_closing_") + lang, {8, 0.01}));
    }
}

// The veil darkens the whole picture by itself, at the overlay's zero
// opacity too (the very end, when the words have faded).
TEST_F(TextTest, TheVeilDimsThePictureEvenWhenTheRestHasFaded) {
    RenderTarget target({320, 180, 0});
    OverlayState s;
    s.opacity = 0.0f;
    s.closing = "Dank je wel.";
    clearTarget(target, 0.6f);
    overlay->draw(target, s);
    const int untouched = target.readPixels().pixel(160, 20)[0];
    s.veil = 0.5f;
    overlay->draw(target, s);
    const int half = target.readPixels().pixel(160, 20)[0];
    clearTarget(target, 0.6f);
    s.veil = 1.0f;
    overlay->draw(target, s);
    const int full = target.readPixels().pixel(160, 20)[0];
    EXPECT_LT(half + 40, untouched);
    EXPECT_LT(full + 40, half);
    EXPECT_LT(full, 15);
}

// The person's caption size changes the caption, not the layout around it,
// and stays on a small screen; high contrast darkens the backdrops.
TEST_F(TextTest, CaptionSizeAndHighContrastFollowThePerson) {
    OverlayState s;
    s.caption = "Breng je aandacht naar je linkervoet, en dan naar je rechtervoet.";
    float lastH = 0;
    for (float scale : {0.8f, 1.0f, 1.3f}) {
        s.captionScale = scale;
        const OverlayRect r = overlay->captionRect(800, 480, s);
        EXPECT_GT(r.h, lastH) << scale;
        EXPECT_GE(r.x, 0.0f);
        EXPECT_LE(r.x + r.w, 800.0f);
        EXPECT_LE(r.y + r.h, 480.0f);
        lastH = r.h;
    }
    RenderTarget target({800, 480, 0});
    auto backdropAt = [&](bool highContrast) {
        clearTarget(target, 0.6f);
        s.captionScale = 1.0f;
        s.highContrast = highContrast;
        overlay->draw(target, s);
        const OverlayRect r = overlay->captionRect(800, 480, s);
        // Inside the box, left of any letter.
        return int(target.readPixels().pixel(int(r.x + r.h * 0.35f), int(r.y + r.h * 0.5f))[0]);
    };
    const int normal = backdropAt(false), strong = backdropAt(true);
    EXPECT_LT(strong + 30, normal) << "high contrast: a darker backdrop behind the words";
}

// Every text a session screen draws, at three screen sizes and in both
// languages: no line leaves the screen or its button, and no two lines
// touch. Checked on the glyphs actually drawn (TextRenderer::recordRuns).
class SessionLayout : public TextTest {
protected:
    // What is wrong with the text drawn for this state, or nothing.
    std::vector<std::string> problems(int w, int h, const OverlayState& s) {
        RenderTarget target({w, h, 0});
        clearTarget(target, 0.12f);
        std::vector<TextRenderer::Run> runs;
        overlay->text().recordRuns(&runs);
        overlay->draw(target, s);
        overlay->text().recordRuns(nullptr);
        // The buttons' labels must stay inside them across; their height is
        // the overlay's to choose. The panel's words stay in their room.
        std::vector<test::TextBox> boxes;
        for (const auto& b : s.buttons) boxes.push_back({b.label, {b.rect.x, 0.0f, b.rect.w, float(h)}});
        for (const auto& b : s.panel.buttons) boxes.push_back({b.label, b.rect});
        for (const auto& r : s.panel.rows) {
            boxes.push_back({r.label, r.labelRect});
            boxes.push_back({r.value, r.valueRect});
        }
        auto out = test::textLayoutProblems(runs, w, h, boxes);
        // Nothing else's words under the open panel (the status, the time
        // left, the caption, the paused mark's word).
        if (s.panel.opacity > 0.0f)
            for (const auto& run : runs) {
                const OverlayRect ink{run.x0, run.y0, run.x1 - run.x0, run.y1 - run.y0};
                const bool own = std::any_of(boxes.begin() + std::ptrdiff_t(s.buttons.size()), boxes.end(),
                                             [&](const test::TextBox& b) { return b.text == run.text && intersect(b.rect, ink); });
                if (!own && intersect(s.panel.rect, ink)) out.push_back("'" + run.text + "' is under the panel");
            }
        return out;
    }
    static OverlayState sessionScreen(const std::string& lang, int w, int h, bool soundOpen = false) {
        const LiveWords words = liveWordsFor(lang);
        OverlayState s;
        s.caption = uiText(lang, "session.note") + " " + uiText(lang, "session.way_out");
        s.status = uiText(lang, "session.no_sound");
        s.paused = true;
        s.pausedLabel = uiText(lang, "session.paused");
        s.progress = 0.3f;
        s.timeLeft = timeLeftText(words, fromSeconds(600.0));
        s.buttons = sessionButtons(words, w, h, true, soundOpen);
        if (soundOpen) {
            SessionMix mix; // the widest levels there are
            s.panel = soundPanel(words, w, h, s.buttons, mix);
            s.panel.open = true;
            s.panel.opacity = 1.0f;
        }
        return s;
    }
};

TEST_F(SessionLayout, NoTextIsCutOffOrOverlapsAtAnySizeInEitherLanguage) {
    for (auto [w, h] : {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{800, 480}})
        for (const char* lang : {"nl", "en"})
            for (bool soundOpen : {false, true}) {
                SCOPED_TRACE(::testing::Message() << w << "x" << h << " " << lang << (soundOpen ? ", the sound panel open" : ""));
                for (float scale : {0.8f, 1.0f, 1.3f}) {
                    OverlayState s = sessionScreen(lang, w, h, soundOpen);
                    s.captionScale = scale;
                    const auto p = problems(w, h, s);
                    EXPECT_TRUE(p.empty()) << "caption scale " << scale << ": " << ::testing::PrintToString(p);
                }
            }
}

// Every control of a session, the sound panel's too, at the three sizes
// and in both languages: on the screen, at least 48 px each way (more than
// WCAG's 44), none over another; the panel under the buttons, clear of the
// caption at its largest size and of the paused mark in the middle.
TEST_F(SessionLayout, EveryTargetIsLargeOnScreenAndClearOfTheRest) {
    for (auto [w, h] : {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{800, 480}})
        for (const char* lang : {"nl", "en"}) {
            SCOPED_TRACE(::testing::Message() << w << "x" << h << " " << lang);
            OverlayState s = sessionScreen(lang, w, h, true);
            s.captionScale = 1.3f;
            std::vector<OverlayButton> all = s.buttons;
            all.insert(all.end(), s.panel.buttons.begin(), s.panel.buttons.end());
            ASSERT_EQ(all.size(), 10u);
            const OverlayRect screen{0.0f, 0.0f, float(w), float(h)};
            for (std::size_t i = 0; i < all.size(); ++i) {
                const OverlayRect& r = all[i].rect;
                EXPECT_GE(r.w, 48.0f) << all[i].id;
                EXPECT_GE(r.h, 48.0f) << all[i].id;
                EXPECT_TRUE(r.x >= 0 && r.y >= 0 && r.x + r.w <= screen.w && r.y + r.h <= screen.h) << all[i].id;
                for (std::size_t j = i + 1; j < all.size(); ++j)
                    EXPECT_FALSE(intersect(r, all[j].rect)) << all[i].id << " and " << all[j].id;
            }
            const OverlayRect& panel = s.panel.rect;
            EXPECT_TRUE(panel.x >= 0 && panel.x + panel.w <= screen.w);
            for (const auto& b : s.buttons) EXPECT_LT(b.rect.y + b.rect.h, panel.y) << b.id;
            for (const auto& b : s.panel.buttons) EXPECT_TRUE(panel.contains(b.rect.x, b.rect.y) && panel.contains(b.rect.x + b.rect.w - 1, b.rect.y + b.rect.h - 1)) << b.id;
            EXPECT_FALSE(intersect(panel, overlay->captionRect(w, h, s))) << "never over the caption";
            // The paused mark: a disc of about a tenth of the height in the middle.
            const float r = float(h) * 0.1f;
            EXPECT_FALSE(intersect(panel, {float(w) * 0.5f - r, float(h) * 0.5f - r, 2 * r, 2 * r})) << "never over the paused mark";
            // A tap on the panel between its buttons is the panel's.
            const auto& row = s.panel.rows[0].valueRect;
            EXPECT_EQ(Overlay::hit(s, row.x + row.w / 2, row.y + row.h / 2), nullptr);
            EXPECT_TRUE(panel.contains(row.x + row.w / 2, row.y + row.h / 2));
        }
}

TEST_F(SessionLayout, TheClosingScreenFitsAtAnySizeInEitherLanguage) {
    for (auto [w, h] : {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{800, 480}})
        for (const char* lang : {"nl", "en"}) {
            SCOPED_TRACE(::testing::Message() << w << "x" << h << " " << lang);
            OverlayState s;
            s.closing = uiText(lang, "session.closing");
            s.status = uiText(lang, "session.voice_level");
            s.buttons = {closingButton(w, h, "done", uiText(lang, "session.done"))};
            const auto p = problems(w, h, s);
            EXPECT_TRUE(p.empty()) << ::testing::PrintToString(p);
        }
}

TEST_F(SessionLayout, AnOverlongLabelIsCaught) {
    // A translation far longer than the room it gets.
    OverlayState s = sessionScreen("nl", 800, 480);
    s.buttons = layoutButtons(800, 480, {"back", "pause", "grounding", "stop"},
                              {"Terug", "Verder", "Heel rustig en heel langzaam afronden, met alle tijd die je nodig hebt, en dan nog wat langer, tot je er echt klaar voor bent", "Stoppen"});
    EXPECT_FALSE(problems(800, 480, s).empty());
}

} // namespace soma
