// app/CommandRegistry: every subcommand of `soma` registers itself from its
// own file, so adding a mode never edits main.cpp or another mode's file.
//
// A command file defines one static CommandRegistrar. Its setup function adds
// the subcommand to the CLI11 app, binds options to its own variables and
// returns the action to run when that subcommand was chosen. `order` only
// decides where it appears in --help.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace soma::app {

using CommandAction = std::function<int()>;
using CommandSetup = std::function<CommandAction(CLI::App& root, CLI::App& sub)>;

struct CommandInfo {
    int order;
    const char* name;
    const char* description;
    CommandSetup setup;
};

class CommandRegistrar {
public:
    CommandRegistrar(int order, const char* name, const char* description, CommandSetup setup);
};

// All registered commands, sorted by order.
const std::vector<CommandInfo>& registeredCommands();

// `text` with every word longer than 80 characters cut to its start and its
// length: a message never echoes a huge argument back whole.
std::string shortenedWords(std::string_view text);

} // namespace soma::app
