// A service manager's end of the notify protocol (systemd's sd_notify),
// for tests: a datagram socket the program is pointed at with
// NOTIFY_SOCKET, and what it was told.
#pragma once

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace soma::test {

// The service manager's end: a datagram socket the program is pointed at.
class ManagerSocket {
public:
    explicit ManagerSocket(const std::filesystem::path& path) : mPath(path) {
        std::filesystem::remove(path);
        mFd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        bound = mFd >= 0 && ::bind(mFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~ManagerSocket() {
        if (mFd >= 0) ::close(mFd);
        std::filesystem::remove(mPath);
    }
    // Every message waiting, in order.
    std::vector<std::string> receive() {
        std::vector<std::string> out;
        char buf[512];
        for (ssize_t n; (n = ::recv(mFd, buf, sizeof buf, 0)) > 0;) out.emplace_back(buf, std::size_t(n));
        return out;
    }
    bool bound = false;

private:
    std::filesystem::path mPath;
    int mFd = -1;
};

// How many of the messages say `what`.
inline int countSaying(const std::vector<std::string>& messages, const std::string& what) {
    int n = 0;
    for (const std::string& m : messages) n += m.find(what) != std::string::npos;
    return n;
}

} // namespace soma::test
