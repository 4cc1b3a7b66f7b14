#include "body/MeshSimplifier.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <queue>
#include <vector>

namespace soma {
namespace {

struct Quadric {
    double a[10] = {}; // symmetric 4x4: xx xy xz xw yy yz yw zz zw ww
    void addPlane(const glm::dvec3& n, double d, double w) {
        double p[4] = {n.x, n.y, n.z, d};
        int k = 0;
        for (int i = 0; i < 4; ++i)
            for (int j = i; j < 4; ++j) a[k++] += w * p[i] * p[j];
    }
    void add(const Quadric& o) {
        for (int i = 0; i < 10; ++i) a[i] += o.a[i];
    }
    double eval(const glm::dvec3& v) const {
        const double x = v.x, y = v.y, z = v.z;
        return a[0] * x * x + 2 * a[1] * x * y + 2 * a[2] * x * z + 2 * a[3] * x + a[4] * y * y + 2 * a[5] * y * z +
               2 * a[6] * y + a[7] * z * z + 2 * a[8] * z + a[9];
    }
};

struct Candidate {
    double cost;
    std::uint32_t from, to;
    std::uint32_t version;
    std::uint32_t rank; // 0: the cheapest collapse of `from`, 1: the next one, ...
    bool operator<(const Candidate& o) const {
        // priority_queue pops the largest: invert, and break ties by index
        // so the order never depends on the heap's internals.
        if (cost != o.cost) return cost > o.cost;
        if (from != o.from) return from > o.from;
        return to > o.to;
    }
};

class Simplifier {
public:
    explicit Simplifier(const IsoMesh& m) : mPos(m.positions), mTris(m.indices) {
        const size_t nv = mPos.size();
        mVertTris.resize(nv);
        mQuadric.resize(nv);
        mVersion.assign(nv, 0);
        mMarkA.assign(nv, 0);
        mMarkB.assign(nv, 0);
        mAlive.assign(mTris.size() / 3, 1);
        for (std::uint32_t t = 0; t < mTris.size() / 3; ++t) {
            for (int c = 0; c < 3; ++c) mVertTris[mTris[3 * t + c]].push_back(t);
            glm::dvec3 p0(mPos[mTris[3 * t]]), p1(mPos[mTris[3 * t + 1]]), p2(mPos[mTris[3 * t + 2]]);
            glm::dvec3 n = glm::cross(p1 - p0, p2 - p0);
            double area2 = glm::length(n);
            if (area2 <= 0.0) continue;
            n /= area2;
            Quadric q;
            q.addPlane(n, -glm::dot(n, p0), area2 * 0.5);
            for (int c = 0; c < 3; ++c) mQuadric[mTris[3 * t + c]].add(q);
        }
        mLive = mTris.size() / 3;
    }

    void run(size_t target) {
        for (std::uint32_t v = 0; v < mPos.size(); ++v) push(v, 0);
        while (mLive > target && !mHeap.empty()) {
            Candidate c = mHeap.top();
            mHeap.pop();
            if (c.version != mVersion[c.from]) continue;
            if (!valid(c.from, c.to)) {
                push(c.from, c.rank + 1); // try its next cheapest; a change around it starts over
                continue;
            }
            collapse(c.from, c.to);
        }
    }

    IsoMesh result() const {
        IsoMesh out;
        std::vector<std::uint32_t> remap(mPos.size(), ~0u);
        for (std::uint32_t t = 0; t < mAlive.size(); ++t) {
            if (!mAlive[t]) continue;
            for (int c = 0; c < 3; ++c) {
                std::uint32_t v = mTris[3 * t + c];
                if (remap[v] == ~0u) {
                    remap[v] = std::uint32_t(out.positions.size());
                    out.positions.push_back(mPos[v]);
                }
                out.indices.push_back(remap[v]);
            }
        }
        return out;
    }

private:
    // The distinct neighbours of v, marked with a fresh stamp in `mark`
    // (no sorting: this runs for every candidate).
    void neighbours(std::uint32_t v, std::vector<std::uint32_t>& out, std::vector<std::uint32_t>& mark) {
        out.clear();
        const std::uint32_t stamp = ++mStamp;
        for (auto t : mVertTris[v])
            for (int c = 0; c < 3; ++c) {
                auto w = mTris[3 * t + c];
                if (w != v && mark[w] != stamp) {
                    mark[w] = stamp;
                    out.push_back(w);
                }
            }
    }

    double cost(std::uint32_t from, std::uint32_t to) const {
        Quadric q = mQuadric[from];
        q.add(mQuadric[to]);
        glm::dvec3 p(mPos[to]);
        double e = glm::length(glm::dvec3(mPos[from]) - p);
        // A little edge length keeps triangles even where the surface is flat.
        return std::max(0.0, q.eval(p)) + 1e-4 * e * e * e * e;
    }

