// records/ClientRecord: what a therapist keeps about one client, as plain
// data: the name or code they chose, tension maps with their dates, the
// sessions the client did and free notes. records/Practice keeps it
// encrypted on disk; records/RecordToml writes and reads its text.
//
// Depends on model/TensionMap. Must never be logged or written anywhere in
// the clear except by an explicit export the therapist asked for: it is
// health data.
#pragma once

#include "model/TensionMap.h"

#include <optional>
#include <string>
#include <vector>

namespace soma {

// A tension map as it was on one day.
struct DatedMap {
    std::string when; // local time, "2026-12-07T10:15:00"
    TensionMap map;

    friend bool operator==(const DatedMap&, const DatedMap&) = default;
};

// One session the client did, with their check-in answers.
struct ClientSession {
    std::string when; // local time, "2026-12-07T10:15:00"
    std::string exercise;
    std::string lang;
    std::string variant;
    std::optional<int> before, after;      // 0..10, where answered
    std::string beforeRegion, afterRegion; // region ids, where tapped
    std::string log;                       // the session's event log, verbatim

    friend bool operator==(const ClientSession&, const ClientSession&) = default;
};

struct ClientRecord {
    std::string id;      // chosen by the store (32 hex digits), never from the name
    std::string name;    // a name or code the therapist chose, shown in the list
    std::string created; // local time
    std::vector<DatedMap> maps;
    std::vector<ClientSession> sessions;
    std::string notes; // free text

    friend bool operator==(const ClientRecord&, const ClientRecord&) = default;
};

} // namespace soma
