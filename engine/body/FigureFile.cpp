#include "body/FigureFile.h"

#include "core/Files.h"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace soma {
namespace {

constexpr char kMagic[8] = {'S', 'O', 'M', 'A', 'F', 'I', 'G', '\0'};

std::uint64_t fnv1a(const unsigned char* data, size_t n) {
    std::uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; ++i) {
        h ^= data[i];
        h *= 1099511628211ull;
    }
    return h;
}

class Writer {
public:
    std::vector<unsigned char> bytes;
    void raw(const void* p, size_t n) {
        auto* c = static_cast<const unsigned char*>(p);
        bytes.insert(bytes.end(), c, c + n);
    }
    template <class T> void put(const T& v) { raw(&v, sizeof v); }
    void str(const std::string& s) {
        put(std::uint32_t(s.size()));
        raw(s.data(), s.size());
    }
    void mesh(const Mesh& m) {
        put(std::uint32_t(m.vertices.size()));
        put(std::uint32_t(m.indices.size()));
        raw(m.vertices.data(), m.vertices.size() * sizeof(FigureVertex));
        raw(m.indices.data(), m.indices.size() * sizeof(std::uint32_t));
    }
};

class Reader {
public:
    Reader(const std::vector<unsigned char>& b) : mBytes(b) {}
    bool ok = true;
    void raw(void* p, size_t n) {
        if (!ok || mBytes.size() - mPos < n) {
            ok = false;
            return;
        }
        std::memcpy(p, mBytes.data() + mPos, n);
        mPos += n;
    }
    template <class T> T get() {
        T v{};
        raw(&v, sizeof v);
        return v;
    }
    std::string str() {
        auto n = get<std::uint32_t>();
        if (!ok || n > 4096) { ok = false; return {}; }
        std::string s(n, '\0');
        raw(s.data(), n);
        return s;
    }
    void mesh(Mesh& m) {
        auto nv = get<std::uint32_t>(), ni = get<std::uint32_t>();
        // A count larger than what is left cannot be right; check before allocating.
        if (!ok || size_t(nv) * sizeof(FigureVertex) + size_t(ni) * 4 > mBytes.size() - mPos) { ok = false; return; }
        m.vertices.resize(nv);
        m.indices.resize(ni);
        raw(m.vertices.data(), nv * sizeof(FigureVertex));
        raw(m.indices.data(), size_t(ni) * 4);
        for (auto i : m.indices)
            if (i >= nv) { ok = false; return; }
    }
    size_t pos() const { return mPos; }

private:
    const std::vector<unsigned char>& mBytes;
    size_t mPos = 0;
};

} // namespace

const char* toString(BodyBuild build) {
    switch (build) {
    case BodyBuild::Slim: return "slim";
    case BodyBuild::Broad: return "broad";
    case BodyBuild::Average: break;
    }
    return "average";
}

std::string bakedFigureName(BodyBuild build, int lod) { return fmt::format("figure-{}-lod{}.bin", toString(build), lod); }

std::vector<unsigned char> encodeFigure(const Figure& f, std::uint64_t planDigest) {
    Writer w;
    w.raw(kMagic, sizeof kMagic);
    w.put(kFigureFormatVersion);
    w.put(planDigest);
    w.put(std::uint32_t(f.desc.build));
    w.put(std::int32_t(f.desc.lod));
    w.put(f.desc.heightM);
    w.put(std::uint32_t(f.skeleton.size()));
    for (const auto& j : f.skeleton) {
        w.str(j.name);
        w.put(std::int32_t(j.parent));
        w.put(j.bindPosition);
    }
    w.mesh(f.skin);
    w.put(std::uint32_t(f.anatomy.size()));
    for (const auto& a : f.anatomy) {
        w.str(a.region);
        w.mesh(a.mesh);
    }
    w.put(f.landmarks);
    w.put(fnv1a(w.bytes.data(), w.bytes.size()));
    return std::move(w.bytes);
}

Result<Figure> decodeFigure(const std::vector<unsigned char>& bytes, std::uint64_t expectedDigest, const std::string& what) {
    auto corrupt = [&](const char* why) {
        return Error{"figure.bake_corrupt", fmt::format("{}: the baked figure is damaged ({}); rebuild Soma to bake it again", what, why)};
    };
    if (bytes.size() < sizeof kMagic + 12 + 8) return corrupt("too short");
    std::uint64_t stored;
    std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
    Reader r(bytes);
    char magic[8];
    r.raw(magic, 8);
    if (std::memcmp(magic, kMagic, 8) != 0) return corrupt("not a Soma figure file");
    auto version = r.get<std::uint32_t>();
    auto digest = r.get<std::uint64_t>();
    if (version != kFigureFormatVersion || digest != expectedDigest)
        return Error{"figure.bake_stale",
                     fmt::format("{}: the baked figure was made by another version of Soma (format {}, expected {}); "
                                 "rebuild Soma to bake it again",
                                 what, version, kFigureFormatVersion)};
    if (fnv1a(bytes.data(), bytes.size() - 8) != stored) return corrupt("checksum mismatch");
    Figure f;
    f.desc.build = BodyBuild(r.get<std::uint32_t>());
    f.desc.lod = r.get<std::int32_t>();
    f.desc.heightM = r.get<float>();
    auto joints = r.get<std::uint32_t>();
    if (!r.ok || joints > 255) return corrupt("bad skeleton");
    for (std::uint32_t i = 0; i < joints && r.ok; ++i) {
        Joint j;
        j.name = r.str();
        j.parent = r.get<std::int32_t>();
        j.bindPosition = r.get<glm::vec3>();
        if (j.parent >= int(i)) return corrupt("a joint's parent comes after it");
        f.skeleton.push_back(std::move(j));
    }
    r.mesh(f.skin);
    auto parts = r.get<std::uint32_t>();
    if (!r.ok || parts > 64) return corrupt("bad anatomy");
    for (std::uint32_t i = 0; i < parts && r.ok; ++i) {
        AnatomyPart a;
        a.region = r.str();
        r.mesh(a.mesh);
        f.anatomy.push_back(std::move(a));
    }
    f.landmarks = r.get<Landmarks>();
    if (!r.ok || r.pos() + 8 != bytes.size()) return corrupt("bad layout");
    for (const auto* m : {&f.skin}) {
        for (const auto& v : m->vertices)
            for (auto j : v.joints)
                if (j >= f.skeleton.size()) return corrupt("a joint index out of range");
    }
    return f;
}

Status writeFigureFile(const Figure& figure, std::uint64_t planDigest, const std::filesystem::path& path) {
    auto bytes = encodeFigure(figure, planDigest);
    AtomicWriteDesc wd;
    wd.createFolder = true;
    wd.sync = false; // a figure lost in a crash is baked again
    if (auto written = writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), wd); !written)
        return Error{"figure.bake_write", written.error().message};
    return Ok{};
}

Result<Figure> readFigureFile(const std::filesystem::path& path, std::uint64_t expectedDigest) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"figure.bake_missing", fmt::format("{}: no baked figure", path.string())};
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return decodeFigure(bytes, expectedDigest, path.string());
}

} // namespace soma
