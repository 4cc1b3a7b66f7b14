#include "core/Files.h"

#include "core/Signals.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace soma {

namespace fs = std::filesystem;

Status writeFileAtomically(const fs::path& file, std::string_view bytes, const AtomicWriteDesc& desc) {
    std::error_code ec;
    if (desc.createFolder && file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
    // Beside the file, so the rename stays on one file system; named by the
    // process, so two writers never share a temporary file.
    fs::path tmp = file;
    tmp += fmt::format(".{}.tmp", ::getpid());
    const signals::PartialFile guard(tmp); // a signal that ends the program removes it
    auto fail = [&](const std::string& why) -> Status {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return Error{"file.write", fmt::format("{}: cannot be written ({}); is the folder there and writable?", file.string(), why)};
    };
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(desc.mode));
    if (fd < 0) return fail(std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = errno;
            ::close(fd);
            return fail(std::strerror(err));
        }
        done += std::size_t(n);
    }
    if (desc.sync && ::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(std::strerror(err));
    }
    if (::close(fd) != 0) return fail(std::strerror(errno));
    fs::rename(tmp, file, ec);
    if (ec) return fail(ec.message());
    // The rename is an entry in the folder: until the folder reaches the
    // disk, a power cut may bring back the old file (or, for a new one, no
    // file), though the caller was told it was written.
    if (desc.sync) {
        const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
        const int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd < 0)
            return Error{"file.write",
                         fmt::format("{}: written, but its folder cannot be opened to reach the disk ({})", file.string(), std::strerror(errno))};
        const int rc = ::fsync(dirFd);
        const int err = errno;
        ::close(dirFd);
        // EINVAL: a file system that has no way to sync a folder (some
        // network and FUSE ones); the rename is as safe as it gets there.
        if (rc != 0 && err != EINVAL)
            return Error{"file.write", fmt::format("{}: written, but its folder did not reach the disk ({})", file.string(), std::strerror(err))};
    }
    return Ok{};
}

Result<std::string> readTextFile(const fs::path& file, std::string_view what, std::uintmax_t maxBytes) {
    auto fail = [&](const std::string& why) { return Error{"file.read", fmt::format("{}: {}", file.string(), why)}; };
    std::error_code ec;
    const auto st = fs::status(file, ec);
    if (!fs::exists(st)) return fail("no such file: check the name and the folder");
    if (fs::is_directory(st)) return fail(fmt::format("is a folder: name {} inside it", what));
    if (!fs::is_regular_file(st)) return fail(fmt::format("is not a file but a device or a pipe: name {}", what));
    const std::uintmax_t size = fs::file_size(file, ec);
    if (!ec && size > maxBytes)
        return fail(fmt::format("is {} bytes, more than the {} Soma reads for {}: is it the right file?", size, maxBytes, what));
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(fmt::format("cannot be read ({})", std::strerror(errno)));
    std::string text;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return fail(fmt::format("cannot be read ({})", std::strerror(err)));
        }
        if (n == 0) break;
        // It may grow while it is read.
        if (text.size() + std::size_t(n) > maxBytes) {
            ::close(fd);
            return fail(fmt::format("is more than the {} bytes Soma reads for {}: is it the right file?", maxBytes, what));
        }
        text.append(buf, std::size_t(n));
    }
    ::close(fd);
    return text;
}

Status makePrivateFolder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (!ec) std::filesystem::permissions(folder, std::filesystem::perms::owner_all, ec);
    if (ec) return Error{"file.folder", folder.string() + ": cannot make it a folder only you may enter: " + ec.message()};
    return Ok{};
}

} // namespace soma
