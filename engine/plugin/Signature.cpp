#include "plugin/Signature.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>

namespace soma {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kKeyBytes = 2 + 8 + crypto_sign_PUBLICKEYBYTES;  // "Ed", id, key
constexpr std::size_t kSigBytes = 2 + 8 + crypto_sign_BYTES;           // "ED", id, signature
constexpr std::string_view kTrusted = "trusted comment: ";

// Base64 (the original alphabet, as minisign writes it) into exactly `want` bytes.
bool decode(std::string_view text, std::uint8_t* out, std::size_t want) {
    std::vector<std::uint8_t> buf(want + 8);
    std::size_t len = 0;
    if (sodium_base642bin(buf.data(), buf.size(), text.data(), text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != want)
        return false;
    std::copy_n(buf.begin(), want, out);
    return true;
}

std::string trimEnd(std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
}

// BLAKE2b-512 of the whole file, read in blocks.
bool hashFile(const fs::path& file, std::array<std::uint8_t, crypto_generichash_BYTES_MAX>& out) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(file.c_str(), "rb"), std::fclose);
    if (!f) return false;
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, out.size());
    std::vector<unsigned char> block(1 << 16);
    std::size_t n = 0;
    while ((n = std::fread(block.data(), 1, block.size(), f.get())) > 0) crypto_generichash_update(&state, block.data(), n);
    if (std::ferror(f.get())) return false;
    crypto_generichash_final(&state, out.data(), out.size());
    return true;
}

} // namespace

std::string MinisignKey::idHex() const {
    // minisign prints the id's bytes from the last to the first.
    std::string s;
    for (auto it = id.rbegin(); it != id.rend(); ++it) s += fmt::format("{:02X}", *it);
    return s;
}

Result<MinisignKey> parseMinisignKey(std::string_view base64) {
    if (sodium_init() < 0) return Error{"signature.key", "libsodium could not start"};
    std::uint8_t raw[kKeyBytes];
    if (!decode(base64, raw, sizeof raw) || raw[0] != 'E' || raw[1] != 'd')
        return Error{"signature.key", "not a minisign public key: use the second line of the key's .pub file (it begins with RW)"};
    MinisignKey k;
    std::copy_n(raw + 2, 8, k.id.begin());
    std::copy_n(raw + 10, crypto_sign_PUBLICKEYBYTES, k.publicKey.begin());
    return k;
}

Result<VerifiedSignature> verifyMinisign(const fs::path& file, const std::vector<MinisignKey>& trusted) {
    if (sodium_init() < 0) return Error{"signature.read", "libsodium could not start"};
    const fs::path sigFile = fs::path(file.string() + ".minisig");
    const std::string signHint = fmt::format("sign it with `minisign -S -s YOUR.key -m {}` and keep the .minisig beside it", file.string());
    std::ifstream in(sigFile);
    if (!in) return Error{"signature.missing", fmt::format("{}: not signed (no {} beside it); {}", file.string(), sigFile.filename().string(), signHint)};
    std::string lines[4];
    for (auto& l : lines) {
        std::getline(in, l);
        l = trimEnd(std::move(l));
    }
    auto format = [&](std::string_view what) {
        return Error{"signature.format", fmt::format("{}: {} {}; {}", sigFile.string(), "is not a minisign signature:", what, signHint)};
    };
    if (lines[0].rfind("untrusted comment:", 0) != 0) return format("its first line is not an untrusted comment");
    std::uint8_t sig[kSigBytes];
    if (!decode(lines[1], sig, sizeof sig)) return format("its second line is not a signature");
    if (sig[0] == 'E' && sig[1] == 'd')
        return Error{"signature.format", fmt::format("{}: made in minisign's legacy form (-l), which is not accepted; {}", sigFile.string(), signHint)};
    if (sig[0] != 'E' || sig[1] != 'D') return format("its signature is of an unknown kind");
    if (lines[2].rfind(kTrusted, 0) != 0) return format("its third line is not a trusted comment");
    std::uint8_t global[crypto_sign_BYTES];
    if (!decode(lines[3], global, sizeof global)) return format("its fourth line is not the trusted comment's signature");

    const MinisignKey* key = nullptr;
    for (const auto& k : trusted)
        if (std::equal(k.id.begin(), k.id.end(), sig + 2)) key = &k;
    if (!key) {
        MinisignKey unknown;
        std::copy_n(sig + 2, 8, unknown.id.begin());
        return Error{"signature.untrusted",
                     fmt::format("{}: signed by key {}, which the kiosk config does not trust; add its public key to trusted_keys, "
                                 "or sign it with a trusted key",
                                 file.string(), unknown.idHex())};
    }
    std::array<std::uint8_t, crypto_generichash_BYTES_MAX> hash{};
    if (!hashFile(file, hash)) return Error{"signature.read", fmt::format("{}: could not be read to check its signature", file.string())};
    if (crypto_sign_verify_detached(sig + 10, hash.data(), hash.size(), key->publicKey.data()) != 0)
        return Error{"signature.bad",
                     fmt::format("{}: does not match its signature (changed since key {} signed it); do not load it: rebuild, then sign it again",
                                 file.string(), key->idHex())};
    // The trusted comment is signed with the signature it follows.
    const std::string comment = lines[2].substr(kTrusted.size());
    std::vector<std::uint8_t> signedComment(sig + 10, sig + kSigBytes);
    signedComment.insert(signedComment.end(), comment.begin(), comment.end());
    if (crypto_sign_verify_detached(global, signedComment.data(), signedComment.size(), key->publicKey.data()) != 0)
        return Error{"signature.bad", fmt::format("{}: its trusted comment was changed after key {} signed it; sign the file again",
                                                  sigFile.string(), key->idHex())};
    return VerifiedSignature{key->idHex(), comment};
}

} // namespace soma
