// Therapist mode as a therapist meets it: the records opened with the
// practice's passphrase, a client added, three regions marked by tapping
// the rendered figure in two poses and on the inner layer, rated, saved,
// and found again after a restart; driven by real SDL events (taps, typed
// text, a mouse drag) into a real offscreen window, the records encrypted
// on disk by the real records/Practice.
#include "catalog/Catalog.h"
#include "live/Shell.h"
#include "live/Therapist.h"
#include "model/RegionAtlas.h"
#include "render/RenderTarget.h"
#include "support/ImageCheck.h"
#include "TherapistFixture.h"
#include "support/TextLayoutCheck.h"
#include "ui/TherapistScreens.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace soma {

TEST_F(TherapistTest, MarksThreeRegionsInTwoPosesSavesAndFindsThemAfterARestart) {
    open();
    unlock();
    ASSERT_EQ(therapist().page(), Therapist::Page::Clients) << words();
    tap("name");
    typeText("Cliënt A-17");
    tap("add");
    ASSERT_NE(therapist().client(), nullptr);
    EXPECT_EQ(therapist().client()->name, "Cliënt A-17");
    tap("new_map");
    ASSERT_EQ(therapist().page(), Therapist::Page::Mark);

    // Standing, from the front: the jaw, with a note.
    mark("jaw", 7);
    tap("note");
    typeText("klemt bij het slikken");
    // Seated: the belly.
    tap("pose:seated");
    EXPECT_EQ(therapist().figureState().pose, "seated");
    mark("belly", 4);
    // The inner layer: the left psoas, through the skin.
    tap("layer:inner");
    ASSERT_TRUE(find("psoas_left") || find("psoas_right")) << "no psoas to tap on the inner layer";
    const std::string psoas = find("psoas_left") ? "psoas_left" : "psoas_right";
    mark(psoas, 8);
    // A drag on the figure turns it and picks nothing.
    const ui::Widget& fig = widget("figure");
    const float yaw = therapist().yawDeg();
    mouseDrag(fig.rect.x + fig.rect.w * 0.5f, fig.rect.y + fig.rect.h * 0.5f, 120, 0);
    EXPECT_GT(therapist().yawDeg(), yaw + 10.0f);
    EXPECT_EQ(therapist().chosenRegion(), psoas);

    // The figure glows with every rating as it goes.
    EXPECT_EQ(therapist().figureState().highlights.size(), 3u);
    const TensionMap marked = therapist().markedMap();
    EXPECT_EQ(ratingOf(marked, "jaw"), 7);
    EXPECT_EQ(ratingOf(marked, "belly"), 4);
    EXPECT_EQ(ratingOf(marked, psoas), 8);
    const auto jaw = std::find_if(marked.ratings.begin(), marked.ratings.end(), [](const auto& r) { return r.region == "jaw"; });
    ASSERT_NE(jaw, marked.ratings.end());
    EXPECT_EQ(jaw->note, "klemt bij het slikken");
    tap("save");
    ASSERT_EQ(therapist().page(), Therapist::Page::Clients) << words();
    ASSERT_EQ(therapist().client()->maps.size(), 1u);

    // Nothing of the client is readable on the disk.
    for (const auto& e : fs::recursive_directory_iterator(practice)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        EXPECT_EQ(bytes.find("A-17"), std::string::npos) << e.path();
        EXPECT_EQ(bytes.find("slikken"), std::string::npos) << e.path();
        EXPECT_EQ(bytes.find("jaw"), std::string::npos) << e.path();
    }

    // Lock and leave; the program restarts.
    tap("lock");
    EXPECT_EQ(shell->where(), Shell::Where::Home);
    open();
    // A wrong passphrase is said, and opens nothing.
    unlock("zacht ademen 2025");
    ASSERT_EQ(therapist().page(), Therapist::Page::Unlock);
    EXPECT_NE(words().find(uiText(shell->home().lang, "unlock.wrong")), std::string::npos) << words();
    tap("passphrase");
    typeText(kPassphrase);
    tap("open");
    ASSERT_EQ(therapist().page(), Therapist::Page::Clients) << words();
    EXPECT_NE(words().find("Cliënt A-17"), std::string::npos) << words();
    const ui::Screen& list = shell->screen();
    std::string clientId;
    for (const auto& w : list.widgets)
        if (w.id.rfind("client:", 0) == 0) clientId = w.id;
    ASSERT_FALSE(clientId.empty());
    tap(clientId);
    tap("map:0");
    ASSERT_EQ(therapist().page(), Therapist::Page::Mark);
    EXPECT_EQ(therapist().markedMap(), marked) << "the map after a restart is the map saved";
    // A week on: a new map, compared with the older one.
    key(SDLK_ESCAPE);
    tap("new_map");
    mark("jaw", 3);
    tap("save");
    tap("compare");
    ASSERT_EQ(therapist().page(), Therapist::Page::Compare);
    EXPECT_EQ(therapist().compared(), (std::pair{0, 1}));
    EXPECT_NE(words().find("7 → 3"), std::string::npos) << "the jaw from 7 to 3: " << words();
}

