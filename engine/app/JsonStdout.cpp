#include "app/JsonStdout.h"

#include <cerrno>
#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

namespace soma::app {

JsonStdout::JsonStdout() {
    std::fflush(stdout);
    mFd = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (mFd >= 0) ::dup2(STDERR_FILENO, STDOUT_FILENO);
}

JsonStdout::~JsonStdout() {
    if (mFd < 0) return;
    std::fflush(stdout);
    ::dup2(mFd, STDOUT_FILENO);
    ::close(mFd);
}

bool JsonStdout::print(std::string_view json) {
    std::fflush(stdout);
    const int fd = mFd >= 0 ? mFd : STDOUT_FILENO;
    while (!json.empty()) {
        const ssize_t n = ::write(fd, json.data(), json.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        json.remove_prefix(std::size_t(n));
    }
    return true;
}

} // namespace soma::app
