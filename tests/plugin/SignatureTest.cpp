// A kiosk's native plugins are checked against minisign signatures made by
// Debian's real minisign: what it signs is accepted, and every way a file,
// its signature or the key can be wrong is refused with its own reason.
#include "plugin/PluginTestSupport.h"
#include "plugin/Signature.h"
#include "support/Minisign.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace soma {
namespace {

namespace fs = std::filesystem;

class SignatureTest : public ::testing::Test {
protected:
    fs::path dir = test::scratchDir("signature");
    test::MinisignKeyFiles key = test::makeMinisignKey(dir / "centre");
    fs::path file = dir / "libexercise.so";
    std::vector<MinisignKey> trusted;

    void SetUp() override {
        std::ofstream(file) << "a plugin's bytes, as many as it has\n";
        auto k = parseMinisignKey(key.publicLine());
        ASSERT_TRUE(k) << k.error().message;
        trusted.push_back(*k);
    }
};

TEST_F(SignatureTest, AFileSignedByATrustedKeyIsAcceptedWithItsComment) {
    test::minisignFile(key, file, "breathing 1.2, built by the centre");
    auto v = verifyMinisign(file, trusted);
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_EQ(v->trustedComment, "breathing 1.2, built by the centre");
    // The key id is the one minisign prints on the .pub file's first line,
    // which older minisign releases write without leading zeros.
    const std::string pub = test::readAll(key.pub);
    const std::string firstLine = pub.substr(0, pub.find('\n'));
    std::string printed = firstLine.substr(firstLine.rfind(' ') + 1);
    printed.insert(0, 16 - std::min<std::size_t>(16, printed.size()), '0');
    EXPECT_EQ(v->keyId, printed) << firstLine;
}

TEST_F(SignatureTest, AChangedFileIsRefused) {
    test::minisignFile(key, file, "as built");
    std::ofstream(file, std::ios::app) << "one more byte";
    auto v = verifyMinisign(file, trusted);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().id, "signature.bad");
    EXPECT_NE(v.error().message.find(file.string()), std::string::npos);
}

TEST_F(SignatureTest, AChangedTrustedCommentIsRefused) {
    test::minisignFile(key, file, "version 1");
    std::string sig = test::readAll(file.string() + ".minisig");
    sig.replace(sig.find("version 1"), 9, "version 2");
    std::ofstream(file.string() + ".minisig") << sig;
    auto v = verifyMinisign(file, trusted);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().id, "signature.bad");
    EXPECT_NE(v.error().message.find("trusted comment"), std::string::npos) << v.error().message;
}

TEST_F(SignatureTest, AKeyTheConfigDoesNotListIsRefused) {
    const auto other = test::makeMinisignKey(dir / "someone-else");
    test::minisignFile(other, file, "not ours");
    auto v = verifyMinisign(file, trusted);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().id, "signature.untrusted");
    EXPECT_NE(v.error().message.find("trusted_keys"), std::string::npos) << v.error().message;
}

// A signature naming a trusted key's id, made with another key.
TEST_F(SignatureTest, ASignatureWithATrustedIdButAnotherKeyIsRefused) {
    const auto other = test::makeMinisignKey(dir / "impostor");
    test::minisignFile(other, file, "looks like the centre");
    auto impostor = parseMinisignKey(other.publicLine());
    ASSERT_TRUE(impostor);
    MinisignKey trustedId = *impostor;      // the id the signature names ...
    trustedId.publicKey = trusted.front().publicKey; // ... with the centre's key behind it
    auto v = verifyMinisign(file, {trustedId});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().id, "signature.bad");
}

TEST_F(SignatureTest, NoSignatureTheLegacyFormAndGarbageAreRefused) {
    auto missing = verifyMinisign(file, trusted);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().id, "signature.missing");
    EXPECT_NE(missing.error().message.find("minisign -S"), std::string::npos) << "says how to sign it";

    test::minisignFile(key, file, "old form", true);
    auto legacy = verifyMinisign(file, trusted);
    ASSERT_FALSE(legacy);
    EXPECT_EQ(legacy.error().id, "signature.format");
    EXPECT_NE(legacy.error().message.find("legacy"), std::string::npos);

    std::ofstream(file.string() + ".minisig") << "untrusted comment: x\nnot base64 at all\ntrusted comment: y\nzzz\n";
    auto garbage = verifyMinisign(file, trusted);
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().id, "signature.format");
}

TEST_F(SignatureTest, APublicKeyIsReadOnlyFromItsOwnLine) {
    EXPECT_TRUE(parseMinisignKey(key.publicLine()));
    EXPECT_FALSE(parseMinisignKey("untrusted comment: minisign public key"));
    EXPECT_FALSE(parseMinisignKey(""));
}

} // namespace
} // namespace soma
