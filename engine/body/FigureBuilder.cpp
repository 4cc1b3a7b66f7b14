#include "body/FigureBuilder.h"

#include "body/BodyPlan.h"
#include "body/IsoMesher.h"
#include "body/MeshSimplifier.h"
#include "core/Log.h"
#include "model/RegionAtlas.h"

#include <glm/geometric.hpp>
#include <meshoptimizer.h>

#include <algorithm>
#include <cmath>

namespace soma {
namespace {

// Grid spacing of the skin before simplification, and the triangle counts
// each level of detail is simplified to.
constexpr float kSkinCellM = 0.009f;
constexpr int kSkinTriangles[kFigureLods] = {42000, 9000};
// Softness of the skinning blend between neighbouring shapes (metres of
// distance difference per e-fold), of region borders, and how far a region
// core is pushed away from vertices on a chain it does not belong to.
constexpr float kSkinSoftnessM = 0.012f;
constexpr float kRegionSoftnessM = 0.016f;
constexpr float kRegionOffChainM = 0.10f;

float smooth01(float e0, float e1, float x) {
    float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

struct Weighted {
    int id;
    float w;
};

// The four largest weights, scaled to integers that sum to exactly 255
// (largest remainders get the leftover units), ties broken by id so the
// result never depends on the order weights were found in.
void quantize4(std::vector<Weighted> ws, std::array<std::uint8_t, 4>& ids, std::array<std::uint8_t, 4>& q) {
    std::sort(ws.begin(), ws.end(), [](const Weighted& a, const Weighted& b) { return a.w != b.w ? a.w > b.w : a.id < b.id; });
    size_t n = std::min<size_t>(4, ws.size());
    while (n > 1 && ws[n - 1].w <= 0.0f) --n;
    float sum = 0.0f;
    for (size_t i = 0; i < n; ++i) sum += ws[i].w;
    ids = {0, 0, 0, 0};
    q = {0, 0, 0, 0};
    if (n == 0 || sum <= 0.0f) {
        ids[0] = n ? std::uint8_t(ws[0].id) : 0;
        q[0] = 255;
        return;
    }
    int total = 0;
    float frac[4] = {};
    for (size_t i = 0; i < n; ++i) {
        float s = ws[i].w / sum * 255.0f;
        int v = int(std::floor(s));
        q[i] = std::uint8_t(v);
        frac[i] = s - float(v);
        total += v;
        ids[i] = std::uint8_t(ws[i].id);
    }
    for (int left = 255 - total; left > 0; --left) {
        size_t best = 0;
        for (size_t i = 1; i < n; ++i)
            if (frac[i] > frac[best]) best = i;
        q[best] = std::uint8_t(q[best] + 1);
        frac[best] = -1.0f;
    }
    for (size_t i = n; i < 4; ++i) ids[i] = ids[0]; // unused slots point somewhere valid, weight 0
}

// Skinning: a soft-max over the shapes the skin is made of, by how far the
// point is from each shape's surface. Where two shapes meet (the elbow, the
// groin) the point is near both and blends; on a limb it follows the limb.
// A point belongs to at most one limb (the nearest) besides the torso, so
// the inner thighs never follow the other leg, nor a hand the thigh.
void skinWeights(const BodyPlan& plan, const glm::vec3& p, float* joints, float* groups) {
    std::fill(joints, joints + kJointCount, 0.0f);
    std::fill(groups, groups + kSkinGroupCount, 0.0f);
    std::vector<float> d(plan.skin.size());
    float groupMin[kSkinGroupCount];
    std::fill(std::begin(groupMin), std::end(groupMin), 1e9f);
    for (size_t i = 0; i < plan.skin.size(); ++i) {
        d[i] = plan.skin[i].distance(p);
        groupMin[plan.skin[i].group] = std::min(groupMin[plan.skin[i].group], d[i]);
    }
    int limb = kArmLeft;
    for (int g = kArmLeft; g < kSkinGroupCount; ++g)
        if (groupMin[g] < groupMin[limb]) limb = g;
    const float dmin = std::min(groupMin[kTorso], groupMin[limb]);
    float sum = 0.0f;
    for (size_t i = 0; i < plan.skin.size(); ++i) {
        const int g = plan.skin[i].group;
        if (g != kTorso && g != limb) continue;
        float w = std::exp(-(d[i] - dmin) / kSkinSoftnessM);
        joints[plan.skin[i].joint] += w;
        groups[g] += w;
        sum += w;
    }
    for (int j = 0; j < kJointCount; ++j) joints[j] /= sum;
    for (int g = 0; g < kSkinGroupCount; ++g) groups[g] /= sum;
}

// Breathing of the skin at breath = 1, in bind space: the belly rises
// forward most, the lower ribs widen and come forward, the chest rises a
// little. Only the torso between pelvis and collarbones moves.
glm::vec3 skinBreath(const glm::vec3& p, float torsoWeight) {
    // Limbs keep still: only points mostly on the torso chain breathe.
    float fade = smooth01(0.90f, 0.97f, p.y) * (1.0f - smooth01(1.36f, 1.42f, p.y)) * smooth01(0.05f, 0.6f, torsoWeight);
    if (fade <= 0.0f) return glm::vec3(0.0f);
    float front = smooth01(-0.03f, 0.07f, p.z);
    float belly = std::exp(-std::pow((p.y - 1.04f) / 0.075f, 2.0f));
    float ribs = std::exp(-std::pow((p.y - 1.17f) / 0.055f, 2.0f));
    float chest = std::exp(-std::pow((p.y - 1.30f) / 0.060f, 2.0f));
    float lateral = smooth01(0.03f, 0.12f, std::abs(p.x)) * (p.x < 0.0f ? -1.0f : 1.0f);
    glm::vec3 d(0.0f);
    d.z += 0.018f * belly * front + 0.007f * ribs * smooth01(-0.06f, 0.06f, p.z) + 0.006f * chest * front;
    d.x += 0.004f * belly * lateral + 0.009f * ribs * lateral;
    d.y += 0.004f * chest * front;
    return d * fade;
}

glm::vec3 anatomyBreath(const AnatomyPlan& a, const glm::vec3& p) {
    switch (a.breath) {
    case AnatomyBreath::Diaphragm:
        // The dome flattens and descends: its top moves most, the rim little;
        // the lower ribs it hangs from widen.
        return {0.04f * p.x, -(0.005f + 0.30f * std::max(0.0f, p.y - a.centre.y)), 0.03f * (p.z - a.centre.z)};
    case AnatomyBreath::Lung: {
        glm::vec3 d = (p - a.centre) * glm::vec3(0.07f, 0.03f, 0.06f);
        d.y -= 0.022f * smooth01(a.centre.y, a.centre.y - 0.13f, p.y); // the base follows the diaphragm down
        return d;
    }
    case AnatomyBreath::PelvicFloor: return {0.0f, -0.006f * smooth01(a.centre.y, a.centre.y - 0.04f, p.y), 0.0f};
    case AnatomyBreath::None: break;
    }
    return glm::vec3(0.0f);
}

glm::vec3 fieldGradient(const ScalarField& f, const glm::vec3& p) {
    const float e = 0.0004f;
    glm::vec3 g(f(p + glm::vec3(e, 0, 0)) - f(p - glm::vec3(e, 0, 0)), f(p + glm::vec3(0, e, 0)) - f(p - glm::vec3(0, e, 0)),
                f(p + glm::vec3(0, 0, e)) - f(p - glm::vec3(0, 0, e)));
    float l = glm::length(g);
    return l > 0.0f ? g / l : glm::vec3(0, 1, 0);
}

// Simplifies a closed mesh to about `targetTriangles` (it stays closed),
// then orders it for the vertex cache and vertex fetch.
IsoMesh simplifyClosed(const IsoMesh& fine, int targetTriangles, const char* what) {
    IsoMesh simple = simplifyManifold(fine, size_t(targetTriangles));
    if (!isClosedManifold(simple.indices)) {
        // Cannot happen by construction; say so loudly rather than ship holes.
        log::warn("figure.simplify_open", "simplifying {} left holes; keeping the full-detail mesh", what);
        simple = fine;
    }
    std::vector<std::uint32_t> idx(simple.indices.size());
    meshopt_optimizeVertexCache(idx.data(), simple.indices.data(), idx.size(), simple.positions.size());
    std::vector<std::uint32_t> remap(simple.positions.size());
    size_t unique = meshopt_optimizeVertexFetchRemap(remap.data(), idx.data(), idx.size(), simple.positions.size());
    IsoMesh out;
    out.indices.resize(idx.size());
    meshopt_remapIndexBuffer(out.indices.data(), idx.data(), idx.size(), remap.data());
    out.positions.resize(unique);
    for (size_t i = 0; i < remap.size(); ++i)
        if (remap[i] != ~0u) out.positions[remap[i]] = simple.positions[i];
    return out;
}

Mesh skinMesh(const BodyPlan& plan, const IsoMesh& geometry) {
    Mesh m;
    m.indices = geometry.indices;
    m.vertices.resize(geometry.positions.size());
    float joints[kJointCount], groups[kSkinGroupCount];
    const auto& atlas = regions();
    std::vector<float> regionW(atlas.size());
    std::vector<Weighted> ws;
    for (size_t i = 0; i < geometry.positions.size(); ++i) {
        const glm::vec3 p = geometry.positions[i];
        FigureVertex& v = m.vertices[i];
        v.position = p;
        v.normal = plan.skinGradient(p);
        skinWeights(plan, p, joints, groups);
        ws.clear();
        for (int j = 0; j < kJointCount; ++j)
            if (joints[j] > 1e-4f) ws.push_back({j, joints[j]});
        quantize4(ws, v.joints, v.jointWeights);
        v.breathDelta = skinBreath(p, groups[kTorso]);

        // Regions: a soft-max over the cores by distance, each core pushed
        // away from points that are not on its chain.
        std::fill(regionW.begin(), regionW.end(), 0.0f);
        std::vector<float> dist(plan.cores.size());
        float dmin = 1e9f;
        for (size_t c = 0; c < plan.cores.size(); ++c) {
            const auto& core = plan.cores[c];
            float onChain = 0.0f;
            for (int g = 0; g < kSkinGroupCount; ++g)
                if (core.groups & (1u << g)) onChain += groups[g];
            dist[c] = segmentDistance(p, core.a, core.b) + kRegionOffChainM * (1.0f - std::min(onChain, 1.0f));
            dmin = std::min(dmin, dist[c]);
        }
        for (size_t c = 0; c < plan.cores.size(); ++c) regionW[plan.cores[c].region] += std::exp(-(dist[c] - dmin) / kRegionSoftnessM);
        ws.clear();
        for (size_t r = 0; r < regionW.size(); ++r)
            if (regionW[r] > 1e-3f) ws.push_back({int(r), regionW[r]});
        quantize4(ws, v.regions, v.regionWeights);
    }
    return m;
}

std::array<AnatomyPart, kFigureLods> anatomyParts(const BodyPlan& plan, const AnatomyPlan& a) {
    ScalarField field = [&a](const glm::vec3& p) { return chainField(a.shape, p); };
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const auto& s : a.shape) {
        if (s.subtract) continue;
        const bool cone = s.kind == SdfPrimitive::Kind::RoundCone;
        float r = cone ? std::max(s.ra, s.rb) : std::max(s.radii.x, std::max(s.radii.y, s.radii.z));
        r += s.shell + s.blend;
        lo = glm::min(lo, glm::min(s.a, cone ? s.b : s.a) - glm::vec3(r));
        hi = glm::max(hi, glm::max(s.a, cone ? s.b : s.a) + glm::vec3(r));
    }
    lo -= glm::vec3(3.0f * a.cellM);
    hi += glm::vec3(3.0f * a.cellM);
    IsoMesh geometry = meshIsoSurface(field, lo, hi, a.cellM);

    std::array<AnatomyPart, kFigureLods> out;
    const int region = regionIndex(a.region).value_or(0);
    std::vector<Weighted> ws;
    for (int lod = 0; lod < kFigureLods; ++lod) {
        geometry = simplifyClosed(geometry, a.targetTriangles[lod], a.region.c_str());
        AnatomyPart& part = out[lod];
        part.region = a.region;
        part.mesh.indices = geometry.indices;
        part.mesh.vertices.resize(geometry.positions.size());
        for (size_t i = 0; i < geometry.positions.size(); ++i) {
            const glm::vec3 p = geometry.positions[i];
            FigureVertex& v = part.mesh.vertices[i];
            v.position = p;
            v.normal = fieldGradient(field, p);
            v.breathDelta = anatomyBreath(a, p);
            // Inner parts follow the bones they lie along.
            ws.clear();
            for (int j : a.joints) {
                glm::vec3 b0, b1;
                plan.boneSegment(j, b0, b1);
                float d = segmentDistance(p, b0, b1) + 0.01f;
                ws.push_back({j, 1.0f / (d * d * d * d)});
            }
            quantize4(ws, v.joints, v.jointWeights);
            v.regions = {std::uint8_t(region), std::uint8_t(region), std::uint8_t(region), std::uint8_t(region)};
            v.regionWeights = {255, 0, 0, 0};
        }
    }
    return out;
}

} // namespace

std::array<Figure, kFigureLods> buildFigureLods(BodyBuild build) {
    const BodyPlan plan = makeBodyPlan(build);
    ScalarField skinField = [&plan](const glm::vec3& p) { return plan.skinField(p); };
    // Mesh once, then simplify step by step: each lod from the one before.
    IsoMesh geometry = meshIsoSurface(skinField, plan.boundsMin, plan.boundsMax, kSkinCellM);

    std::array<Figure, kFigureLods> out;
    for (int lod = 0; lod < kFigureLods; ++lod) {
        Figure& f = out[lod];
        f.desc.build = build;
        f.desc.heightM = kReferenceHeightM;
        f.desc.lod = lod;
        f.skeleton = plan.skeleton;
        f.landmarks = plan.landmarks;
        geometry = simplifyClosed(geometry, kSkinTriangles[lod], "the skin");
        f.skin = skinMesh(plan, geometry);
    }
    for (const auto& a : plan.anatomy) {
        auto parts = anatomyParts(plan, a);
        for (int lod = 0; lod < kFigureLods; ++lod) out[lod].anatomy.push_back(std::move(parts[lod]));
    }
    return out;
}

} // namespace soma
