// records/Sealed: the bytes of the practice's encrypted files, libsodium's
// primitives put together once, so records/Practice says what is sealed and
// never how.
//
//   key file:    "SOMAKEY" 0x01 | nonce (24) | XChaCha20-Poly1305 of the
//                client's 32-byte key (48), additional data: the magic and
//                "soma-records key <id>"
//   stream file: "SOMAREC" 0x01 | secretstream header (24) | chunks, each
//                64 KiB of text + 17 bytes (the last one shorter, tagged
//                FINAL); the first chunk's additional data is the magic
//                and "soma-records <kind> <id>"
//
// The magic and version travel in the clear and are authenticated with the
// first chunk, so a file can say what it is without a key and no byte of it
// can change unnoticed. Binding the client id and the file's kind means a
// record copied into another client's folder, or a log renamed to a
// record, fails to open instead of showing the wrong person's data.
//
// Depends on libsodium. Must never return a part of a text that did not
// pass authentication, and never leave a key in memory that is not wiped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace soma {

// Bytes that must not outlive their use: in guarded memory (sodium_malloc,
// locked against swap where the system allows), wiped when freed.
// Move-only.
class SecretBytes {
public:
    explicit SecretBytes(std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    unsigned char* data() { return mData; }
    const unsigned char* data() const { return mData; }
    std::size_t size() const { return mSize; }
    // No more writes: a stray one then faults instead of changing the key.
    void makeReadOnly();

private:
    unsigned char* mData = nullptr;
    std::size_t mSize = 0;
};

inline constexpr std::size_t kKeyBytes = 32;

// False when libsodium cannot start (no source of randomness).
bool sodiumReady();

// A fresh random key, and random bytes as lowercase hex.
SecretBytes randomKey();
std::string randomHex(std::size_t bytes);

std::string toHex(std::string_view bytes);
std::optional<std::string> fromHex(std::string_view hex);

// The client's key sealed under the master key, bound to the client id.
std::string wrapKey(const SecretBytes& clientKey, const SecretBytes& master, std::string_view id);
// Nullopt when the bytes are not what wrapKey made with this master key
// and id (changed, cut short, another client's).
std::optional<SecretBytes> unwrapKey(std::string_view sealed, const SecretBytes& master, std::string_view id);

// A whole text as a stream file; `binding` is "<kind> <id>".
std::string sealText(std::string_view text, const SecretBytes& key, std::string_view binding);
// Nullopt unless every chunk authenticates, in order, and the last is FINAL
// with nothing after it.
std::optional<std::string> openText(std::string_view sealed, const SecretBytes& key, std::string_view binding);

// Wipes a string that held plain text before it is freed (the standard
// library would leave it in freed memory).
void wipe(std::string& text);

} // namespace soma