TEST_F(TherapistTest, ThePassphraseIsChangedAfterTheCurrentOneIsGivenAgain) {
    open();
    unlock();
    tap("name");
    typeText("L");
    tap("add");
    tap("change_passphrase");
    ASSERT_EQ(therapist().page(), Therapist::Page::Passphrase);
    const std::string fresh = "een nieuwe zin voor de praktijk";
    tap("current");
    typeText("not the one");
    tap("passphrase");
    typeText(fresh);
    tap("repeat");
    typeText(fresh);
    tap("open");
    EXPECT_EQ(therapist().page(), Therapist::Page::Passphrase) << "a wrong current passphrase changes nothing";
    EXPECT_NE(words().find(uiText(shell->home().lang, "unlock.wrong_current")), std::string::npos) << words();
    tap("current");
    typeText(kPassphrase);
    key(SDLK_RETURN); // on to the new one
    EXPECT_EQ(focus(), "passphrase");
    typeText(fresh);
    key(SDLK_RETURN);
    typeText(fresh);
    key(SDLK_RETURN);
    ASSERT_EQ(therapist().page(), Therapist::Page::Clients) << words();
    tap("lock");
    // The old one no longer opens; the new one does, with the client in it.
    open();
    unlock();
    EXPECT_EQ(therapist().page(), Therapist::Page::Unlock);
    tap("passphrase");
    typeText(fresh);
    tap("open");
    ASSERT_EQ(therapist().page(), Therapist::Page::Clients) << words();
    EXPECT_NE(words().find("L\n"), std::string::npos) << words();
}

