// Signing with Debian's real minisign, as a centre signs its plugins: a key
// made without a password (-W), files signed in minisign's default
// (prehashed) form with a trusted comment.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace soma::test {

struct MinisignKeyFiles {
    std::filesystem::path pub, sec;
    // The key as a kiosk config lists it: the .pub file's second line.
    std::string publicLine() const {
        std::ifstream f(pub);
        std::string line;
        std::getline(f, line);
        std::getline(f, line);
        return line;
    }
};

inline std::string shellQuote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

inline MinisignKeyFiles makeMinisignKey(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    MinisignKeyFiles k{dir / "key.pub", dir / "key.sec"};
    std::filesystem::remove(k.pub);
    std::filesystem::remove(k.sec);
    const std::string cmd = "minisign -G -W -p " + shellQuote(k.pub) + " -s " + shellQuote(k.sec) + " >/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd << " (dev.sh installs minisign)";
    return k;
}

// Writes file.minisig; legacy: minisign's old form (-l), not prehashed.
inline void minisignFile(const MinisignKeyFiles& k, const std::filesystem::path& file, const std::string& comment, bool legacy = false) {
    const std::string cmd = "minisign -S " + std::string(legacy ? "-l " : "") + "-s " + shellQuote(k.sec) + " -m " + shellQuote(file) +
                            " -t '" + comment + "' >/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

} // namespace soma::test
