// A service manager's end of the notify protocol (systemd's sd_notify),
// for tests: a datagram socket the program is pointed at with
// NOTIFY_SOCKET, and what it was told.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace soma::test {

// The service manager's end: a datagram socket the program is pointed at.
// It reads all the time, as systemd does: a manager that let its queue
// fill would block the program in sd_notify, which no real one does.
class ManagerSocket {
public:
    explicit ManagerSocket(const std::filesystem::path& path) : mPath(path) {
        std::filesystem::remove(path);
        mFd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        bound = mFd >= 0 && ::bind(mFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        if (bound) mReader = std::thread([this] { read(); });
    }
    ~ManagerSocket() {
        mStop = true;
        if (mReader.joinable()) mReader.join();
        if (mFd >= 0) ::close(mFd);
        std::filesystem::remove(mPath);
    }
    // Every message that came since the last call, in order.
    std::vector<std::string> receive() {
        // What is on its way now is read first.
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        std::lock_guard lock(mMutex);
        return std::exchange(mMessages, {});
    }
    bool bound = false;

private:
    void read() {
        char buf[512];
        while (!mStop) {
            pollfd p{mFd, POLLIN, 0};
            if (::poll(&p, 1, 10) <= 0) continue;
            for (ssize_t n; (n = ::recv(mFd, buf, sizeof buf, 0)) > 0;) {
                std::lock_guard lock(mMutex);
                mMessages.emplace_back(buf, std::size_t(n));
            }
        }
    }

    std::filesystem::path mPath;
    int mFd = -1;
    std::atomic<bool> mStop{false};
    std::mutex mMutex;
    std::vector<std::string> mMessages;
    std::thread mReader;
};

// How many of the messages say `what`.
inline int countSaying(const std::vector<std::string>& messages, const std::string& what) {
    int n = 0;
    for (const std::string& m : messages) n += m.find(what) != std::string::npos;
    return n;
}

} // namespace soma::test