TEST_F(TherapistTest, KeysAndTheGamepadPointWithACrossAndPick) {
    open();
    unlock();
    tap("name");
    typeText("K");
    tap("add");
    tap("new_map");
    ASSERT_EQ(focus(), "pose:standing");
    key(SDLK_LEFT); // from the buttons onto the figure
    ASSERT_EQ(focus(), "figure");
    EXPECT_NE(shell->screen().find("cursor:h"), nullptr) << "a cross shows where a pick lands";
    (void)writePng(shell->screenshot(), test::outputPath("therapist_cross.png")); // for a person to look at
    const float x0 = shell->screen().find("cursor:v")->rect.x;
    key(SDLK_RIGHT);
    pad(SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    EXPECT_GT(shell->screen().find("cursor:v")->rect.x, x0 + 1.0f) << "the arrows and the d-pad move the cross";
    EXPECT_EQ(focus(), "figure") << "pointing does not move the focus away";
    key(SDLK_RETURN);
    const std::string picked = therapist().chosenRegion();
    EXPECT_FALSE(picked.empty()) << "Enter picks where the cross is";
    EXPECT_TRUE(picked == "chest" || picked.find("shoulder") != std::string::npos || picked.find("side") != std::string::npos ||
                picked.find("breast") != std::string::npos || picked == "belly")
        << picked;
    key(SDLK_ESCAPE); // out of pointing, not out of the map
    EXPECT_EQ(therapist().page(), Therapist::Page::Mark);
    EXPECT_EQ(focus(), "pose:standing");
    // On to a number with the keys, and rated.
    for (int i = 0; i < 6 && focus().rfind("rate:", 0) != 0; ++i) key(SDLK_DOWN);
    ASSERT_EQ(focus().rfind("rate:", 0), 0u) << focus();
    key(SDLK_RETURN);
    EXPECT_EQ(therapist().markedMap().ratings.size(), 1u);
}

TEST_F(TherapistTest, AFingerDragsAndPinchesAndTheGamepadTurnsAndZooms) {
    open();
    unlock();
    tap("name");
    typeText("I");
    tap("add");
    tap("new_map");
    const ui::Widget& fig = widget("figure");
    const float cx = fig.rect.x + fig.rect.w * 0.5f, cy = fig.rect.y + fig.rect.h * 0.5f;
    auto finger = [&](Uint32 type, float x, float y, float dx = 0, float dy = 0) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.x = x / float(window->width());
        e.tfinger.y = y / float(window->height());
        e.tfinger.dx = dx / float(window->width());
        e.tfinger.dy = dy / float(window->height());
        push(e);
    };
    // One finger across the figure turns it, and does not pick.
    finger(SDL_FINGERDOWN, cx, cy);
    for (int i = 1; i <= 4; ++i) finger(SDL_FINGERMOTION, cx + 30.0f * float(i), cy, 30.0f, 0.0f);
    finger(SDL_FINGERUP, cx + 120.0f, cy);
    frames(1);
    EXPECT_GT(therapist().yawDeg(), 10.0f);
    EXPECT_TRUE(therapist().chosenRegion().empty()) << "a drag is not a tap";
    // Two fingers apart come nearer.
    SDL_Event pinch{};
    pinch.type = SDL_MULTIGESTURE;
    pinch.mgesture.numFingers = 2;
    pinch.mgesture.dDist = 0.1f;
    push(pinch);
    frames(1);
    EXPECT_LT(therapist().zoom(), 1.0f);
    // The gamepad: the right stick turns back, the left shoulder steps away.
    const float yaw = therapist().yawDeg(), zoom = therapist().zoom();
    SDL_Event stick{};
    stick.type = SDL_CONTROLLERAXISMOTION;
    stick.caxis.axis = SDL_CONTROLLER_AXIS_RIGHTX;
    stick.caxis.value = -30000;
    push(stick);
    frames(1);
    EXPECT_LT(therapist().yawDeg(), yaw - 5.0f);
    pad(SDL_CONTROLLER_BUTTON_LEFTSHOULDER);
    EXPECT_GT(therapist().zoom(), zoom);
    // Front and behind set the turn back to a plain view.
    tap("view:back");
    EXPECT_FLOAT_EQ(therapist().yawDeg(), 0.0f);
}

TEST_F(TherapistTest, UnsavedMarksAreNotLostToOneBackAndTheRecordsLockOnLeaving) {
    open();
    unlock();
    tap("name");
    typeText("B");
    tap("add");
    tap("new_map");
    mark("shoulder_left", 6);
    key(SDLK_ESCAPE); // asks first
    EXPECT_EQ(therapist().page(), Therapist::Page::Mark);
    EXPECT_NE(words().find(uiText(shell->home().lang, "mark.unsaved")), std::string::npos) << words();
    key(SDLK_ESCAPE); // leaves without saving
    EXPECT_EQ(therapist().page(), Therapist::Page::Clients);
    EXPECT_TRUE(therapist().client()->maps.empty());
    // Backspace in a field erases a letter; outside one it goes back.
    tap("name");
    typeText("Xy");
    key(SDLK_BACKSPACE);
    EXPECT_NE(words().find("X\n"), std::string::npos) << words();
    key(SDLK_ESCAPE);
    EXPECT_EQ(shell->where(), Shell::Where::Home);
    tap("therapist");
    EXPECT_EQ(therapist().page(), Therapist::Page::Unlock) << "leaving locked the records";
}

