#include "app/CommandRegistry.h"
#include "app/Commands.h"
#include "core/Text.h"
#include "platform/Window.h"
#include "core/Signals.h"
#include "soma/Version.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace soma::app {
namespace {
std::vector<CommandInfo>& registry() {
    static std::vector<CommandInfo> r;
    return r;
}
} // namespace

CommandRegistrar::CommandRegistrar(int order, const char* name, const char* description, CommandSetup setup) {
    registry().push_back({order, name, description, std::move(setup)});
}

std::string shortenedWords(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = std::min(text.find_first_of(" \n", i), text.size());
        const std::string_view word = text.substr(i, end - i);
        if (word.size() > 80) out += std::string(word.substr(0, 40)) + "... (" + std::to_string(word.size()) + " characters)";
        else out += word;
        if (end < text.size()) out += text[end] == '\n' ? ' ' : text[end];
        i = end + 1;
    }
    return out;
}

const std::vector<CommandInfo>& registeredCommands() {
    auto& r = registry();
    std::stable_sort(r.begin(), r.end(), [](const CommandInfo& a, const CommandInfo& b) { return a.order < b.order; });
    return r;
}

} // namespace soma::app

int main(int argc, char** argv) {
    soma::signals::install();

    CLI::App cli{"Soma: guided body scans with a breathing 3D figure and spatial narration.\n"
                 "This is not medical treatment.",
                 "soma"};
    cli.set_version_flag("--version", std::string("soma ") + SOMA_VERSION_STRING);
    cli.require_subcommand(0, 1);

    std::vector<std::pair<CLI::App*, soma::app::CommandAction>> commands;
    for (const auto& c : soma::app::registeredCommands()) {
        CLI::App* sub = cli.add_subcommand(c.name, c.description);
        commands.emplace_back(sub, c.setup(cli, *sub));
    }

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Help and --version end well; a usage error exits 2, as a Unix
        // command's does, with one line on stderr (not CLI11's own 105-109,
        // which say nothing to a script).
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return cli.exit(e);
        std::string what = soma::app::shortenedWords(e.what());
        // A misspelt command: the nearest one.
        std::vector<std::string> names;
        for (const auto& c : soma::app::registeredCommands()) names.emplace_back(c.name);
        if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
            const std::string meant = soma::closestMatch(argv[1], names);
            if (!meant.empty()) what += " (did you mean `soma " + meant + "`?)";
        }
        std::fprintf(stderr, "soma: %s\nRun `soma --help` (or `soma COMMAND --help`) for what it takes.\n", what.c_str());
        return 2;
    }

    for (auto& [sub, action] : commands)
        if (*sub) return action();
    // No command: the home screen for a person at a screen, the help for a
    // terminal without one.
    if (argc == 1 && soma::displayAvailable()) return soma::app::home({});
    std::printf("%s", cli.help().c_str());
    return 0;
}
