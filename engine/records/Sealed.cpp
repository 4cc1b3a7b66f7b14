#include "records/Sealed.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace soma {
namespace {

constexpr std::string_view kKeyMagic{"SOMAKEY\x01", 8};
constexpr std::string_view kStreamMagic{"SOMAREC\x01", 8};
// Small enough that a record never needs one allocation the size of
// itself twice over, large enough that the 17 bytes per chunk do not count.
constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kAeadNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kAeadTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kStreamHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kStreamTag = crypto_secretstream_xchacha20poly1305_ABYTES;

static_assert(kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kKeyBytes == crypto_secretstream_xchacha20poly1305_KEYBYTES);

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string keyBinding(std::string_view id) { return std::string(kKeyMagic) + "soma-records key " + std::string(id); }
std::string streamBinding(std::string_view binding) { return std::string(kStreamMagic) + "soma-records " + std::string(binding); }

} // namespace

SecretBytes::SecretBytes(std::size_t size) : mSize(size) {
    mData = static_cast<unsigned char*>(sodium_malloc(size));
    if (!mData) throw std::bad_alloc();
}

SecretBytes::~SecretBytes() {
    if (mData) sodium_free(mData); // wipes first, read-only or not
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : mData(std::exchange(other.mData, nullptr)), mSize(std::exchange(other.mSize, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        if (mData) sodium_free(mData);
        mData = std::exchange(other.mData, nullptr);
        mSize = std::exchange(other.mSize, 0);
    }
    return *this;
}

void SecretBytes::makeReadOnly() {
    if (mData) sodium_mprotect_readonly(mData);
}

bool sodiumReady() { return sodium_init() >= 0; }

SecretBytes randomKey() {
    SecretBytes key(kKeyBytes);
    randombytes_buf(key.data(), key.size());
    return key;
}

std::string randomHex(std::size_t n) {
    std::string raw(n, '\0');
    randombytes_buf(raw.data(), n);
    return toHex(raw);
}

std::string toHex(std::string_view in) {
    std::string out(in.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes(in), in.size());
    out.pop_back();
    return out;
}

std::optional<std::string> fromHex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out(hex.size() / 2, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
        len != out.size() || end != hex.data() + hex.size())
        return std::nullopt;
    return out;
}

std::string wrapKey(const SecretBytes& clientKey, const SecretBytes& master, std::string_view id) {
    const std::string ad = keyBinding(id);
    std::string out(kKeyMagic);
    out.resize(kKeyMagic.size() + kAeadNonce + clientKey.size() + kAeadTag);
    auto* nonce = reinterpret_cast<unsigned char*>(out.data() + kKeyMagic.size());
    randombytes_buf(nonce, kAeadNonce);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kAeadNonce, &clen, clientKey.data(), clientKey.size(), bytes(ad), ad.size(), nullptr,
                                               nonce, master.data());
    return out;
}

std::optional<SecretBytes> unwrapKey(std::string_view sealed, const SecretBytes& master, std::string_view id) {
    if (sealed.size() != kKeyMagic.size() + kAeadNonce + kKeyBytes + kAeadTag || !sealed.starts_with(kKeyMagic)) return std::nullopt;
    const std::string ad = keyBinding(id);
    const unsigned char* nonce = bytes(sealed) + kKeyMagic.size();
    SecretBytes key(kKeyBytes);
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &mlen, nullptr, nonce + kAeadNonce, kKeyBytes + kAeadTag, bytes(ad), ad.size(),
                                                   nonce, master.data()) != 0 ||
        mlen != kKeyBytes)
        return std::nullopt;
    return key;
}

std::string sealText(std::string_view text, const SecretBytes& key, std::string_view binding) {
    const std::string ad = streamBinding(binding);
    const std::size_t chunks = std::max<std::size_t>(1, (text.size() + kChunkBytes - 1) / kChunkBytes);
    std::string out(kStreamMagic);
    out.resize(kStreamMagic.size() + kStreamHeader + text.size() + chunks * kStreamTag);
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    std::size_t at = kStreamMagic.size();
    crypto_secretstream_xchacha20poly1305_state st;
    crypto_secretstream_xchacha20poly1305_init_push(&st, o + at, key.data());
    at += kStreamHeader;
    std::size_t done = 0;
    bool first = true;
    do {
        const std::size_t n = std::min(kChunkBytes, text.size() - done);
        const unsigned char tag = done + n == text.size() ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                          : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        unsigned long long clen = 0;
        crypto_secretstream_xchacha20poly1305_push(&st, o + at, &clen, bytes(text) + done, n, first ? bytes(ad) : nullptr,
                                                   first ? ad.size() : 0, tag);
        at += std::size_t(clen);
        done += n;
        first = false;
    } while (done < text.size());
    sodium_memzero(&st, sizeof st);
    out.resize(at);
    return out;
}

std::optional<std::string> openText(std::string_view sealed, const SecretBytes& key, std::string_view binding) {
    if (sealed.size() < kStreamMagic.size() + kStreamHeader || !sealed.starts_with(kStreamMagic)) return std::nullopt;
    const std::string ad = streamBinding(binding);
    crypto_secretstream_xchacha20poly1305_state st;
    std::size_t at = kStreamMagic.size();
    if (crypto_secretstream_xchacha20poly1305_init_pull(&st, bytes(sealed) + at, key.data()) != 0) return std::nullopt;
    at += kStreamHeader;
    std::string out;
    out.reserve(sealed.size()); // one buffer, so wiping it wipes every copy of the text
    unsigned char tag = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    bool first = true;
    bool ok = true;
    // A writer cut short leaves a stream without its FINAL chunk: the loop
    // ends on a MESSAGE tag (or on no chunk at all) and the text is refused.
    while (ok && at < sealed.size()) {
        const std::size_t clen = std::min(sealed.size() - at, kChunkBytes + kStreamTag);
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL || clen < kStreamTag) {
            ok = false; // bytes after the end, or a chunk too short to be one
            break;
        }
        const std::size_t old = out.size();
        out.resize(old + clen - kStreamTag);
        unsigned long long mlen = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&st, reinterpret_cast<unsigned char*>(out.data()) + old, &mlen, &tag,
                                                       bytes(sealed) + at, clen, first ? bytes(ad) : nullptr, first ? ad.size() : 0) != 0) {
            ok = false;
            break;
        }
        out.resize(old + std::size_t(mlen));
        at += clen;
        first = false;
    }
    sodium_memzero(&st, sizeof st);
    if (!ok || first || tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        wipe(out);
        return std::nullopt;
    }
    return out;
}

void wipe(std::string& text) {
    sodium_memzero(text.data(), text.size());
    text.clear();
}

} // namespace soma