TEST_F(TherapistTest, EveryTherapistScreenInBothLanguagesMatchesItsGolden) {
    clock = [] { return std::string("2026-12-07T10:15:00"); };
    for (const char* lang : {"nl", "en"}) {
        SCOPED_TRACE(lang);
        fs::remove_all(practice);
        open();
        tap(std::string("lang:") + lang);
        tap("therapist");
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("therapist_unlock_") + lang, {12, 0.01}));
        tap("passphrase");
        typeText(kPassphrase);
        tap("repeat");
        typeText(kPassphrase);
        tap("open");
        for (const char* name : {"Anna de Vries", "Client 0412", "Jeroen"}) {
            tap("name");
            typeText(name);
            tap("add");
        }
        tap("new_map");
        mark("jaw", 7);
        mark("shoulder_right", 5);
        tap("view:back");
        mark("lower_back", 9);
        tap("view:front");
        tap("layer:inner");
        mark("psoas_left", 6);
        tap("note");
        typeText(lang == std::string("nl") ? "vooral 's ochtends" : "mostly in the morning");
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("therapist_mark_") + lang, {12, 0.01}));
        tap("save");
        // A week later: a second map, to compare with the first.
        clock = [] { return std::string("2026-12-14T10:15:00"); };
        shell->therapist()->setClock(clock);
        tap("new_map");
        mark("jaw", 4);
        mark("shoulder_right", 5);
        tap("view:back");
        mark("lower_back", 6);
        mark("upper_back", 3);
        tap("save");
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("therapist_clients_") + lang, {12, 0.01}));
        tap("compare");
        ASSERT_EQ(therapist().page(), Therapist::Page::Compare);
        EXPECT_TRUE(test::matchesGolden(shell->screenshot(), std::string("therapist_compare_") + lang, {12, 0.01}));
        tap("back");
        tap("lock");
        clock = [] { return std::string("2026-12-07T10:15:00"); };
    }
}

TEST_F(TherapistTest, TwoMapsSideBySideAndOneRegionOverTime) {
    open();
    unlock();
    tap("name");
    typeText("C");
    tap("add");
    EXPECT_EQ(shell->screen().find("compare"), nullptr) << "one map has nothing to compare with";
    for (const int jaw : {8, 6, 3}) {
        tap("new_map");
        mark("jaw", jaw);
        if (jaw != 6) mark("chest", 9 - jaw);
        tap("save");
    }
    tap("compare");
    ASSERT_EQ(therapist().page(), Therapist::Page::Compare);
    EXPECT_EQ(therapist().compared(), (std::pair{1, 2})) << "the two latest first";
    EXPECT_NE(words().find("6 → 3"), std::string::npos) << "the jaw went from 6 to 3\n" << words();
    EXPECT_NE(words().find("– → 6"), std::string::npos) << "the chest was not rated in the left map\n" << words();
    tap("left:prev");
    EXPECT_EQ(therapist().compared(), (std::pair{0, 2}));
    EXPECT_NE(words().find("8 → 3"), std::string::npos) << words();
    EXPECT_EQ(shell->screen().find("left:prev"), nullptr) << "no map before the first";
    // The chart: one bar per map that rates the chosen region; first the
    // region rated highest in the latest map.
    auto bars = [&] {
        int n = 0;
        for (const auto& w : shell->screen().widgets)
            if (w.id.rfind("bar:", 0) == 0) ++n;
        return n;
    };
    ASSERT_NE(shell->screen().find("region:chest"), nullptr);
    EXPECT_TRUE(shell->screen().find("region:chest")->selected) << "the chest is rated 6 in the latest map, the jaw 3";
    EXPECT_EQ(bars(), 2) << "the chest is rated in two maps";
    tap("region:jaw");
    EXPECT_EQ(bars(), 3) << "the jaw in all three";
    key(SDLK_ESCAPE);
    EXPECT_EQ(therapist().page(), Therapist::Page::Clients);
}

