// `soma clients`: the therapist's clients on the command line (names, maps,
// sessions), and the helpers `soma export --client` shares with it.
#include "app/ClientRecords.h"

#include "app/CommandRegistry.h"
#include "core/Json.h"
#include "core/Log.h"
#include "records/Sealed.h"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <termios.h>
#include <unistd.h>

namespace soma::app {

std::string askHidden(const char* prompt) {
    std::string line;
    if (::isatty(STDIN_FILENO)) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
        termios old{};
        const bool quiet = ::tcgetattr(STDIN_FILENO, &old) == 0;
        if (quiet) {
            termios noEcho = old;
            noEcho.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &noEcho);
        }
        std::getline(std::cin, line);
        if (quiet) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::fputs("\n", stderr);
    } else {
        std::getline(std::cin, line);
    }
    return line;
}

Result<std::string> askPassphrase() {
    std::string pass = askHidden("Passphrase of the practice's client records: ");
    if (pass.empty())
        return Error{"records.passphrase_input", "no passphrase given: type it when asked, or give it as the first line of stdin"};
    return pass;
}

Result<Practice> openPractice(const std::filesystem::path& dir) {
    const auto folder = dir.empty() ? Practice::defaultFolder() : dir;
    if (!Practice::exists(folder))
        return Error{"records.no_practice", fmt::format("{}: no client records here yet; `soma therapist` makes them", folder.string())};
    auto pass = askPassphrase();
    if (!pass) return pass.error();
    auto practice = Practice::open(folder, *pass);
    wipe(*pass);
    return practice;
}

Result<ClientRecord> findClient(Practice& practice, const std::string& which) {
    auto list = practice.clients();
    if (!list) return list.error();
    const ClientEntry* found = nullptr;
    int matches = 0;
    for (const auto& c : *list)
        if (c.name == which || c.id == which || (which.size() >= 6 && c.id.rfind(which, 0) == 0)) {
            found = &c;
            ++matches;
        }
    if (!found)
        return Error{"records.unknown_client", fmt::format("no client '{}': `soma clients` lists them by name and id", which)};
    if (matches > 1)
        return Error{"records.ambiguous", fmt::format("more than one client is called '{}': give the id `soma clients` shows", which)};
    return practice.load(found->id);
}

namespace {

int listClients(const std::filesystem::path& dir, bool json) {
    auto practice = openPractice(dir);
    if (!practice) {
        log::error(practice.error().id, "{}", practice.error().message);
        return 1;
    }
    auto list = practice->clients();
    if (!list) {
        log::error(list.error().id, "{}", list.error().message);
        return 1;
    }
    std::string out = json ? "[\n" : "";
    for (size_t i = 0; i < list->size(); ++i) {
        const ClientEntry& c = (*list)[i];
        // From the list itself: a listing is not an opening of every record.
        const size_t sessions = c.sessions;
        if (json)
            out += fmt::format("  {{\"id\": {}, \"name\": {}, \"maps\": {}, \"latest_map\": {}, \"sessions\": {}, \"readable\": {}}}{}\n",
                               jsonString(c.id), jsonString(c.name), c.maps, jsonString(c.lastMap), sessions, c.error ? "false" : "true",
                               i + 1 < list->size() ? "," : "");
        else if (c.error)
            out += fmt::format("{}  (cannot be opened: {})\n", c.id, c.error->message);
        else
            out += fmt::format("{}  {}: {} map(s){}, {} session(s)\n", c.id.substr(0, 8), c.name, c.maps,
                               c.lastMap.empty() ? "" : ", latest " + c.lastMap, sessions);
    }
    if (json) out += "]\n";
    else out += fmt::format("{} client(s)\n", list->size());
    std::fputs(out.c_str(), stdout);
    return 0;
}

const CommandRegistrar kClients(46, "clients",
                                "List the therapist's clients (encrypted records; asks the practice's passphrase, or reads it from stdin)",
                                [](CLI::App&, CLI::App& sub) -> CommandAction {
                                    auto dir = std::make_shared<std::string>();
                                    auto json = std::make_shared<bool>(false);
                                    sub.add_option("--practice", *dir, "The records' folder (default ~/.local/share/soma/clients)");
                                    sub.add_flag("--json", *json, "Print one JSON list");
                                    return [dir, json] { return listClients(*dir, *json); };
                                });

} // namespace

} // namespace soma::app
