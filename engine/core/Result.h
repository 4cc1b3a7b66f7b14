// core/Result: errors a user can cause come back as values, with a message
// a person understands ("file:line:col: what, and what to do") and a stable
// id. Bugs are asserts, not Results.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace soma {

struct Error {
    std::string id;      // stable, e.g. "script.syntax"
    std::string message; // for people
};

// [[nodiscard]]: a failure nobody looked at is a failure lost; a caller that
// truly does not care says so with (void).
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : mData(std::move(value)) {}
    Result(Error error) : mData(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(mData); }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<T>(mData); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(mData)); }
    const T& value() const& { assert(ok()); return std::get<T>(mData); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    const Error& error() const { assert(!ok()); return std::get<Error>(mData); }

private:
    std::variant<T, Error> mData;
};

// For operations that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

} // namespace soma