    bool valid(std::uint32_t from, std::uint32_t to) {
        // Link condition: the common neighbours are exactly the two vertices
        // opposite the edge.
        neighbours(from, mA, mMarkA);
        const std::uint32_t fromStamp = mStamp;
        if (mMarkA[to] != fromStamp) return false;
        neighbours(to, mB, mMarkB);
        int common = 0;
        for (auto w : mB) common += mMarkA[w] == fromStamp;
        int shared = 0;
        for (auto t : mVertTris[from]) shared += has(t, to);
        if (shared != 2 || common != 2) return false;
        if (mA.size() < 3 || mB.size() < 4) return false; // keep at least a tetrahedron around
        const glm::vec3 target = mPos[to];
        for (auto t : mVertTris[from]) {
            if (has(t, to)) continue;
            glm::vec3 p[3], q[3];
            for (int c = 0; c < 3; ++c) {
                auto w = mTris[3 * t + c];
                p[c] = mPos[w];
                q[c] = w == from ? target : mPos[w];
            }
            glm::vec3 n0 = glm::cross(p[1] - p[0], p[2] - p[0]);
            glm::vec3 n1 = glm::cross(q[1] - q[0], q[2] - q[0]);
            float l0 = glm::length(n0), l1 = glm::length(n1);
            if (l1 <= 1e-12f) return false;
            if (l0 > 0.0f && glm::dot(n0, n1) < 0.3f * l0 * l1) return false; // flips or folds
            float e2 = glm::dot(q[1] - q[0], q[1] - q[0]) + glm::dot(q[2] - q[1], q[2] - q[1]) + glm::dot(q[0] - q[2], q[0] - q[2]);
            // Quality 1 for an equilateral triangle; refuse slivers.
            if (3.4641f * l1 / e2 < 0.10f) return false;
        }
        return true;
    }

    bool has(std::uint32_t t, std::uint32_t v) const {
        return mTris[3 * t] == v || mTris[3 * t + 1] == v || mTris[3 * t + 2] == v;
    }

    void collapse(std::uint32_t from, std::uint32_t to) {
        for (auto t : mVertTris[from]) {
            if (has(t, to)) {
                mAlive[t] = 0;
                --mLive;
                for (int c = 0; c < 3; ++c) {
                    auto w = mTris[3 * t + c];
                    if (w == from) continue;
                    auto& l = mVertTris[w];
                    l.erase(std::remove(l.begin(), l.end(), t), l.end());
                }
            } else {
                for (int c = 0; c < 3; ++c)
                    if (mTris[3 * t + c] == from) mTris[3 * t + c] = to;
                mVertTris[to].push_back(t);
            }
        }
        mVertTris[from].clear();
        mQuadric[to].add(mQuadric[from]);
        ++mVersion[from];
        neighbours(to, mA, mMarkA);
        std::vector<std::uint32_t> around = mA;
        around.push_back(to);
        for (auto w : around) {
            ++mVersion[w];
            push(w, 0);
        }
    }

    // Pushes v's rank-th cheapest collapse (validity is checked when it
    // comes up, which is rarer than pushing).
    void push(std::uint32_t v, std::uint32_t rank) {
        if (mVertTris[v].empty()) return;
        neighbours(v, mC, mMarkA);
        if (rank >= mC.size()) return;
        mOptions.clear();
        for (auto w : mC) mOptions.push_back({cost(v, w), w});
        std::nth_element(mOptions.begin(), mOptions.begin() + rank, mOptions.end());
        const auto& [c, w] = mOptions[rank];
        mHeap.push({c, v, w, mVersion[v], rank});
    }

    std::vector<glm::vec3> mPos;
    std::vector<std::uint32_t> mTris;
    std::vector<std::vector<std::uint32_t>> mVertTris;
    std::vector<Quadric> mQuadric;
    std::vector<std::uint32_t> mVersion;
    std::vector<char> mAlive;
    size_t mLive = 0;
    std::priority_queue<Candidate> mHeap;
    std::vector<std::uint32_t> mA, mB, mC;
    std::vector<std::uint32_t> mMarkA, mMarkB;
    std::uint32_t mStamp = 0;
    std::vector<std::pair<double, std::uint32_t>> mOptions;
};

} // namespace

IsoMesh simplifyManifold(const IsoMesh& mesh, size_t targetTriangles) {
    Simplifier s(mesh);
    s.run(targetTriangles);
    return s.result();
}

} // namespace soma
