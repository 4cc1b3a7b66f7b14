#include "app/CommandRegistry.h"
#include "app/Commands.h"
#include "platform/Window.h"
#include "platform/Signals.h"
#include "soma/Version.h"

#include <CLI/CLI.hpp>

#include <algorithm>
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
        // command's does, with CLI11's words on stderr (not its own
        // 105-109, which say nothing to a script).
        return cli.exit(e) == 0 ? 0 : 2;
    }

    for (auto& [sub, action] : commands)
        if (*sub) return action();
    // No command: the home screen for a person at a screen, the help for a
    // terminal without one.
    if (argc == 1 && soma::displayAvailable()) return soma::app::home({});
    std::printf("%s", cli.help().c_str());
    return 0;
}
