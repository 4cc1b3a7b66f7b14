// plugin/Signature: is this file signed by a key we trust? Signatures are
// minisign's (Debian's `minisign`), in its default prehashed form: beside
// `libx.so` lies `libx.so.minisig`, whose second line is base64 of "ED",
// the 8-byte key id and an Ed25519 signature of the file's BLAKE2b-512,
// and whose fourth line signs that signature together with the trusted
// comment (line three), so the comment cannot be swapped either. Checked
// through libsodium, which the program already links.
//
// A kiosk loads a native plugin only when this says yes; the reasons it
// says no are for the person who signs plugins (what to run to fix it).
// Depends on core/ and libsodium. Must never accept a file it could not
// read whole, a legacy (not prehashed) signature, or a key id that does
// not match the key that verified it.
#pragma once

#include "core/Result.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace soma {

struct MinisignKey {
    std::array<std::uint8_t, 8> id{};
    std::array<std::uint8_t, 32> publicKey{};
    std::string idHex() const; // as minisign prints it ("7C72FD098A0DE11E")
};

// The second line of a minisign .pub file ("RW..."). Error "signature.key".
Result<MinisignKey> parseMinisignKey(std::string_view base64);

struct VerifiedSignature {
    std::string keyId;          // the trusted key that signed it
    std::string trustedComment; // what the signer wrote with -t
};

// `file` checked against `file`.minisig with the trusted keys. Errors,
// each naming the file: "signature.missing" (no .minisig beside it),
// "signature.format" (not a minisign signature, or the legacy form),
// "signature.untrusted" (signed by a key the config does not list),
// "signature.bad" (the file or its trusted comment changed since it was
// signed), "signature.read" (the file could not be read).
Result<VerifiedSignature> verifyMinisign(const std::filesystem::path& file, const std::vector<MinisignKey>& trusted);

} // namespace soma