TEST_F(TherapistTest, APersonalSessionFromTheMapIsKeptInTheClientsRecordOnly) {
    open();
    unlock();
    tap("name");
    typeText("D");
    tap("add");
    tap("new_map");
    mark("jaw", 8);
    mark("hand_left", 1);
    tap("save");
    ASSERT_NE(shell->screen().find("session:pendulation"), nullptr) << words();
    tap("session:pendulation");
    ASSERT_EQ(shell->where(), Shell::Where::CheckIn);
    tap("level:6");
    tap("continue");
    ASSERT_TRUE(until([&] { return shell->where() == Shell::Where::Session; })) << "the session never began";
    EXPECT_EQ(shell->session()->sequencer().session().exercise, "pendulation");
    const fs::path log = shell->session()->eventLog()->path();
    EXPECT_EQ(log.string().find(tempDir("logs").string()), std::string::npos) << "a client's log is not in the plain log folder";
    EXPECT_EQ(fs::status(log.parent_path()).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
    frames(3);
    key(SDLK_ESCAPE);
    frames(1);
    ASSERT_EQ(shell->where(), Shell::Where::CheckIn);
    tap("level:4");
    tap("continue");
    ASSERT_EQ(shell->where(), Shell::Where::Therapist) << "a client's session ends back in therapist mode";
    ASSERT_EQ(therapist().client()->sessions.size(), 1u);
    const ClientSession& kept = therapist().client()->sessions.front();
    EXPECT_EQ(kept.exercise, "pendulation");
    EXPECT_EQ(kept.before, 6);
    EXPECT_EQ(kept.after, 4);
    EXPECT_NE(kept.log.find("jaw"), std::string::npos) << "the log with the client's map is in the record";
    EXPECT_NE(kept.log.find("[[check_in]]"), std::string::npos);
    EXPECT_FALSE(fs::exists(log)) << "the plain log is gone";
    EXPECT_FALSE(fs::exists(checkIns)) << "the client's check-ins are not in the person's own history";
    for (const auto& e : fs::recursive_directory_iterator(tempDir("logs"))) ADD_FAILURE() << "a plain log was left: " << e.path();
    // On the command line, once the passphrase is given: the client is
    // listed, and their session replays from the record into an export.
    auto shellRun = [](const std::string& cmd, std::string& out) {
        FILE* p = popen(cmd.c_str(), "r");
        char buf[4096];
        for (size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        return p ? pclose(p) : -1;
    };
    const std::string soma = std::string("'") + SOMA_BINARY + "'", dir = "'" + practice.string() + "'";
    std::string listed;
    EXPECT_EQ(shellRun("printf '%s\\n' '" + std::string(kPassphrase) + "' | " + soma + " clients --practice " + dir + " 2>&1", listed), 0)
        << listed;
    EXPECT_NE(listed.find("D: 1 map(s)"), std::string::npos) << listed;
    EXPECT_NE(listed.find("1 session(s)"), std::string::npos) << listed;
    const fs::path replayed = tempDir("replayed");
    std::string out;
    EXPECT_EQ(shellRun("printf '%s\\n' '" + std::string(kPassphrase) + "' | " + soma + " export --client D --practice " + dir + " --out '" +
                           replayed.string() + "' --no-reverb 2>&1",
                       out),
              0)
        << out;
    EXPECT_NE(out.find("replayed"), std::string::npos) << out;
    EXPECT_NE(readAll(replayed / "timeline.json").find("\"jaw\""), std::string::npos) << "the replay is the client's own session";
    std::string refused;
    EXPECT_NE(shellRun("printf 'not it at all\\n' | " + soma + " export --client D --practice " + dir + " --out '" + replayed.string() +
                           "' 2>&1",
                       refused),
              0);
    EXPECT_NE(refused.find("records.passphrase"), std::string::npos) << refused;

    // The client's check-ins, as the person's own history shows theirs.
    tap("checkins");
    ASSERT_EQ(therapist().page(), Therapist::Page::CheckIns) << words();
    const ui::Widget& before = widget("bar:0:before");
    const ui::Widget& after = widget("bar:0:after");
    EXPECT_NEAR(before.rect.h / after.rect.h, 6.0 / 4.0, 0.05) << "the bars are as tall as the answers";
    key(SDLK_ESCAPE);
    EXPECT_EQ(therapist().page(), Therapist::Page::Clients);
}

TEST_F(TherapistTest, AClientsDataIsExportedReadableAndErasedForGood) {
    // A short folder, so the path said on the screen is whole.
    std::string tmpl = (fs::temp_directory_path() / "soma-docs-XXXXXX").string();
    exportDir = mkdtemp(tmpl.data());
    open();
    unlock();
    for (const char* name : {"E", "F"}) {
        tap("name");
        typeText(name);
        tap("add");
    }
    tap("new_map");
    mark("jaw", 5);
    tap("note");
    typeText("één \"noot\"");
    tap("save");
    tap("export");
    std::vector<fs::path> exported;
    for (const auto& e : fs::recursive_directory_iterator(exportDir))
        if (e.path().filename() == "client.toml") exported.push_back(e.path());
    ASSERT_EQ(exported.size(), 1u) << words();
    EXPECT_NE(readAll(exported.front()).find("één"), std::string::npos);
    EXPECT_NE(readAll(exported.front()).find("jaw"), std::string::npos);
    EXPECT_NE(words().find(exported.front().parent_path().string()), std::string::npos) << "the therapist is told where: " << words();
    // Erase asks once more, then the client is gone; the other stays.
    const std::string id = therapist().client()->id;
    tap("erase");
    EXPECT_TRUE(fs::exists(practice / id));
    tap("erase");
    EXPECT_FALSE(fs::exists(practice / id));
    EXPECT_EQ(shell->screen().find("client:" + id), nullptr);
    EXPECT_EQ(words().find("F\n"), std::string::npos) << "F, the client chosen, is gone: " << words();
    EXPECT_NE(words().find("F is erased."), std::string::npos) << words();
    EXPECT_NE(words().find("E\n"), std::string::npos) << "E stays: " << words();
    fs::remove_all(exportDir);
}

TEST_F(TherapistTest, AReportOfTheLatestMapAndOfTheClientOverTimeIsWritten) {
    std::string tmpl = (fs::temp_directory_path() / "soma-docs-XXXXXX").string();
    exportDir = mkdtemp(tmpl.data());
    clock = [] { return std::string("2026-12-07T10:15:00"); };
    open();
    tap(std::string("lang:nl"));
    unlock();
    tap("name");
    typeText("G");
    tap("add");
    tap("new_map");
    mark("jaw", 7);
    tap("save");
    shell->therapist()->setClock([] { return std::string("2026-12-14T10:15:00"); });
    tap("new_map");
    mark("jaw", 3);
    mark("shoulder_left", 5);
    tap("save");
    tap("report");
    const fs::path map = exportDir / "G-2026-12-14-spanningskaart.pdf", progress = exportDir / "G-2026-12-14-verloop.pdf";
    ASSERT_TRUE(fs::exists(map)) << words();
    EXPECT_TRUE(fs::exists(progress));
    EXPECT_EQ(readAll(map).rfind("%PDF", 0), 0u);
    for (const fs::path& f : {map, progress, fs::path(map).replace_extension(".png")}) {
        EXPECT_EQ(fs::status(f).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none) << f;
    }
    auto png = readPng(fs::path(map).replace_extension(".png"));
    ASSERT_TRUE(png) << png.error().message;
    EXPECT_GT(png->height, png->width) << "A4 upright";
    // The picture of the figure in the report is the heat map: the jaw's and
    // the shoulder's colours are on the page.
    int warm = 0;
    for (int y = 0; y < png->height; ++y)
        for (int x = 0; x < png->width; ++x) {
            const auto* p = png->pixel(x, y);
            if (p[0] > 200 && p[1] > 120 && p[1] < 200 && p[2] < 120) ++warm;
        }
    EXPECT_GT(warm, 200) << "no warm heat on the report's first page";
    EXPECT_NE(words().find(map.string()), std::string::npos) << "the therapist is told where: " << words();
    (void)fs::copy_file(fs::path(map).replace_extension(".png"), test::outputPath("therapist_report_nl.png"), fs::copy_options::overwrite_existing);
    fs::remove_all(exportDir);
}

TEST_F(TherapistTest, ASessionForHomeIsMadeWithABarAndHoldsOnlyWhatTheClientTakes) {
    std::string tmpl = (fs::temp_directory_path() / "soma-docs-XXXXXX").string();
    exportDir = mkdtemp(tmpl.data());
    open();
    unlock();
    tap("name");
    typeText("H");
    tap("add");
    tap("new_map");
    mark("jaw", 7);
    tap("save");
    tap("take");
    ASSERT_EQ(therapist().page(), Therapist::Page::Take) << words();
    tap("take:ex:personal-scan");
    tap("take:form:audio");
    tap("take:go");
    EXPECT_TRUE(therapist().busy());
    // The bar grows while the child works; the screen keeps answering.
    float widest = 0;
    int seen = 0;
    ASSERT_TRUE(until([&] {
        if (const ui::Widget* bar = shell->screen().find("progress")) {
            EXPECT_GE(bar->rect.w, widest - 0.5f) << "the bar never shrinks";
            widest = std::max(widest, bar->rect.w);
            ++seen;
        }
        return !therapist().busy();
    }, 300));
    frames(1);
    EXPECT_GT(seen, 2) << "the bar was drawn as it went";
    const fs::path out = therapist().takenTo();
    ASSERT_FALSE(out.empty()) << words();
    EXPECT_TRUE(fs::exists(out / "audio.m4a"));
    EXPECT_TRUE(fs::exists(out / "captions.vtt"));
    EXPECT_FALSE(fs::exists(out / "audio.wav")) << "only what the client takes";
    EXPECT_FALSE(fs::exists(out / "timeline.json"));
    EXPECT_NE(readAll(out / "captions.vtt").find(shell->home().lang == "nl" ? "kaak" : "jaw"), std::string::npos)
        << "the session was made from the map: it names the jaw";
    EXPECT_NE(words().find(out.string()), std::string::npos) << words();
    fs::remove_all(exportDir);
}

// The therapist's screens at three sizes, in both languages: no text off
// the screen, out of its widget, touching another or cut short.
TEST_F(TherapistTest, NoTextIsCutOffOrOverlapsAtAnySize) {
    open();
    for (const char* lang : {"nl", "en"}) {
        for (auto [w, h] : {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{800, 480}}) {
            SCOPED_TRACE(::testing::Message() << w << "x" << h << " " << lang);
            const TextRenderer& fonts = shell->painter().fonts();
            auto check = [&](const ui::Screen& screen, const std::string& name) {
                RenderTarget target({screen.width, screen.height, 0});
                std::vector<TextRenderer::Run> runs;
                shell->painter().fonts().recordRuns(&runs);
                ui::drawScreen(shell->painter(), target, screen);
                shell->painter().fonts().recordRuns(nullptr);
                (void)writePng(target.readPixels(), test::outputPath("layout_" + name + "_" + lang + "_" + std::to_string(w) + ".png"));
                std::vector<test::TextBox> boxes;
                std::vector<std::string> problems;
                for (const auto& wd : screen.widgets) {
                    if ((wd.focusable || wd.pointOnly) && (wd.rect.w < 48.0f || wd.rect.h < 48.0f)) problems.push_back(wd.id + " is under 48 px");
                    for (const auto& l : wd.lines) {
                        if (l.cut) problems.push_back("'" + l.text + "' is cut short");
                        boxes.push_back({l.text, wd.rect});
                    }
                }
                for (const auto& l : screen.lines)
                    if (l.cut) problems.push_back("'" + l.text + "' is cut short");
                for (auto& p : test::textLayoutProblems(runs, screen.width, screen.height, boxes)) problems.push_back(std::move(p));
                EXPECT_TRUE(problems.empty()) << name << ": " << ::testing::PrintToString(problems);
            };
            ui::UnlockState u;
            u.lang = lang;
            u.create = true;
            u.typed = 30;
            u.repeated = 12;
            u.message = uiText(lang, "unlock.mismatch");
            check(ui::layoutUnlock(u, w, h, fonts), "unlock");
            u.create = false;
            u.change = true;
            u.current = 20;
            u.message = uiText(lang, "unlock.wrong_current");
            check(ui::layoutUnlock(u, w, h, fonts), "change");
            ui::ClientsState c;
            c.lang = lang;
            for (int i = 0; i < 30; ++i)
                c.clients.push_back({std::to_string(i), "Marie-Louise van den Berghe " + std::to_string(i),
                                     fillIn(fillIn(uiText(lang, "clients.detail"), "maps", "12"), "date", "28 dec 2026"), i == 3});
            c.chosen = "1";
            for (int i = 0; i < 12; ++i) c.maps.push_back({"28 dec 2026, 10:15", fillIn(fillIn(uiText(lang, "clients.map_detail"), "regions", "12"), "highest", "10")});
            c.newName = "Een naam die langer is dan het veld breed is, zodat het begin wegvalt";
            c.message = uiText(lang, "mark.saved");
            check(ui::layoutClients(c, w, h, fonts), "clients");
            c.chosen = "3";
            check(ui::layoutClients(c, w, h, fonts), "clients_damaged");
            ui::MarkState m;
            m.lang = lang;
            m.title = "Marie-Louise van den Berghe · 28 dec 2026, 10:15";
            const Picture none;
            m.figure = &none;
            m.poses = {"standing", "seated", "supine"};
            m.pose = "seated";
            m.regionName = lang == std::string("nl") ? "Linker bovenbeen" : "Left upper leg";
            m.rating = 10;
            m.note = "Een notitie die langer is dan het veld";
            for (const char* r : {"Kaak", "Linker psoas", "Rechterschouder", "Onderrug", "Buik", "Middenrif"}) m.marked.push_back({r, 7});
            m.message = uiText(lang, "mark.unsaved");
            check(ui::layoutMark(m, w, h, fonts), "mark");
            ui::CompareState cs;
            cs.lang = lang;
            cs.title = "Marie-Louise van den Berghe · " + uiText(lang, "compare.title");
            cs.left = {"28 dec 2026, 10:15", &none, true, true};
            cs.right = {"11 jan 2027, 10:15", &none, true, false};
            for (const char* r : {"Rechterschouder", "Linker psoas", "Onderrug", "Kaak", "Buik", "Middenrif", "Bekkenbodem", "Linkerhand"}) {
                cs.changes.push_back({r, 7, 3});
                cs.regions.push_back({r, r});
            }
            cs.region = "Kaak";
            for (int i = 0; i < 12; ++i) cs.bars.push_back({std::to_string(1 + i) + " dec", i % 3 ? std::optional<int>(i % 11) : std::nullopt, i > 9});
            check(ui::layoutCompare(cs, w, h, fonts), "compare");
            ui::TakeState ts;
            ts.lang = lang;
            ts.title = "Marie-Louise van den Berghe · " + uiText(lang, "take.title");
            ts.exercises = {{"pendulation", "Pendulatie"}, {"personal-scan", "Persoonlijke bodyscan"}};
            ts.exercise = "pendulation";
            ts.message = fillIn(uiText(lang, "take.done"), "path", "/home/therapeut/Documenten/Soma/Marie-Louise-2026-12-07");
            check(ui::layoutTake(ts, w, h, fonts), "take");
            ts.progress = 0.42;
            check(ui::layoutTake(ts, w, h, fonts), "take_busy");
        }
    }
}

} // namespace soma
