#include "body/IsoMesher.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace soma {

IsoMesh meshIsoSurface(const ScalarField& field, glm::vec3 lo, glm::vec3 hi, float cellM) {
    const int nx = int(std::ceil((hi.x - lo.x) / cellM)) + 1;
    const int ny = int(std::ceil((hi.y - lo.y) / cellM)) + 1;
    const int nz = int(std::ceil((hi.z - lo.z) / cellM)) + 1;
    auto at = [&](int i, int j, int k) { return (size_t(k) * ny + j) * nx + i; };
    auto pos = [&](int i, int j, int k) { return lo + glm::vec3(float(i), float(j), float(k)) * cellM; };

    std::vector<float> f(size_t(nx) * ny * nz);
    constexpr int kBlock = 8;
    for (int bk = 0; bk < nz; bk += kBlock)
        for (int bj = 0; bj < ny; bj += kBlock)
            for (int bi = 0; bi < nx; bi += kBlock) {
                int ei = std::min(bi + kBlock, nx), ej = std::min(bj + kBlock, ny), ek = std::min(bk + kBlock, nz);
                glm::vec3 c = (pos(bi, bj, bk) + pos(ei - 1, ej - 1, ek - 1)) * 0.5f;
                float halfDiag = glm::length(pos(ei - 1, ej - 1, ek - 1) - pos(bi, bj, bk)) * 0.5f;
                float fc = field(c);
                // Generous margin: our shapes are only close to true distances.
                bool far = std::abs(fc) > 1.5f * halfDiag + 3.0f * cellM;
                for (int k = bk; k < ek; ++k)
                    for (int j = bj; j < ej; ++j)
                        for (int i = bi; i < ei; ++i) f[at(i, j, k)] = far ? fc : field(pos(i, j, k));
            }

    IsoMesh out;
    std::unordered_map<std::uint64_t, std::uint32_t> edgeVertex;
    edgeVertex.reserve(1 << 16);
    // Corner c of a cube is offset (c & 1, c >> 1 & 1, c >> 2 & 1).
    auto vertexOn = [&](int i, int j, int k, int c0, int c1) -> std::uint32_t {
        // In a Kuhn tetrahedron every edge runs from a lower corner to a
        // higher one in each axis, so (lower corner, direction) names it.
        int ai = i + (c0 & 1), aj = j + (c0 >> 1 & 1), ak = k + (c0 >> 2 & 1);
        int d = c1 - c0; // a bit mask with c0's bits a subset of c1's
        std::uint64_t key = std::uint64_t(at(ai, aj, ak)) * 7u + std::uint64_t(d - 1);
        auto it = edgeVertex.find(key);
        if (it != edgeVertex.end()) return it->second;
        int bi = i + (c1 & 1), bj = j + (c1 >> 1 & 1), bk = k + (c1 >> 2 & 1);
        float fa = f[at(ai, aj, ak)], fb = f[at(bi, bj, bk)];
        // Keep crossings off the grid points so no triangle collapses.
        float t = std::clamp(fa / (fa - fb), 0.01f, 0.99f);
        auto idx = std::uint32_t(out.positions.size());
        out.positions.push_back(glm::mix(pos(ai, aj, ak), pos(bi, bj, bk), t));
        edgeVertex.emplace(key, idx);
        return idx;
    };
    static const int kPerm[6][3] = {{1, 2, 4}, {1, 4, 2}, {2, 1, 4}, {2, 4, 1}, {4, 1, 2}, {4, 2, 1}};
    auto axisOf = [](int bitValue) { return bitValue == 1 ? 0 : bitValue == 2 ? 1 : 2; };

    for (int k = 0; k + 1 < nz; ++k)
        for (int j = 0; j + 1 < ny; ++j)
            for (int i = 0; i + 1 < nx; ++i) {
                float cv[8];
                int inside = 0;
                for (int c = 0; c < 8; ++c) {
                    cv[c] = f[at(i + (c & 1), j + (c >> 1 & 1), k + (c >> 2 & 1))];
                    inside += cv[c] < 0.0f;
                }
                if (inside == 0 || inside == 8) continue;
                for (const auto& p : kPerm) {
                    const int v[4] = {0, p[0], p[0] | p[1], 7};
                    glm::vec3 grad(0.0f);
                    grad[axisOf(p[0])] = cv[v[1]] - cv[v[0]];
                    grad[axisOf(p[1])] = cv[v[2]] - cv[v[1]];
                    grad[axisOf(p[2])] = cv[v[3]] - cv[v[2]];
                    int in[4], out4[4], ni = 0, no = 0;
                    for (int q = 0; q < 4; ++q) (cv[v[q]] < 0.0f ? in[ni++] : out4[no++]) = q;
                    if (ni == 0 || ni == 4) continue;
                    auto edge = [&](int a, int b) {
                        int lo2 = std::min(a, b), hi2 = std::max(a, b); // tet vertex order is the corner order
                        return vertexOn(i, j, k, v[lo2], v[hi2]);
                    };
                    auto emit = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c) {
                        glm::vec3 n = glm::cross(out.positions[b] - out.positions[a], out.positions[c] - out.positions[a]);
                        if (glm::dot(n, grad) < 0.0f) std::swap(b, c);
                        out.indices.insert(out.indices.end(), {a, b, c});
                    };
                    if (ni == 1 || ni == 3) {
                        int lone = ni == 1 ? in[0] : out4[0];
                        int others[3], m = 0;
                        for (int q = 0; q < 4; ++q)
                            if (q != lone) others[m++] = q;
                        emit(edge(lone, others[0]), edge(lone, others[1]), edge(lone, others[2]));
                    } else {
                        std::uint32_t e00 = edge(in[0], out4[0]), e01 = edge(in[0], out4[1]);
                        std::uint32_t e11 = edge(in[1], out4[1]), e10 = edge(in[1], out4[0]);
                        emit(e00, e01, e11);
                        emit(e00, e11, e10);
                    }
                }
            }
    return out;
}

bool isClosedManifold(const std::vector<std::uint32_t>& indices) {
    if (indices.empty() || indices.size() % 3) return false;
    std::unordered_map<std::uint64_t, int> directed;
    directed.reserve(indices.size() * 2);
    for (size_t t = 0; t < indices.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            std::uint32_t a = indices[t + e], b = indices[t + (e + 1) % 3];
            if (a == b) return false;
            if (++directed[(std::uint64_t(a) << 32) | b] > 1) return false;
        }
    for (const auto& [key, n] : directed) {
        std::uint64_t reverse = (key << 32) | (key >> 32);
        if (!directed.count(reverse)) return false;
    }
    return true;
}

} // namespace soma
