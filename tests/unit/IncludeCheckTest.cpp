#include "support/IncludeCheck.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <string>

namespace soma::test {
namespace {

std::filesystem::path manifestOf(const std::string& fixture) {
    return std::filesystem::path(SOMA_FIXTURE_DIR) / "include-check" / fixture / "modules.txt";
}

std::string joined(const IncludeCheckReport& report) {
    std::string all;
    for (const auto& e : report.errors) all += e + "\n";
    return all;
}

bool hasError(const IncludeCheckReport& report, std::initializer_list<std::string> parts) {
    return std::any_of(report.errors.begin(), report.errors.end(), [&](const std::string& e) {
        return std::all_of(parts.begin(), parts.end(), [&](const std::string& p) { return e.find(p) != std::string::npos; });
    });
}

} // namespace

TEST(IncludeCheck, AllowedIncludesPassAndEveryModuleFileIsRead) {
    auto report = checkModuleIncludes(manifestOf("clean"));
    EXPECT_TRUE(report.ok()) << joined(report);
    // Ten files lie in module folders (tools/ is in none). Exact counts, so
    // a commented-out include that got counted, or a real one that got
    // skipped behind a "/*" in a string or a line comment, shows up here.
    EXPECT_EQ(report.filesChecked, 10);
    EXPECT_EQ(report.includesChecked, 19);
}

TEST(IncludeCheck, IncludingAModuleThatIsNotADependencyFails) {
    auto report = checkModuleIncludes(manifestOf("forbidden"));
    ASSERT_EQ(report.errors.size(), 2u) << joined(report);
    EXPECT_TRUE(hasError(report, {"engine/render/Renderer.cpp:5: error: ", "module 'render'", "\"session/Session.h\"",
                                  "does not depend on 'session'", "engine/CMakeLists.txt"}))
        << joined(report);
    // A nested module is its own module: depending on body is not depending on bake.
    EXPECT_TRUE(hasError(report, {"engine/render/Renderer.cpp:7: error: ", "\"body/bake/BakeJob.h\"",
                                  "does not depend on 'bake'"}))
        << joined(report);
}

TEST(IncludeCheck, HeaderIncludingAPrivateDependencyFails) {
    auto report = checkModuleIncludes(manifestOf("private-in-header"));
    ASSERT_EQ(report.errors.size(), 2u) << joined(report);
    EXPECT_TRUE(hasError(report, {"engine/render/Renderer.h:3: error: header of module 'render' includes \"core/Log.h\"",
                                  "'core' is a PRIVATE dependency of 'render'", "make it PUBLIC or include it from a .cpp"}))
        << joined(report);
    EXPECT_TRUE(hasError(report, {"engine/audio/AudioEngine.h:4: error: header of module 'audio' includes <AL/al.h>",
                                  "'OpenAL::OpenAL' is a PRIVATE dependency of 'audio'"}))
        << joined(report);
}

TEST(IncludeCheck, ThirdPartyHeaderWithoutItsDependencyFails) {
    auto report = checkModuleIncludes(manifestOf("third-party"));
    ASSERT_EQ(report.errors.size(), 1u) << joined(report);
    EXPECT_TRUE(hasError(report, {"engine/session/Sequencer.cpp:3: error: module 'session' includes <AL/al.h>",
                                  "does not depend on 'OpenAL::OpenAL'"}))
        << joined(report);
}

TEST(IncludeCheck, DependencyCycleIsNamed) {
    auto report = checkModuleIncludes(manifestOf("cycle"));
    ASSERT_EQ(report.errors.size(), 1u) << joined(report);
    EXPECT_TRUE(hasError(report, {"modules.txt:7: error: ", "a -> b -> a"})) << joined(report);
}

TEST(IncludeCheck, BrokenManifestLinesAreNamed) {
    auto report = checkModuleIncludes(manifestOf("bad-manifest"));
    ASSERT_EQ(report.errors.size(), 3u) << joined(report);
    EXPECT_TRUE(hasError(report, {"modules.txt:4: error: cannot parse 'module audio'"})) << joined(report);
    EXPECT_TRUE(hasError(report, {"modules.txt:5: error: ", "'session', which is not a declared module"})) << joined(report);
    EXPECT_TRUE(hasError(report, {"modules.txt:6: error: ", "'sometimes'"})) << joined(report);
}

TEST(IncludeCheck, MissingManifestIsNamed) {
    const auto missing = manifestOf("no-such-fixture");
    auto report = checkModuleIncludes(missing);
    ASSERT_EQ(report.errors.size(), 1u) << joined(report);
    EXPECT_TRUE(hasError(report, {missing.string() + ": error: cannot read the module manifest"})) << joined(report);
    EXPECT_EQ(report.filesChecked, 0);
}

#ifdef SOMA_MODULE_MANIFEST
// The real engine against the dependencies its CMakeLists.txt declares.
TEST(IncludeCheck, EngineIncludesOnlyDeclaredDependencies) {
    auto report = checkModuleIncludes(SOMA_MODULE_MANIFEST);
    EXPECT_TRUE(report.ok()) << joined(report);
    EXPECT_GT(report.filesChecked, 0) << "the manifest at " << SOMA_MODULE_MANIFEST << " puts no engine file in a module";
}
#endif

} // namespace soma::test
